//! The machinery of `sync_convergence.rs`: the organisation's vaults made once and copied for
//! each run, the random steps, and the delivery of bundles between devices. `forks` adds copies
//! of a volunteer's vault that keep its identity, and the documented recovery.

pub mod forks;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::bundle::{ExportOutcome, FileOutcome};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::{DeviceId, EntityId, ForgetReason};
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;
use serde_json::Value;

const VOLUNTEERS: usize = 2;
pub const DEVICES: usize = VOLUNTEERS + 1;
pub const COORDINATOR: usize = 0;
/// Case fields the random edits write; few, so that two devices often write the same one.
pub const FIELDS: [CaseField; 3] = [
    CaseField::Nationality,
    CaseField::Languages,
    CaseField::AttorneyName,
];

pub fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

#[derive(Debug, Clone)]
pub enum Step {
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
    ReviseNote {
        device: usize,
        case: u8,
        note: u8,
    },
    DeleteNote {
        device: usize,
        case: u8,
        note: u8,
    },
    DeleteCase {
        device: usize,
        case: u8,
    },
    /// Only coordinators may forget a person.
    Forget {
        case: u8,
    },
    Export {
        device: usize,
    },
    /// Imports some of the bundles `device` can read so far, chosen with repeats.
    Deliver {
        device: usize,
        picks: Vec<u8>,
    },
}

/// The organisation, made once: the coordinator's vault and the volunteers', each volunteer
/// approved (its first bundle, with one case, made it known) and none holding anything else.
pub struct Template {
    _tmp: tempfile::TempDir,
    pub dirs: Vec<PathBuf>,
}

pub fn template() -> Template {
    let tmp = tempfile::tempdir().unwrap();
    let create = |name: &str| {
        let dir = tmp.path().join(name);
        let (vault, _) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
        vault.set_device_name(name).unwrap();
        vault
    };
    let mut coordinator = create("Office laptop");
    coordinator.create_org("Convergence Visitors").unwrap();
    let invitation = Invitation::from_text(&coordinator.invitation().unwrap().to_text()).unwrap();
    let mut volunteers: Vec<Vault> = (1..=VOLUNTEERS)
        .map(|n| {
            let mut v = create(&format!("Volunteer {n}"));
            v.join_org(&invitation).unwrap();
            v
        })
        .collect();
    let ids: Vec<DeviceId> = volunteers.iter().map(Vault::device_id).collect();
    let stick = tempfile::tempdir().unwrap();
    for (n, volunteer) in volunteers.iter_mut().enumerate() {
        volunteer
            .add_case(NewCase {
                name: format!("Seed {n}"),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap();
        volunteer
            .export_bundle(stick.path(), None, &mut |_| {})
            .unwrap();
    }
    coordinator
        .import_bundles(&[stick.path().to_owned()], &mut |_| {})
        .unwrap();
    for id in &ids {
        coordinator.approve_device(*id, Role::Volunteer).unwrap();
    }
    let retried = coordinator.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, VOLUNTEERS, "{retried:?}");
    // Only a coordinator assigns (org::permissions): it sends every case to every volunteer.
    assign_unassigned(&mut coordinator, &ids);
    let mut dirs = vec![coordinator.dir().to_owned()];
    coordinator.lock().unwrap();
    for volunteer in volunteers {
        dirs.push(volunteer.dir().to_owned());
        volunteer.lock().unwrap();
    }
    Template { _tmp: tmp, dirs }
}

/// The coordinator assigns every case not yet assigned to every volunteer, as it would on
/// receiving a new case, so case packets carry every case everywhere.
fn assign_unassigned(coordinator: &mut Vault, volunteers: &[DeviceId]) {
    let unassigned: Vec<EntityId> = coordinator
        .cases()
        .unwrap()
        .into_iter()
        .filter(|case| case.assigned_to.is_empty())
        .map(|case| case.id)
        .collect();
    for case in unassigned {
        assign_to_all(coordinator, case, volunteers);
    }
}

pub fn assign_to_all(vault: &mut Vault, case: EntityId, volunteers: &[DeviceId]) {
    let ids: Vec<String> = volunteers.iter().map(ToString::to_string).collect();
    vault
        .update_case(
            case,
            BTreeMap::from([(CaseField::AssignedTo, Value::from(ids))]),
        )
        .unwrap();
}

/// A small deterministic generator (SplitMix64) for delivery orders, seeded by proptest.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }

    /// Every path, some twice, in a random order.
    pub fn order(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut out = paths.to_vec();
        for path in paths {
            if self.below(3) == 0 {
                out.push(path.clone());
            }
        }
        for i in (1..out.len()).rev() {
            out.swap(i, self.below(i + 1));
        }
        out
    }
}

