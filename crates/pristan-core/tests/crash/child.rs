//! The child: random mixed writes on the vault until it is killed. Before each write it prints
//! `DO …`; after the call returned (its transaction committed) it prints `ACK …` and flushes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::{EntityId, ForgetReason};
use pristan_core::{KdfParams, Vault};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::passphrase;

pub const LOCAL_PREFIX: &str = "Local ";

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

/// An edit value that grows across runs: the parent accepts only the acknowledged one or the one
/// under way.
fn now_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

/// `setup` is `vault dir|bundles dir|bundle count|seed`; `index` the current passphrase's.
pub fn run(setup: &str, index: &str) {
    let parts: Vec<&str> = setup.split('|').collect();
    let dir = Path::new(parts[0]);
    let bundles = PathBuf::from(parts[1]);
    let count: u64 = parts[2].parse().unwrap();
    let mut rng = StdRng::seed_from_u64(parts[3].parse().unwrap());
    let mut index: u64 = index.parse().unwrap();
    let mut vault = Vault::unlock(dir, &passphrase(index)).unwrap();
    for _ in 0..3_000 {
        let local: Vec<EntityId> = vault
            .cases()
            .unwrap()
            .into_iter()
            .filter(|c| c.name.starts_with(LOCAL_PREFIX))
            .map(|c| c.id)
            .collect();
        let pick = |rng: &mut StdRng| local[rng.random_range(0..local.len())];
        let roll = rng.random_range(0..100);
        if local.is_empty() || roll < 20 {
            say("DO case");
            let id = vault
                .add_case(NewCase {
                    name: format!("{LOCAL_PREFIX}new"),
                    ..NewCase::default()
                })
                .unwrap();
            say(&format!("ACK case {id}"));
        } else if roll < 50 {
            let case = pick(&mut rng);
            say(&format!("DO note {case}"));
            let id = vault
                .add(Note {
                    case_id: Some(case),
                    visit_id: None,
                    kind: NoteKind::Welfare,
                    sensitivity: Sensitivity::Normal,
                    text: LongText::new(&format!("Crash note {}", rng.random::<u32>())).unwrap(),
                    replaces: None,
                })
                .unwrap();
            say(&format!("ACK note {id} {case}"));
        } else if roll < 70 {
            let case = pick(&mut rng);
            let value = now_nanos();
            say(&format!("DO edit {case} {value}"));
            let name = serde_json::Value::from(format!("{LOCAL_PREFIX}edit {value}"));
            vault
                .update_case(case, BTreeMap::from([(CaseField::Name, name)]))
                .unwrap();
            say(&format!("ACK edit {case} {value}"));
        } else if roll < 85 {
            let k = rng.random_range(1..=count);
            say(&format!("DO import {k}"));
            let path = bundles.join(format!("{k}.pristan"));
            let summary = vault.import_bundles(&[path], &mut |_| {}).unwrap();
            assert_eq!(summary.quarantined + summary.rejected, 0, "{summary:?}");
            say(&format!("ACK import {k}"));
        } else if roll < 90 && local.len() >= 3 {
            let case = pick(&mut rng);
            say(&format!("DO forget {case}"));
            vault
                .forget_case(case, ForgetReason::EnteredByMistake)
                .unwrap();
            say(&format!("ACK forget {case}"));
        } else if roll < 93 {
            say(&format!("DO passwd {}", index + 1));
            vault.lock().unwrap();
            pristan_core::vault::change_passphrase(
                dir,
                &passphrase(index),
                &passphrase(index + 1),
                KdfParams::MINIMUM,
            )
            .unwrap();
            index += 1;
            say(&format!("ACK passwd {index}"));
            vault = Vault::unlock(dir, &passphrase(index)).unwrap();
        }
    }
    vault.lock().unwrap();
}
