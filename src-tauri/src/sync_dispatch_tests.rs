//! The sync handlers over real vaults: a volunteer's bundle reaches a coordinator through a
//! folder, waits for approval, and arrives once approved; forgetting is a coordinator's, with the
//! name typed; progress is answered from the shared slot.

use pristan_ipc::{self as ipc, Command, ErrorKind, IpcError};
use pristan_model::sync::{ExportOutcome, Progress, Role, Stage};
use pristan_model::EntityId;
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::session::Session;
use crate::sync_dispatch::{dispatch_sync, ProgressSlot};

const PASSPHRASE: &str = "maple orbit candle sixty harbor";

fn open(dir: &std::path::Path) -> Session {
    let mut session = Session::new(dir.join("vault"), dir.join("settings.json"));
    session
        .create_vault(&SecretString::from(PASSPHRASE.to_owned()))
        .unwrap();
    session
}

fn sync<C: Command>(session: &mut Session, args: Value) -> Result<C::Response, IpcError>
where
    C::Response: DeserializeOwned,
{
    let slot = ProgressSlot::default();
    let answer = dispatch_sync(session, &slot, C::NAME, args).expect("a sync command")?;
    Ok(serde_json::from_value(answer).unwrap())
}

/// A case the person agreed to share with the coordinator.
fn new_case(session: &mut Session, name: &str) -> EntityId {
    new_case_sharing(session, name, true)
}

fn new_case_sharing(session: &mut Session, name: &str, share: bool) -> EntityId {
    let args = json!({
        "name": name, "native_name": "", "a_number": "", "date_of_birth": null,
        "nationality": "", "languages": "", "facility_id": null,
        "share_with_coordinator": share,
    });
    let answer =
        crate::casebook_dispatch::dispatch_casebook(session, ipc::CreateCase::NAME, args).unwrap();
    serde_json::from_value(answer.unwrap()).unwrap()
}