/// One run: copies of the template's vaults, the folder bundles are written to, and for each
/// device the bundles written so far that it can read.
pub struct World {
    _tmp: tempfile::TempDir,
    pub vaults: Vec<Vault>,
    outbox: PathBuf,
    pub inbox: Vec<Vec<PathBuf>>,
    volunteers: Vec<DeviceId>,
    rng: Rng,
    counter: usize,
}

impl World {
    pub fn new(template: &Template, seed: u64) -> World {
        let tmp = tempfile::tempdir().unwrap();
        let vaults: Vec<Vault> = template
            .dirs
            .iter()
            .enumerate()
            .map(|(n, from)| {
                let to = tmp.path().join(format!("device{n}"));
                copy_dir(from, &to);
                // Each run's copy stands in for the template, so it keeps its identity.
                Vault::unlock_as_moved(&to, &passphrase()).unwrap()
            })
            .collect();
        let outbox = tmp.path().join("outbox");
        fs::create_dir(&outbox).unwrap();
        World {
            volunteers: vaults[1..].iter().map(Vault::device_id).collect(),
            vaults,
            outbox,
            inbox: vec![Vec::new(); DEVICES],
            rng: Rng(seed),
            counter: 0,
            _tmp: tmp,
        }
    }

    fn case(&self, device: usize, pick: u8) -> Option<EntityId> {
        let cases = self.vaults[device].cases().unwrap();
        (!cases.is_empty()).then(|| cases[pick as usize % cases.len()].id)
    }

    fn shared_case(&self, device: usize, pick: u8) -> Option<EntityId> {
        let cases: Vec<_> = self.vaults[device]
            .cases()
            .unwrap()
            .into_iter()
            .filter(|case| !case.assigned_to.is_empty())
            .collect();
        (!cases.is_empty()).then(|| cases[pick as usize % cases.len()].id)
    }

    fn note(&self, device: usize, case: u8, pick: u8) -> Option<EntityId> {
        let notes = self.vaults[device]
            .current_notes(self.case(device, case)?)
            .unwrap();
        (!notes.is_empty()).then(|| notes[pick as usize % notes.len()].note.id)
    }

    fn text(&mut self, device: usize) -> LongText {
        self.counter += 1;
        LongText::new(&format!("Note {} written on device {device}", self.counter)).unwrap()
    }

