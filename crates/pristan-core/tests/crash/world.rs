//! The world both processes act on: a coordinator's vault (the one killed) and a folder of
//! bundles from an approved volunteer, each adding one note `BUNDLE-NOTE k` to the volunteer's
//! case; and the parent's check after each kill.

use std::path::{Path, PathBuf};

use pristan_core::bundle::ExportOutcome;
use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::EntityId;
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};

use super::child::LOCAL_PREFIX;
use super::model::Model;
use super::passphrase;

pub struct World {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub bundles: PathBuf,
    pub count: u64,
}

fn note(vault: &mut Vault, case: EntityId, text: &str) {
    vault
        .add(Note {
            case_id: Some(case),
            visit_id: None,
            kind: NoteKind::Welfare,
            sensitivity: Sensitivity::Normal,
            text: LongText::new(text).unwrap(),
            replaces: None,
        })
        .unwrap();
}

fn export_to(vault: &mut Vault, dir: &Path, name: &Path) {
    let ExportOutcome::Written(report) = vault.export_bundle(dir, None, &mut |_| {}).unwrap()
    else {
        panic!("expected a bundle");
    };
    std::fs::rename(&report.path, name).unwrap();
}

impl World {
    /// A coordinator's vault that has approved a volunteer, and `count` further bundles of hers.
    pub fn new(count: u64) -> World {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let bundles = tmp.path().join("bundles");
        std::fs::create_dir(&bundles).unwrap();
        let (mut coordinator, _) = Vault::create(&dir, &passphrase(0), KdfParams::MINIMUM).unwrap();
        coordinator.create_org("Crash Visitors").unwrap();
        let (mut volunteer, _) = Vault::create(
            &tmp.path().join("volunteer"),
            &passphrase(0),
            KdfParams::MINIMUM,
        )
        .unwrap();
        let invitation = Invitation::from_text(&coordinator.invitation().unwrap().to_text());
        volunteer.join_org(&invitation.unwrap()).unwrap();
        let case = volunteer
            .add_case(NewCase {
                name: "Volunteer case".into(),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap();
        note(&mut volunteer, case, "BUNDLE-NOTE 0");
        let first = bundles.join("0.pristan");
        export_to(&mut volunteer, &bundles, &first);
        coordinator.import_bundles(&[first], &mut |_| {}).unwrap();
        coordinator
            .approve_device(volunteer.device_id(), Role::Volunteer)
            .unwrap();
        let retried = coordinator.retry_quarantine(&mut |_| {}).unwrap();
        assert_eq!(retried.imported, 1, "{retried:?}");
        for k in 1..=count {
            note(&mut volunteer, case, &format!("BUNDLE-NOTE {k}"));
            export_to(
                &mut volunteer,
                &bundles,
                &bundles.join(format!("{k}.pristan")),
            );
        }
        volunteer.lock().unwrap();
        coordinator.lock().unwrap();
        World {
            _tmp: tmp,
            dir,
            bundles,
            count,
        }
    }

    pub fn child_setup(&self, seed: u64) -> String {
        format!(
            "{}|{}|{}|{seed}",
            self.dir.display(),
            self.bundles.display(),
            self.count
        )
    }
}

/// Opens with the acknowledged passphrase, or the next one if a change was under way.
fn unlock(world: &World, model: &mut Model, run: usize) -> Vault {
    let changing = model
        .in_flight
        .as_deref()
        .is_some_and(|l| l.starts_with("DO passwd"));
    match Vault::unlock(&world.dir, &passphrase(model.passphrase_index)) {
        Ok(vault) => vault,
        Err(e) if changing => {
            model.passphrase_index += 1;
            Vault::unlock(&world.dir, &passphrase(model.passphrase_index))
                .unwrap_or_else(|e2| panic!("run {run}: neither passphrase opens: {e}; {e2}"))
        }
        Err(e) => panic!("run {run}: the acknowledged passphrase does not open: {e}"),
    }
}

fn name_value(name: &str) -> Option<u64> {
    let rest = name.strip_prefix(LOCAL_PREFIX)?;
    if rest == "new" {
        return None;
    }
    rest.strip_prefix("edit ")?.parse().ok()
}

/// After a kill: the vault opens, both integrity checks pass, every acknowledged write is there
/// and no acknowledged forget is undone. The write under way is resolved from what the vault
/// holds, so the model stays exact. Returns how many acknowledged writes were checked.
pub fn check(world: &World, model: &mut Model, run: usize) -> usize {
    let vault = unlock(world, model, run);
    let problems = vault.integrity_problems().unwrap();
    assert!(problems.is_empty(), "run {run}: {problems:?}");

    let in_flight = model.in_flight.take().unwrap_or_default();
    let words: Vec<&str> = in_flight.split(' ').collect();
    if let ["DO", "forget", case] = words.as_slice() {
        if vault.case(case.parse().unwrap()).unwrap().is_none() {
            model.forget(case);
        }
    }
    let mut checked = 0;
    for (id, value) in model.cases.clone() {
        let case = vault.case(id.parse().unwrap()).unwrap();
        let case = case.unwrap_or_else(|| panic!("run {run}: acknowledged case {id} is gone"));
        let found = name_value(&case.name);
        let under_way = match words.as_slice() {
            ["DO", "edit", c, v] if *c == id => v.parse().ok(),
            _ => None,
        };
        assert!(
            found == value || (found.is_some() && found == under_way),
            "run {run}: case {id} is named {:?}, acknowledged {value:?}",
            case.name
        );
        model.cases.insert(id, found);
        checked += 1;
    }
    for (id, case) in &model.notes {
        let note = vault.get::<Note>(id.parse().unwrap()).unwrap();
        assert!(
            note.is_some(),
            "run {run}: acknowledged note {id} of {case} is gone"
        );
        checked += 1;
    }
    for id in &model.forgotten {
        assert!(
            vault.case(id.parse().unwrap()).unwrap().is_none(),
            "run {run}: {id} is back"
        );
    }
    let texts: Vec<String> = vault
        .list_all::<Note>()
        .unwrap()
        .into_iter()
        .map(|n| n.record.text.as_str().to_owned())
        .collect();
    for k in &model.imports {
        let wanted = format!("BUNDLE-NOTE {k}");
        assert!(
            texts.contains(&wanted),
            "run {run}: imported bundle {k} is gone"
        );
        checked += 1;
    }
    vault.lock().unwrap();
    checked
}