#[test]
fn a_volunteers_bundle_waits_for_approval_then_arrives() {
    let (c_dir, v_dir, stick) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let folder = stick.path().display().to_string();
    let mut coordinator = open(c_dir.path());
    let mut volunteer = open(v_dir.path());

    let status = sync::<ipc::GetSyncStatus>(&mut coordinator, Value::Null).unwrap();
    assert!(status.org.is_none() && status.device_fingerprint.is_none());
    let org = sync::<ipc::CreateOrganisation>(
        &mut coordinator,
        json!({ "name": "Tuesday visitors", "device_name": "Office laptop" }),
    )
    .unwrap();
    assert_eq!(org.role, Role::Coordinator);
    let invitation = sync::<ipc::MakeInvitation>(&mut coordinator, Value::Null).unwrap();
    // Mail programs wrap long lines; the pasted text still joins.
    let wrapped = format!("  {}\n", invitation.text.replace(':', ":\n"));
    let preview =
        sync::<ipc::ReadInvitation>(&mut volunteer, json!({ "invitation": wrapped })).unwrap();
    assert_eq!(preview.org_name, "Tuesday visitors");
    assert_eq!(preview.org_fingerprint, invitation.org_fingerprint);
    sync::<ipc::JoinOrganisation>(
        &mut volunteer,
        json!({
            "invitation": wrapped, "device_name": "Anna's laptop",
            "org_fingerprint": preview.org_fingerprint,
        }),
    )
    .unwrap();
    let status = sync::<ipc::GetSyncStatus>(&mut volunteer, Value::Null).unwrap();
    assert_eq!(status.device_name, "Anna's laptop");
    assert!(status.device_fingerprint.is_some());

    let case = new_case(&mut volunteer, "Ivan Petrov");
    // A second person did not agree: the Sync screen says their case is held back.
    new_case_sharing(&mut volunteer, "Kept Here", false);
    let status = sync::<ipc::GetSyncStatus>(&mut volunteer, Value::Null).unwrap();
    assert_eq!(status.held_back_cases, 1);
    assert_eq!(status.unsent_ops, 2, "the shared case and its consent");
    let missing = sync::<ipc::ExportBundle>(&mut volunteer, json!({ "folder": "/no/such/dir" }));
    assert_eq!(missing.unwrap_err().kind, ErrorKind::Io);
    let outcome = sync::<ipc::ExportBundle>(&mut volunteer, json!({ "folder": folder })).unwrap();
    assert!(matches!(outcome, ExportOutcome::Written(_)));

    let summary =
        sync::<ipc::ImportBundles>(&mut coordinator, json!({ "paths": [folder] })).unwrap();
    assert_eq!(summary.quarantined, 1);
    let status = sync::<ipc::GetSyncStatus>(&mut coordinator, Value::Null).unwrap();
    assert_eq!(status.pending_devices, 1);
    let devices = sync::<ipc::ListDevices>(&mut coordinator, Value::Null).unwrap();
    assert_eq!(devices.pending[0].name, "Anna's laptop");
    assert!(devices.roster[0].this_device);
    let device = devices.pending[0].device;

    let devices = sync::<ipc::ApproveDevice>(
        &mut coordinator,
        json!({ "device": device, "role": "volunteer" }),
    )
    .unwrap();
    assert!(devices.pending.is_empty());
    assert_eq!(devices.roster.len(), 2);
    let vault = coordinator.vault_mut().unwrap();
    assert_eq!(vault.case(case).unwrap().unwrap().name, "Ivan Petrov");
    assert_eq!(
        vault.cases().unwrap().len(),
        1,
        "the held case did not travel"
    );
    assert!(vault.quarantine().unwrap().is_empty());

    sync::<ipc::AssignCase>(
        &mut coordinator,
        json!({ "case_id": case, "devices": [device] }),
    )
    .unwrap();
    let refused =
        sync::<ipc::AssignCase>(&mut volunteer, json!({ "case_id": case, "devices": [] }));
    assert_eq!(
        refused.unwrap_err().kind,
        ErrorKind::NotPermitted {
            refusal: pristan_model::sync::RoleRefusal::AssignCase
        }
    );
    let report = sync::<ipc::SendCasePacket>(
        &mut coordinator,
        json!({ "device": device, "folder": folder }),
    )
    .unwrap();
    assert!(report.ops > 0);
    sync::<ipc::ImportBundles>(&mut volunteer, json!({ "paths": [report.path] })).unwrap();
    let vault = volunteer.vault_mut().unwrap();
    assert_eq!(vault.case(case).unwrap().unwrap().assigned_to, vec![device]);
    assert!(sync::<ipc::ListConflicts>(&mut coordinator, Value::Null)
        .unwrap()
        .is_empty());
}

#[test]
fn only_a_coordinator_forgets_and_only_with_the_name_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let case = new_case(&mut session, "Ivan Petrov");
    let forget = |typed: &str| json!({ "case_id": case, "reason": "consent_withdrawn", "typed_name": typed });

    let refused = sync::<ipc::ForgetCase>(&mut session, forget("Ivan Petrov")).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid);
    assert!(
        refused.message.contains("only a coordinator"),
        "{refused:?}"
    );

    sync::<ipc::CreateOrganisation>(&mut session, json!({ "name": "Group" })).unwrap();
    let mismatch = sync::<ipc::ForgetCase>(&mut session, forget("Ivan Petrof")).unwrap_err();
    assert_eq!(mismatch.kind, ErrorKind::Invalid);
    assert!(mismatch.message.contains("does not match"), "{mismatch:?}");
    assert!(session.vault_mut().unwrap().case(case).unwrap().is_some());

    sync::<ipc::ForgetCase>(&mut session, forget("  Ivan Petrov ")).unwrap();
    assert!(session.vault_mut().unwrap().case(case).unwrap().is_none());
}

