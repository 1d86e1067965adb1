//! Forked vaults in the convergence property: a volunteer's vault is copied at a random moment in
//! a way Pristan cannot notice (a whole-disk image keeps the device identity), and both copies
//! go on writing. Bundles travel in random order with repeats. Then the documented recovery runs
//! (docs/sync-plan.md, "Forks"): the coordinator revokes each forked identity at its last common
//! sequence number and sends the revocation to it, the copies move to new identities and issue
//! their writes again, the coordinator approves the new identities, and case packets go back.
//! Afterwards every acknowledged write (every case opened, every note saved) is on every device,
//! and every device holds the same state.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use pristan_core::bundle::{ExportOutcome, FileOutcome};
use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::{DeviceId, EntityId};
use pristan_core::org::Role;
use pristan_core::Vault;
use serde_json::Value;

use super::{assign_to_all, copy_dir, passphrase, Rng, Template, COORDINATOR, FIELDS};

/// At most this many volunteer vaults, copies included, so a run stays small.
const MAX_VAULTS: usize = 5;

#[derive(Debug, Clone)]
pub enum ForkStep {
    AddCase {
        device: usize,
    },
    Update {
        device: usize,
        case: u8,
        field: usize,
        value: u8,
    },
    AddNote {
        device: usize,
        case: u8,
    },
    /// Copies volunteer `device`'s vault, keeping its identity: from now on two copies write
    /// (with `both_write`, each at once adds a case).
    Copy {
        device: usize,
        both_write: bool,
    },
    Export {
        device: usize,
    },
    /// Imports some of what `device` can read so far, chosen with repeats.
    Deliver {
        device: usize,
        picks: Vec<u8>,
    },
}

/// A bundle waiting for a device, with the identity it was addressed to (packets) so that a
/// vault that moved on is not handed its old identity's packets, which it can no longer open.
#[derive(Clone)]
struct Mail {
    path: PathBuf,
    to: Option<DeviceId>,
}

pub struct ForkWorld {
    tmp: tempfile::TempDir,
    pub vaults: Vec<Vault>,
    outbox: PathBuf,
    inbox: Vec<Vec<Mail>>,
    rng: Rng,
    counter: usize,
    /// Every case name and note text written: each must end up on every device.
    pub written: BTreeSet<String>,
    /// Forks the recovery resolved and new identities it approved, to show the run did something.
    pub revoked: usize,
    pub approved: usize,
}

impl ForkWorld {
    pub fn new(template: &Template, seed: u64) -> ForkWorld {
        let tmp = tempfile::tempdir().unwrap();
        let vaults: Vec<Vault> = template
            .dirs
            .iter()
            .enumerate()
            .map(|(n, from)| {
                let to = tmp.path().join(format!("device{n}"));
                copy_dir(from, &to);
                Vault::unlock_as_moved(&to, &passphrase()).unwrap()
            })
            .collect();
        let outbox = tmp.path().join("outbox");
        fs::create_dir(&outbox).unwrap();
        let written = vaults
            .iter()
            .flat_map(|v| v.cases().unwrap())
            .map(|c| c.name)
            .collect();
        ForkWorld {
            inbox: vec![Vec::new(); vaults.len()],
            vaults,
            outbox,
            rng: Rng(seed),
            counter: 0,
            written,
            tmp,
            revoked: 0,
            approved: 0,
        }
    }

    fn volunteer(&self, pick: usize) -> usize {
        1 + pick % (self.vaults.len() - 1)
    }

