//! Copied and restored vaults (issue 9): two copies of one vault writing under one identity must
//! never lose a write. A copy Pristan notices moves to a new identity before it writes; a copy it
//! cannot notice (a whole-disk image) forks, the fork is kept and named, and the documented
//! recovery (revoke at the last common sequence number, approve the new identities) brings every
//! write to every device. Two coordinators changing the roster at once end with the same roster.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::bundle::Refusal;
use pristan_core::bundle::{ExportOutcome, FileOutcome, IdentityChangeReason, ImportSummary};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{Evidence, EvidenceCategory, LongText, ShortText, VerificationLevel};
use pristan_core::ops::{DeviceId, EntityId};
use pristan_core::org::permissions::RoleRefusal;
use pristan_core::org::{Invitation, Role, RosterEntry};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;
use serde_json::Value;

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

struct Device {
    tmp: tempfile::TempDir,
    vault: Vault,
}

fn device(name: &str) -> Device {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    Device { tmp, vault }
}

impl Device {
    /// This vault and a copy of its folder, both opened. `noticed`: an ordinary copy, which
    /// Pristan sees; otherwise one it cannot tell from the original (a whole-disk image).
    fn copy(self, noticed: bool) -> (Device, Device) {
        let from = self.vault.dir().to_owned();
        self.vault.lock().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let to = tmp.path().join("v");
        fs::create_dir(&to).unwrap();
        for entry in fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
        let original = Device {
            tmp: self.tmp,
            vault: Vault::unlock(&from, &passphrase()).unwrap(),
        };
        let vault = if noticed {
            Vault::unlock(&to, &passphrase()).unwrap()
        } else {
            Vault::unlock_as_moved(&to, &passphrase()).unwrap()
        };
        (original, Device { tmp, vault })
    }

    fn export(&mut self) -> PathBuf {
        let out = self.tmp.path().join("out");
        fs::create_dir_all(&out).unwrap();
        match self.vault.export_bundle(&out, None, &mut |_| {}).unwrap() {
            ExportOutcome::Written(report) => PathBuf::from(report.path),
            ExportOutcome::NothingNew => panic!("expected a bundle"),
        }
    }

    fn import(&mut self, path: &Path) -> ImportSummary {
        self.vault
            .import_bundles(&[path.to_owned()], &mut |_| {})
            .unwrap()
    }