#[test]
fn progress_comes_from_the_slot() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
    let slot = ProgressSlot::default();
    let progress = Progress::new(Stage::Importing, 2, 5);
    *slot.lock().unwrap() = Some(progress);
    let answer = dispatch_sync(&mut session, &slot, ipc::GetSyncProgress::NAME, Value::Null);
    let answer: Option<Progress> = serde_json::from_value(answer.unwrap().unwrap()).unwrap();
    assert_eq!(answer, Some(progress));
    // Locked: every other sync command says so.
    let locked = dispatch_sync(&mut session, &slot, ipc::GetSyncStatus::NAME, Value::Null);
    assert_eq!(locked.unwrap().unwrap_err().kind, ErrorKind::Locked);
}

/// The Join card's data path carries the organisation's fingerprint: the coordinator's Invite
/// panel gets it to read aloud, the volunteer's preview shows the same one, and joining with a
/// swapped invitation (another organisation's) while naming the fingerprint compared aloud is
/// refused without changing anything.
#[test]
fn a_swapped_invitation_is_refused_by_the_join_card() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut genuine = open(dirs[0].path());
    let mut impostor = open(dirs[1].path());
    let mut volunteer = open(dirs[2].path());
    for (session, name) in [
        (&mut genuine, "Tuesday visitors"),
        (&mut impostor, "Tuesday visitors"),
    ] {
        sync::<ipc::CreateOrganisation>(session, json!({ "name": name })).unwrap();
    }
    let read_aloud = sync::<ipc::MakeInvitation>(&mut genuine, Value::Null)
        .unwrap()
        .org_fingerprint;
    let swapped = sync::<ipc::MakeInvitation>(&mut impostor, Value::Null).unwrap();
    let preview =
        sync::<ipc::ReadInvitation>(&mut volunteer, json!({ "invitation": swapped.text })).unwrap();
    assert_eq!(
        preview.org_name, "Tuesday visitors",
        "the name alone cannot tell them apart"
    );
    assert_ne!(preview.org_fingerprint, read_aloud, "the fingerprint can");

    let refused = sync::<ipc::JoinOrganisation>(
        &mut volunteer,
        json!({ "invitation": swapped.text, "device_name": "Anna's laptop", "org_fingerprint": read_aloud }),
    )
    .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid);
    assert!(refused.message.contains("swapped"), "{refused:?}");
    let status = sync::<ipc::GetSyncStatus>(&mut volunteer, Value::Null).unwrap();
    assert!(status.org.is_none());
    assert_ne!(
        status.device_name, "Anna's laptop",
        "nothing changed, not even the name"
    );

    // A join that does not name a compared fingerprint at all is not accepted either.
    let unnamed =
        sync::<ipc::JoinOrganisation>(&mut volunteer, json!({ "invitation": swapped.text }));
    assert_eq!(unnamed.unwrap_err().kind, ErrorKind::Invalid);
    assert!(sync::<ipc::GetSyncStatus>(&mut volunteer, Value::Null)
        .unwrap()
        .org
        .is_none());
}

#[test]
fn a_locked_window_does_not_tell_which_folders_exist() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
    let slot = ProgressSlot::default();
    let existing = dir.path().to_str().unwrap().to_owned();
    let missing = dir
        .path()
        .join("no-such-folder")
        .to_str()
        .unwrap()
        .to_owned();
    let device = pristan_model::DeviceId::random();
    for folder in [existing, missing] {
        let calls = [
            (ipc::ExportBundle::NAME, json!({ "folder": folder })),
            (ipc::ImportBundles::NAME, json!({ "paths": [folder] })),
            (
                ipc::SendCasePacket::NAME,
                json!({ "device": device, "folder": folder }),
            ),
        ];
        for (name, args) in calls {
            let answer = dispatch_sync(&mut session, &slot, name, args).unwrap();
            assert_eq!(
                answer.unwrap_err().kind,
                ErrorKind::Locked,
                "{name} {folder}"
            );
        }
    }
}