    fn volunteer_ids(&self) -> Vec<DeviceId> {
        let mut ids: Vec<DeviceId> = self.vaults[1..].iter().map(Vault::device_id).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    fn case(&self, device: usize, pick: u8) -> Option<EntityId> {
        let cases = self.vaults[device].cases().unwrap();
        (!cases.is_empty()).then(|| cases[pick as usize % cases.len()].id)
    }

    pub fn run(&mut self, step: &ForkStep) {
        match *step {
            ForkStep::AddCase { device } => {
                self.counter += 1;
                let name = format!("Person {}", self.counter);
                let ids = self.volunteer_ids();
                let n = self.vaults.len();
                let vault = &mut self.vaults[device % n];
                let id = vault
                    .add_case(NewCase {
                        name: name.clone(),
                        share_with_coordinator: true,
                        ..NewCase::default()
                    })
                    .unwrap();
                // Only a coordinator assigns; a volunteer's case is assigned by the coordinator
                // when it arrives (`reassign`).
                if device % n == COORDINATOR {
                    assign_to_all(vault, id, &ids);
                }
                self.written.insert(name);
            }
            ForkStep::Update {
                device,
                case,
                field,
                value,
            } => {
                let device = device % self.vaults.len();
                if let Some(id) = self.case(device, case) {
                    let change = std::collections::BTreeMap::from([(
                        FIELDS[field % FIELDS.len()],
                        Value::from(format!("v{value}")),
                    )]);
                    self.vaults[device].update_case(id, change).unwrap();
                }
            }
            ForkStep::AddNote { device, case } => {
                let device = device % self.vaults.len();
                if let Some(id) = self.case(device, case) {
                    self.counter += 1;
                    let text = format!("Note {} written on vault {device}", self.counter);
                    self.vaults[device]
                        .add(Note {
                            case_id: Some(id),
                            visit_id: None,
                            kind: NoteKind::Welfare,
                            sensitivity: Sensitivity::Normal,
                            text: LongText::new(&text).unwrap(),
                            replaces: None,
                        })
                        .unwrap();
                    self.written.insert(text);
                }
            }
            ForkStep::Copy { device, both_write } => {
                if self.vaults.len() < MAX_VAULTS + 1 {
                    let device = self.volunteer(device);
                    self.copy(device);
                    if both_write {
                        let copy = self.vaults.len() - 1;
                        self.run(&ForkStep::AddCase { device });
                        self.run(&ForkStep::AddCase { device: copy });
                    }
                }
            }
            ForkStep::Export { device } => {
                self.export(device % self.vaults.len());
            }
            ForkStep::Deliver { device, ref picks } => {
                let device = device % self.vaults.len();
                for pick in picks {
                    let mail = self.readable(device);
                    if mail.is_empty() {
                        break;
                    }
                    let path = mail[*pick as usize % mail.len()].clone();
                    self.import_if_readable(device, &path);
                }
            }
        }
    }

    /// A whole-disk copy of `device`'s closed vault: the copy keeps the identity.
    fn copy(&mut self, device: usize) {
        let from = self.vaults[device].dir().to_owned();
        let n = self.vaults.len();
        let to = self.tmp.path().join(format!("device{n}"));
        let closed = self.vaults.remove(device);
        closed.lock().unwrap();
        copy_dir(&from, &to);
        self.vaults
            .insert(device, Vault::unlock(&from, &passphrase()).unwrap());
        self.vaults
            .push(Vault::unlock_as_moved(&to, &passphrase()).unwrap());
        self.inbox.push(self.inbox[device].clone());
    }

    /// What `device` can open: bundles to the coordinator, or packets to its current identity.
    fn readable(&self, device: usize) -> Vec<PathBuf> {
        let me = self.vaults[device].device_id();
        self.inbox[device]
            .iter()
            .filter(|m| m.to.is_none() || m.to == Some(me))
            .map(|m| m.path.clone())
            .collect()
    }

    /// Imports `path` if `device` can still open it (it may have moved to a new identity since
    /// the list was made).
    fn import_if_readable(&mut self, device: usize, path: &std::path::Path) -> usize {
        let me = self.vaults[device].device_id();
        let readable = self.inbox[device]
            .iter()
            .any(|m| m.path == path && (m.to.is_none() || m.to == Some(me)));
        if readable {
            self.import(device, path)
        } else {
            0
        }
    }

    /// A volunteer's own operations, or the coordinator's packets for every volunteer vault's
    /// current identity that the roster lists (a revoked one gets the revocation only). Returns
    /// whether anything was written.
    fn export(&mut self, device: usize) -> bool {
        if device == COORDINATOR {
            let roster = self.vaults[COORDINATOR].roster().unwrap().unwrap();
            for n in 1..self.vaults.len() {
                let id = self.vaults[n].device_id();
                if !roster.entries.iter().any(|e| e.device == id) {
                    continue;
                }
                let report = self.vaults[COORDINATOR]
                    .export_case_packet(id, &self.outbox, &mut |_| {})
                    .unwrap();
                self.inbox[n].push(Mail {
                    path: PathBuf::from(report.path),
                    to: Some(id),
                });
            }
            return true;
        }
        match self.vaults[device]
            .export_bundle(&self.outbox, None, &mut |_| {})
            .unwrap()
        {
            ExportOutcome::Written(report) => {
                self.inbox[COORDINATOR].push(Mail {
                    path: PathBuf::from(report.path),
                    to: None,
                });
                true
            }
            ExportOutcome::NothingNew => false,
        }
    }

    /// Imports one file; returns how many new operations it brought. At the coordinator a
    /// bundle may wait for its sender's approval, and one from a forked identity reaching past
    /// its revocation is refused (its writes come again under the new identities); nothing else
    /// may be refused.
    fn import(&mut self, device: usize, path: &std::path::Path) -> usize {
        let summary = self.vaults[device]
            .import_bundles(&[path.to_owned()], &mut |_| {})
            .unwrap();
        match &summary.files[0].outcome {
            FileOutcome::Imported(counts) => counts.new_ops,
            FileOutcome::AlreadyImported { .. } => 0,
            FileOutcome::Quarantined { waiting: true, .. } if device == COORDINATOR => 0,
            FileOutcome::Quarantined { reason, .. }
                if device == COORDINATOR && reason.to_string().contains("revoked") =>
            {
                0
            }
            other => panic!("device {device} refused {}: {other:?}", path.display()),
        }
    }

    /// The documented recovery, repeated with deliveries in random order until a round changes
    /// nothing: revoke each fork at its last common sequence number, approve the successors,
    /// send packets (the revocation to revoked identities). Returns the number of rounds.
    pub fn recover_until_quiet(&mut self) -> usize {
        for round in 1..=8 {
            let ids_before: Vec<DeviceId> = self.vaults.iter().map(Vault::device_id).collect();
            let mut news = 0;
            for device in 1..self.vaults.len() {
                news += usize::from(self.export(device));
            }
            let mail = self.readable(COORDINATOR);
            for path in self.rng.order(&mail) {
                news += self.import(COORDINATOR, &path);
            }
            let coordinator = &mut self.vaults[COORDINATOR];
            for fork in coordinator.forks().unwrap() {
                coordinator
                    .revoke_device(fork.device, Some(fork.last_common_seq))
                    .unwrap();
                news += 1;
                self.revoked += 1;
            }
            for pending in coordinator.pending_devices().unwrap() {
                assert!(pending.replaces.is_some(), "{pending:?}");
                coordinator
                    .approve_device(pending.identity.device, Role::Volunteer)
                    .unwrap();
                news += 1;
                self.approved += 1;
            }
            let retried = coordinator.retry_quarantine(&mut |_| {}).unwrap();
            news += retried.totals.new_ops;
            news += self.assign_to_active();
            self.export(COORDINATOR);
            for device in 1..self.vaults.len() {
                let mail = self.readable(device);
                for path in self.rng.order(&mail) {
                    news += self.import_if_readable(device, &path);
                }
            }
            let ids_after: Vec<DeviceId> = self.vaults.iter().map(Vault::device_id).collect();
            let waiting = self.vaults[COORDINATOR]
                .quarantine()
                .unwrap()
                .iter()
                .any(|q| q.waiting);
            let quiet = news == 0 && ids_before == ids_after && !waiting;
            if quiet {
                return round;
            }
        }
        panic!("the recovery was still changing things after 8 rounds");
    }

    /// The coordinator assigns every case to every approved, unrevoked volunteer device, as it
    /// would after approving new identities. Returns how many cases it changed.
    fn assign_to_active(&mut self) -> usize {
        let coordinator = &mut self.vaults[COORDINATOR];
        let me = coordinator.device_id();
        let mut active: Vec<String> = coordinator
            .roster()
            .unwrap()
            .unwrap()
            .entries
            .into_iter()
            .filter(|e| e.device != me && e.revoked_after_seq.is_none())
            .map(|e| e.device.to_string())
            .collect();
        active.sort();
        let mut changed = 0;
        for case in coordinator.cases().unwrap() {
            let mut held = case
                .assigned_to
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>();
            held.sort();
            if held != active {
                let ids: Vec<DeviceId> = active.iter().map(|d| d.parse().unwrap()).collect();
                assign_to_all(coordinator, case.id, &ids);
                changed += 1;
            }
        }
        changed
    }

    /// Every case name and note text on `device`.
    pub fn texts(&self, device: usize) -> BTreeSet<String> {
        let vault = &self.vaults[device];
        let mut texts = BTreeSet::new();
        for case in vault.cases().unwrap() {
            for note in vault.current_notes(case.id).unwrap() {
                texts.insert(note.note.record.text.as_str().to_owned());
            }
            texts.insert(case.name);
        }
        texts
    }
}