    fn add_case(&mut self, name: &str) -> EntityId {
        self.vault
            .add_case(NewCase {
                name: name.to_owned(),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap()
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .vault
            .cases()
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        names.sort();
        names
    }

    /// This device's entry in the roster it holds.
    fn own_roster_entry(&self) -> RosterEntry {
        let me = self.vault.device_id();
        let roster = self.vault.roster().unwrap().unwrap();
        roster.entries.into_iter().find(|e| e.device == me).unwrap()
    }

    /// `device`'s entry in the roster this device holds.
    fn roster_entry_of(&self, device: DeviceId) -> RosterEntry {
        let roster = self.vault.roster().unwrap().unwrap();
        roster
            .entries
            .into_iter()
            .find(|e| e.device == device)
            .unwrap()
    }

    fn packet_for(&mut self, to: DeviceId) -> PathBuf {
        let out = self.tmp.path().join("packets");
        fs::create_dir_all(&out).unwrap();
        let report = self
            .vault
            .export_case_packet(to, &out, &mut |_| {})
            .unwrap();
        PathBuf::from(report.path)
    }
}

/// A coordinator and an approved volunteer whose first case the coordinator holds.
fn organisation() -> (Device, Device) {
    let mut coordinator = device("Office laptop");
    coordinator.vault.create_org("Test Visitors").unwrap();
    let mut volunteer = device("Anna's laptop");
    let text = coordinator.vault.invitation().unwrap().to_text();
    volunteer
        .vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    volunteer.add_case("Ivan Petrov");
    let first = volunteer.export();
    coordinator.import(&first);
    let id = volunteer.vault.device_id();
    coordinator
        .vault
        .approve_device(id, Role::Volunteer)
        .unwrap();
    let retried = coordinator.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
    (coordinator, volunteer)
}

fn imported(summary: &ImportSummary) -> &pristan_core::bundle::ImportCounts {
    match &summary.files[0].outcome {
        FileOutcome::Imported(counts) => counts,
        other => panic!("expected an import: {other:?}"),
    }
}

fn assign_all(coordinator: &mut Device, volunteers: &[DeviceId]) {
    let ids: Vec<String> = volunteers.iter().map(ToString::to_string).collect();
    for case in coordinator.vault.cases().unwrap() {
        coordinator
            .vault
            .update_case(
                case.id,
                BTreeMap::from([(CaseField::AssignedTo, Value::from(ids.clone()))]),
            )
            .unwrap();
    }
}

/// Approves every waiting device (checking it says which device it replaces) and imports what
/// waited.
fn approve_successors(coordinator: &mut Device, replaced: DeviceId) -> Vec<DeviceId> {
    let pending = coordinator.vault.pending_devices().unwrap();
    assert!(!pending.is_empty());
    let mut ids = Vec::new();
    for p in pending {
        assert_eq!(p.replaces, Some(replaced), "{p:?}");
        assert_eq!(p.replaces_name.as_deref(), Some("Anna's laptop"));
        coordinator
            .vault
            .approve_device(p.identity.device, Role::Volunteer)
            .unwrap();
        ids.push(p.identity.device);
    }
    let retried = coordinator.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.quarantined, 0, "{retried:?}");
    ids
}

// The scenario, with a copy Pristan cannot notice: both copies write under one identity,
// the coordinator keeps the second copy's case aside and names the fork, and after the recovery
// both cases are on every device with equal state hashes.
#[test]
fn a_fork_is_kept_named_and_resolved_without_losing_a_write() {
    let (mut coordinator, anna) = organisation();
    let old_id = anna.vault.device_id();
    let (mut anna, mut clone) = anna.copy(false);
    assert_eq!(
        clone.vault.device_id(),
        old_id,
        "a disk image keeps the identity"
    );

    anna.add_case("Case written on the laptop");
    clone.add_case("Case written on the copy");
    let first = anna.export();
    let second = clone.export();

    assert!(imported(&coordinator.import(&first)).forks.is_empty());
    let summary = coordinator.import(&second);
    let counts = imported(&summary);
    assert_eq!(
        counts.duplicate_ops, 0,
        "nothing different passes as a duplicate"
    );
    assert_eq!(counts.new_ops, 0);
    assert_eq!(counts.forks.len(), 1, "{counts:?}");
    let fork = &summary.forks[0];
    assert_eq!(fork.device, old_id);
    assert_eq!(fork.device_name, "Anna's laptop");
    // Each case is two operations (the case and its consent to share with the coordinator).
    assert_eq!((fork.first_seq, fork.last_common_seq), (3, 2));
    assert_eq!(fork.bundle_number, Some(2));
    assert_eq!(fork.ops_aside, 2);
    assert!(!coordinator
        .names()
        .contains(&"Case written on the copy".to_owned()));

    // The recovery: revoke at the last common sequence number; both copies hear of it.
    coordinator
        .vault
        .revoke_device(old_id, Some(fork.last_common_seq))
        .unwrap();
    assert!(coordinator.vault.forks().unwrap().is_empty(), "resolved");
    let notice = coordinator.packet_for(old_id);
    for copy in [&mut anna, &mut clone] {
        copy.import(&notice);
        assert_ne!(copy.vault.device_id(), old_id, "each copy moves on");
        let told = copy.vault.identity_notice().unwrap().unwrap();
        assert_eq!(told.reason, IdentityChangeReason::Revoked);
        assert_eq!((told.previous, told.reissued), (old_id, 2));
    }
    let (a, c) = (anna.export(), clone.export());
    coordinator.import(&a);
    coordinator.import(&c);
    let successors = approve_successors(&mut coordinator, old_id);
    assert_eq!(successors.len(), 2);
    assert_eq!(
        coordinator.names(),
        [
            "Case written on the copy",
            "Case written on the laptop",
            "Ivan Petrov"
        ]
    );

    // Case packets go back; every device ends with the same state.
    assign_all(&mut coordinator, &successors);
    for copy in [&mut anna, &mut clone] {
        let id = copy.vault.device_id();
        let packet = coordinator.packet_for(id);
        let summary = copy.import(&packet);
        assert!(summary.forks.is_empty(), "{summary:?}");
    }
    let hash = coordinator.vault.state_hash().unwrap();
    assert_eq!(anna.vault.state_hash().unwrap(), hash);
    assert_eq!(clone.vault.state_hash().unwrap(), hash);
    assert_eq!(anna.names(), coordinator.names());
    assert_eq!(clone.names(), coordinator.names());
}

// A copy taken before the last export (as a backup restored after the laptop died would be):
// Pristan notices the copy, moves it to a new identity before it writes, and what it writes
// arrives; nothing is lost and nothing forks.
#[test]
fn a_copy_taken_before_the_last_export_continues_under_a_new_identity() {
    let (mut coordinator, mut anna) = organisation();
    let old_id = anna.vault.device_id();
    anna.add_case("Written before the copy, sent after it");
    let (mut anna, mut copy) = anna.copy(true);
    let last = anna.export();
    coordinator.import(&last);
    drop(anna); // the laptop is lost

    assert_ne!(copy.vault.device_id(), old_id);
    let told = copy.vault.identity_notice().unwrap().unwrap();
    assert_eq!(told.reason, IdentityChangeReason::Copied);
    assert_eq!(copy.vault.earlier_identities().unwrap(), [old_id]);
    copy.add_case("Written on the restored copy");
    let bundle = copy.export();
    let waiting = coordinator.import(&bundle);
    assert_eq!(waiting.quarantined, 1, "{waiting:?}");
    let successors = approve_successors(&mut coordinator, old_id);
    assert_eq!(successors, [copy.vault.device_id()]);
    assert!(coordinator.vault.forks().unwrap().is_empty());
    assert_eq!(
        coordinator.names(),
        [
            "Ivan Petrov",
            "Written before the copy, sent after it",
            "Written on the restored copy"
        ]
    );
    assign_all(&mut coordinator, &successors);
    let packet = coordinator.packet_for(successors[0]);
    copy.import(&packet);
    assert_eq!(
        copy.vault.state_hash().unwrap(),
        coordinator.vault.state_hash().unwrap()
    );
}

// The copy's own unsent work travels under the new identity, carried unchanged: the coordinator
// applies it once, whichever copy's bundle comes first.
#[test]
fn a_copy_carries_its_old_identitys_unsent_work() {
    let (mut coordinator, mut anna) = organisation();
    anna.add_case("Unsent when the folder was copied");
    let (anna, mut copy) = anna.copy(true);
    drop(anna);
    let bundle = copy.export();
    coordinator.import(&bundle);
    approve_successors(
        &mut coordinator,
        copy.vault.earlier_identities().unwrap()[0],
    );
    assert!(coordinator
        .names()
        .contains(&"Unsent when the folder was copied".to_owned()));
    assert_eq!(copy.vault.unsent_ops().unwrap(), 0);
}

// A device that receives, in a case packet, operations under its own id that it never wrote
// moves to a new identity before it exports again.
#[test]
fn a_packet_with_foreign_writes_under_its_own_id_moves_a_device_on() {
    let (mut coordinator, anna) = organisation();
    let old_id = anna.vault.device_id();
    let (mut anna, mut clone) = anna.copy(false);
    clone.add_case("Only the copy wrote this");
    let bundle = clone.export();
    coordinator.import(&bundle);
    assign_all(&mut coordinator, &[old_id]);
    let packet = coordinator.packet_for(old_id);
    anna.import(&packet);
    assert_ne!(anna.vault.device_id(), old_id);
    let told = anna.vault.identity_notice().unwrap().unwrap();
    assert_eq!(told.reason, IdentityChangeReason::ForkSeen);
    // Once moved on, the other copy's case is simply someone else's work: it shows, and
    // nothing conflicts with what this laptop wrote.
    assert!(anna
        .names()
        .contains(&"Only the copy wrote this".to_owned()));
    assert!(anna.vault.forks().unwrap().is_empty());
    // What it writes now travels under the new identity, as replacing the old one.
    anna.add_case("Written after moving on");
    let bundle = anna.export();
    assert_eq!(coordinator.import(&bundle).quarantined, 1);
    approve_successors(&mut coordinator, old_id);
    assert!(coordinator
        .names()
        .contains(&"Written after moving on".to_owned()));
}

// A vault copied (or restored) before it founded its organisation: what it wrote under its
// earlier identity still reaches a second coordinator, because the founder's roster entry names
// the identity it continues. Before, every bundle was refused ("operations its sender did not
// sign for"), so nothing written before the copy could ever be delivered.
#[test]
fn a_vault_copied_before_it_founded_its_organisation_delivers_what_it_wrote_before() {
    let mut office = device("Office laptop");
    office.add_case("Written before the copy");
    let (office, mut copy) = office.copy(true);
    drop(office);
    let earlier = copy.vault.earlier_identities().unwrap();
    assert_eq!(earlier.len(), 1);
    copy.vault.create_org("Test Visitors").unwrap();
    let entry = copy.own_roster_entry();
    assert_eq!(
        (entry.role, entry.replaces),
        (Role::Coordinator, Some(earlier[0]))
    );
    copy.add_case("Written after founding it");

    let keys = copy.vault.export_coordinator_keys(&passphrase()).unwrap();
    let mut second = device("Second office");
    second
        .vault
        .join_as_coordinator(&keys, &passphrase())
        .unwrap();
    let bundle = copy.export();
    imported(&second.import(&bundle));
    assert_eq!(
        second.names(),
        ["Written after founding it", "Written before the copy"]
    );
}

// What the copied vault wrote before it founded the organisation may include what only a
// coordinator may write (evidence marked verified): its founder's role, which the roster vouches
// continues that identity, covers it. Before, the identity it continues was judged a volunteer
// (it is in no roster), and the whole bundle was quarantined, so nothing reached the second
// coordinator (found by `pristan bench --all` on a copy of the standard demo vault).
#[test]
fn a_founder_copied_before_founding_delivers_the_evidence_it_verified_before() {
    let mut office = device("Office laptop");
    let case = office.add_case("Written before the copy");
    let evidence = office
        .vault
        .add(Evidence {
            case_id: Some(case),
            category: EvidenceCategory::default(),
            summary: LongText::new("Court record of the 2022 fine").unwrap(),
            verification: VerificationLevel::Verified,
            verified_by: ShortText::new("E. Lindqvist").unwrap(),
            ..Evidence::default()
        })
        .unwrap();
    let (office, mut copy) = office.copy(true);
    drop(office);
    copy.vault.create_org("Test Visitors").unwrap();
    let keys = copy.vault.export_coordinator_keys(&passphrase()).unwrap();
    let mut second = device("Second office");
    second
        .vault
        .join_as_coordinator(&keys, &passphrase())
        .unwrap();
    let bundle = copy.export();
    imported(&second.import(&bundle));
    let received = second.vault.get::<Evidence>(evidence).unwrap().unwrap();
    assert_eq!(received.record.verification, VerificationLevel::Verified);
}

// A volunteer's copy is held to a volunteer's rights for what its earlier identity wrote: the
// roster's succession link passes on the successor's role, never more.
#[test]
fn a_volunteers_copy_cannot_carry_a_verification_its_role_could_not_write() {
    let (mut first, _anna) = organisation();
    let mut office = device("Volunteer laptop");
    let case = office.add_case("Written before the copy");
    office
        .vault
        .add(Evidence {
            case_id: Some(case),
            summary: LongText::new("A claim marked verified on a solo laptop").unwrap(),
            verification: VerificationLevel::Verified,
            ..Evidence::default()
        })
        .unwrap();
    let (office, mut copy) = office.copy(true);
    drop(office);
    let text = first.vault.invitation().unwrap().to_text();
    copy.vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    let bundle = copy.export();
    first.import(&bundle);
    first
        .vault
        .approve_device(copy.vault.device_id(), Role::Volunteer)
        .unwrap();
    let approved = first.roster_entry_of(copy.vault.device_id());
    assert!(
        approved.replaces.is_some(),
        "the copy continues its earlier identity"
    );
    let retried = first.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 0, "{retried:?}");
    let held = first.vault.quarantine().unwrap();
    assert_eq!(
        held.iter().map(|q| &q.reason).collect::<Vec<_>>(),
        [&Refusal::NotPermitted {
            refusal: RoleRefusal::VerifyEvidence
        }]
    );
}