    pub fn run(&mut self, step: &Step) {
        match *step {
            Step::AddCase { device } => {
                self.counter += 1;
                let name = format!("Person {}", self.counter);
                let vault = &mut self.vaults[device];
                let id = vault
                    .add_case(NewCase {
                        name,
                        share_with_coordinator: true,
                        ..NewCase::default()
                    })
                    .unwrap();
                if device == COORDINATOR {
                    assign_to_all(vault, id, &self.volunteers);
                }
            }
            Step::Update {
                device,
                case,
                field,
                value,
            } => {
                if let Some(id) = self.case(device, case) {
                    let change =
                        BTreeMap::from([(FIELDS[field], Value::from(format!("v{value}")))]);
                    self.vaults[device].update_case(id, change).unwrap();
                }
            }
            Step::AddNote { device, case } => {
                if let Some(id) = self.case(device, case) {
                    let text = self.text(device);
                    self.vaults[device]
                        .add(Note {
                            case_id: Some(id),
                            visit_id: None,
                            kind: NoteKind::Welfare,
                            sensitivity: Sensitivity::Normal,
                            text,
                            replaces: None,
                        })
                        .unwrap();
                }
            }
            Step::ReviseNote { device, case, note } => {
                if let Some(id) = self.note(device, case, note) {
                    let text = self.text(device);
                    self.vaults[device]
                        .revise_note(id, NoteKind::Observation, Sensitivity::Normal, text)
                        .unwrap();
                }
            }
            Step::DeleteNote { device, case, note } => {
                if let Some(id) = self.note(device, case, note) {
                    self.vaults[device].delete::<Note>(id).unwrap();
                }
            }
            Step::DeleteCase { device, case } => {
                // Only a case the coordinator has assigned, so shared with every device: a case
                // deleted before it was assigned never reaches the other volunteers (only a
                // coordinator assigns), and their states would rightly differ by its tombstone.
                if let Some(id) = self.shared_case(device, case) {
                    self.vaults[device].delete_case(id).unwrap();
                }
            }
            Step::Forget { case } => {
                // A shared case, for the same reason as a deletion: a forget goes only to the
                // devices that hold the case (`ops::holders`), so forgetting a case before it was
                // assigned rightly leaves other volunteers without its id in their forgotten set.
                if let Some(id) = self.shared_case(COORDINATOR, case) {
                    self.vaults[COORDINATOR]
                        .forget_case(id, ForgetReason::ConsentWithdrawn)
                        .unwrap();
                }
            }
            Step::Export { device } => {
                self.export(device);
            }
            Step::Deliver { device, ref picks } => {
                for pick in picks {
                    let inbox = &self.inbox[device];
                    if inbox.is_empty() {
                        break;
                    }
                    let path = inbox[*pick as usize % inbox.len()].clone();
                    self.import(device, &path);
                }
            }
        }
    }

    /// A volunteer's own operations for the coordinator, or the coordinator's case packets for
    /// every volunteer. Returns whether anything new was written.
    fn export(&mut self, device: usize) -> bool {
        if device == COORDINATOR {
            assign_unassigned(&mut self.vaults[COORDINATOR], &self.volunteers);
            for (n, volunteer) in self.volunteers.iter().enumerate() {
                let report = self.vaults[COORDINATOR]
                    .export_case_packet(*volunteer, &self.outbox, &mut |_| {})
                    .unwrap();
                self.inbox[n + 1].push(PathBuf::from(report.path));
            }
            return true;
        }
        match self.vaults[device]
            .export_bundle(&self.outbox, None, &mut |_| {})
            .unwrap()
        {
            ExportOutcome::Written(report) => {
                self.inbox[COORDINATOR].push(PathBuf::from(report.path));
                true
            }
            ExportOutcome::NothingNew => false,
        }
    }

    /// Imports one file; returns how many new operations it brought. A file seen before must
    /// change nothing.
    fn import(&mut self, device: usize, path: &Path) -> usize {
        let vault = &mut self.vaults[device];
        let before = vault.state_hash().unwrap();
        let summary = vault
            .import_bundles(&[path.to_owned()], &mut |_| {})
            .unwrap();
        match &summary.files[0].outcome {
            FileOutcome::Imported(counts) => counts.new_ops,
            FileOutcome::AlreadyImported { .. } => {
                assert_eq!(
                    vault.state_hash().unwrap(),
                    before,
                    "a replay changed device {device}"
                );
                0
            }
            other => panic!("device {device} refused {}: {other:?}", path.display()),
        }
    }

    /// Every bundle each device can read, in random order with repeats, until a round brings
    /// nothing new. Returns the number of rounds.
    pub fn deliver_until_quiet(&mut self) -> usize {
        for round in 1..=5 {
            let mut news = 0;
            for device in 1..DEVICES {
                news += usize::from(self.export(device));
            }
            for path in self.rng.order(&self.inbox[COORDINATOR].clone()) {
                news += self.import(COORDINATOR, &path);
            }
            self.export(COORDINATOR);
            for device in 1..DEVICES {
                for path in self.rng.order(&self.inbox[device].clone()) {
                    news += self.import(device, &path);
                }
            }
            if news == 0 {
                return round;
            }
        }
        panic!("deliveries still brought new operations after 5 rounds");
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        assert!(entry.file_type().unwrap().is_file(), "{:?}", entry.path());
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}