// The same for a vault that joins as a coordinator after it was copied: the entry it signs for
// itself names the identity it continues, so its earlier work travels too.
#[test]
fn a_copied_vault_that_joins_as_coordinator_delivers_what_it_wrote_before() {
    let (mut first, _anna) = organisation();
    let mut office = device("Second office");
    office.add_case("Written before the copy");
    let (office, mut copy) = office.copy(true);
    drop(office);
    let earlier = copy.vault.earlier_identities().unwrap();
    let keys = first.vault.export_coordinator_keys(&passphrase()).unwrap();
    copy.vault
        .join_as_coordinator(&keys, &passphrase())
        .unwrap();
    assert_eq!(copy.own_roster_entry().replaces, Some(earlier[0]));
    let bundle = copy.export();
    imported(&first.import(&bundle));
    assert!(first
        .names()
        .contains(&"Written before the copy".to_owned()));
}

// Two coordinators change the roster at the same time (one revokes, one approves): after they
// exchange bundles both hold the same roster, with the revocation in force and both devices
// approved.
#[test]
fn concurrent_roster_changes_by_two_coordinators_merge() {
    let (mut first, anna) = organisation();
    let keys = first.vault.export_coordinator_keys(&passphrase()).unwrap();
    let mut second = device("Second office");
    second
        .vault
        .join_as_coordinator(&keys, &passphrase())
        .unwrap();
    // The first coordinator hears of the second before they part.
    second.add_case("Opened by the second coordinator");
    let hello = second.export();
    first.import(&hello);

    // A new volunteer's bundle reaches the second coordinator only.
    let mut boris = device("Boris's laptop");
    let text = first.vault.invitation().unwrap().to_text();
    boris
        .vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    boris.add_case("Boris's case");
    let from_boris = boris.export();
    second.import(&from_boris);

    let anna_id = anna.vault.device_id();
    first.vault.revoke_device(anna_id, Some(2)).unwrap();
    second
        .vault
        .approve_device(boris.vault.device_id(), Role::Volunteer)
        .unwrap();

    first.add_case("After the revocation");
    second.add_case("After the approval");
    let (one, two) = (first.export(), second.export());
    second.import(&one);
    first.import(&two);
    // Each has signed the merge; a further exchange changes nothing.
    first.add_case("Later on the first");
    second.add_case("Later on the second");
    let (one, two) = (first.export(), second.export());
    second.import(&one);
    first.import(&two);

    let (r1, r2) = (
        first.vault.roster().unwrap().unwrap(),
        second.vault.roster().unwrap().unwrap(),
    );
    assert_eq!(r1.entries, r2.entries);
    assert_eq!(r1.version, r2.version);
    let entry = |id: DeviceId| r1.entries.iter().find(|e| e.device == id).cloned();
    assert_eq!(entry(anna_id).unwrap().revoked_after_seq, Some(2));
    assert!(entry(boris.vault.device_id()).is_some());
    // An old roster replayed later cannot undo the revocation.
    let replay = hello;
    first.import(&replay);
    let again = first.vault.roster().unwrap().unwrap();
    assert_eq!(
        again
            .entries
            .iter()
            .find(|e| e.device == anna_id)
            .unwrap()
            .revoked_after_seq,
        Some(2)
    );
}
