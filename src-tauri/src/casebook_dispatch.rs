//! Handlers for the casebook commands: each turns a typed request into a core call on the open
//! vault. Dates are computed for the computer's local day.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use pristan_core::cases::{CaseField, NewCase, PAGE_SIZE};
use pristan_core::domain::{self as model, ANumber, EntityType};
use pristan_core::records::RecordType;
use pristan_core::{Error, Vault};
use pristan_ipc::{self as ipc, AnyRecord, Command, ErrorKind, IpcError};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;

/// Runs the casebook command `name`, or returns `None` if `name` is not one.
pub fn dispatch_casebook(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::GetDashboard::NAME => handle(args, |_: ipc::GetDashboard| {
            session.vault_mut()?.dashboard(today()).map_err(to_ipc)
        }),
        ipc::ListCases::NAME => handle(args, |_: ipc::ListCases| {
            session.vault_mut()?.cases().map_err(to_ipc)
        }),
        ipc::SearchCases::NAME => handle(args, |c: ipc::SearchCases| {
            session
                .vault_mut()?
                .search_page(&c.query, c.page as usize, PAGE_SIZE)
                .map_err(to_ipc)
        }),
        ipc::CreateCase::NAME => handle(args, |c: ipc::CreateCase| {
            let new_case = new_case(c)?;
            session.vault_mut()?.add_case(new_case).map_err(to_ipc)
        }),
        ipc::UpdateCase::NAME => handle(args, |c: ipc::UpdateCase| {
            let fields = case_fields(c.fields)?;
            session
                .vault_mut()?
                .update_case(c.id, fields)
                .map_err(to_ipc)
        }),
        ipc::AddCustodyEvent::NAME => handle(args, |c: ipc::AddCustodyEvent| {
            let fields = case_fields(c.case_fields)?;
            session
                .vault_mut()?
                .add_with_case_changes(c.event, fields)
                .map_err(to_ipc)
        }),
        ipc::DeleteCase::NAME => handle(args, |c: ipc::DeleteCase| {
            session.vault_mut()?.delete_case(c.id).map_err(to_ipc)
        }),
        ipc::GetCaseFile::NAME => handle(args, |c: ipc::GetCaseFile| {
            session
                .vault_mut()?
                .case_file(c.id, today())
                .map_err(to_ipc)
        }),
        ipc::ListFacilities::NAME => handle(args, |_: ipc::ListFacilities| {
            let mut facilities = session
                .vault_mut()?
                .list_all::<model::Facility>()
                .map_err(to_ipc)?;
            facilities.sort_by(|a, b| a.record.name.cmp(&b.record.name));
            Ok(facilities)
        }),
        ipc::AddRecord::NAME => handle(args, |c: ipc::AddRecord| {
            add_record(session.vault_mut()?, c.record).map_err(to_ipc)
        }),
        ipc::UpdateRecord::NAME => handle(args, |c: ipc::UpdateRecord| {
            update_record(session.vault_mut()?, c.id, c.record).map_err(to_ipc)
        }),
        ipc::DeleteRecord::NAME => handle(args, |c: ipc::DeleteRecord| {
            delete_record(session.vault_mut()?, c.id, c.kind).map_err(to_ipc)
        }),
        ipc::ReviseNote::NAME => handle(args, |c: ipc::ReviseNote| {
            session
                .vault_mut()?
                .revise_note(c.id, c.kind, c.sensitivity, c.text)
                .map_err(to_ipc)
        }),
        ipc::GetNoteHistory::NAME => handle(args, |c: ipc::GetNoteHistory| {
            session.vault_mut()?.note_history(c.id).map_err(to_ipc)
        }),
        ipc::SaveVisitDraft::NAME => handle(args, |c: ipc::SaveVisitDraft| {
            session
                .vault_mut()?
                .save_visit_draft(c.id, &c.draft)
                .map_err(to_ipc)
        }),
        ipc::GetVisitDraft::NAME => handle(args, |c: ipc::GetVisitDraft| {
            session.vault_mut()?.visit_draft(c.id).map_err(to_ipc)
        }),
        ipc::FinishVisitDraft::NAME => handle(args, |c: ipc::FinishVisitDraft| {
            session
                .vault_mut()?
                .finish_visit_draft_sharing(c.id, c.share_with_coordinator)
                .map_err(to_ipc)
        }),
        ipc::DiscardVisitDraft::NAME => handle(args, |c: ipc::DiscardVisitDraft| {
            session
                .vault_mut()?
                .discard_visit_draft(c.id)
                .map_err(to_ipc)
        }),
        ipc::AddAttachment::NAME => handle(args, |c: ipc::AddAttachment| {
            let bytes =
                zeroize::Zeroizing::new(BASE64.decode(c.base64.as_bytes()).map_err(|_| {
                    IpcError::new(ErrorKind::Invalid, "the file could not be read: try again")
                })?);
            session
                .vault_mut()?
                .add_attachment(c.case_id, &c.file_name, &c.caption, &bytes)
                .map_err(to_ipc)
        }),
        ipc::GetAttachment::NAME => handle(args, |c: ipc::GetAttachment| {
            let content = session
                .vault_mut()?
                .attachment_content(c.id)
                .map_err(to_ipc)?;
            Ok(ipc::AttachmentData {
                base64: BASE64.encode(&content.bytes[..]),
                attachment: content.attachment,
            })
        }),
        ipc::ExportAttachment::NAME => handle(args, |c: ipc::ExportAttachment| {
            let vault = session.vault_mut()?;
            let attachment = vault
                .get::<model::Attachment>(c.id)
                .map_err(to_ipc)?
                .ok_or_else(|| IpcError::new(ErrorKind::Invalid, "there is no such file"))?;
            let folder = dirs::download_dir()
                .or_else(dirs::home_dir)
                .ok_or_else(|| IpcError::new(ErrorKind::Io, "no Downloads folder was found"))?;
            let path = free_path(&folder, attachment.record.file_name.as_str());
            vault.export_attachment(c.id, &path).map_err(to_ipc)?;
            Ok(path.display().to_string())
        }),
        _ => return None,
    };
    Some(result)
}

/// Case fields by their names in operations.
fn case_fields(named: BTreeMap<String, Value>) -> Result<BTreeMap<CaseField, Value>, IpcError> {
    let mut fields = BTreeMap::new();
    for (key, value) in named {
        let field = CaseField::from_key(&key).ok_or_else(|| {
            IpcError::new(ErrorKind::Invalid, format!("a case has no field {key:?}"))
        })?;
        fields.insert(field, value);
    }
    Ok(fields)
}

/// The computer's local date: deadlines and the dashboard are about the volunteer's day.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn new_case(c: ipc::CreateCase) -> Result<NewCase, IpcError> {
    let optional = |text: String| {
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(text)
    };
    let a_number = match c.a_number.trim() {
        "" => None,
        typed => Some(
            ANumber::parse(typed)
                .map_err(|e| IpcError::new(ErrorKind::Invalid, format!("A-number: {e}")))?,
        ),
    };
    Ok(NewCase {
        name: c.name,
        native_name: optional(c.native_name),
        a_number,
        date_of_birth: c.date_of_birth,
        nationality: optional(c.nationality),
        languages: optional(c.languages),
        custody_status: None,
        facility_id: c.facility_id,
        share_with_coordinator: c.share_with_coordinator,
    })
}

fn add_record(vault: &mut Vault, record: AnyRecord) -> Result<model::EntityId, Error> {
    match record {
        AnyRecord::Facility(r) => vault.add(r),
        AnyRecord::Visit(r) => vault.add(r),
        AnyRecord::Note(r) => vault.add(r),
        AnyRecord::CustodyEvent(r) => vault.add(r),
        AnyRecord::LegalEvent(r) => vault.add(r),
        AnyRecord::Task(r) => vault.add(r),
        AnyRecord::Consent(r) => vault.add(r),
        AnyRecord::Relative(r) => vault.add(r),
        AnyRecord::Evidence(r) => vault.add(r),
    }
}

fn update_record(vault: &mut Vault, id: model::EntityId, record: AnyRecord) -> Result<(), Error> {
    match record {
        AnyRecord::Facility(r) => vault.update(id, r),
        AnyRecord::Visit(r) => vault.update(id, r),
        AnyRecord::Note(r) => vault.update(id, r),
        AnyRecord::CustodyEvent(r) => vault.update(id, r),
        AnyRecord::LegalEvent(r) => vault.update(id, r),
        AnyRecord::Task(r) => vault.update(id, r),
        AnyRecord::Consent(r) => vault.update(id, r),
        AnyRecord::Relative(r) => vault.update(id, r),
        AnyRecord::Evidence(r) => vault.update(id, r),
    }
}

fn delete_record(vault: &mut Vault, id: model::EntityId, kind: EntityType) -> Result<(), Error> {
    fn delete<T: RecordType>(vault: &mut Vault, id: model::EntityId) -> Result<(), Error> {
        vault.delete::<T>(id)
    }
    match kind {
        EntityType::Case => vault.delete_case(id),
        EntityType::Facility => delete::<model::Facility>(vault, id),
        EntityType::Visit => delete::<model::Visit>(vault, id),
        EntityType::Note => delete::<model::Note>(vault, id),
        EntityType::CustodyEvent => delete::<model::CustodyEvent>(vault, id),
        EntityType::LegalEvent => delete::<model::LegalEvent>(vault, id),
        EntityType::Task => delete::<model::Task>(vault, id),
        EntityType::Consent => delete::<model::Consent>(vault, id),
        EntityType::Relative => delete::<model::Relative>(vault, id),
        EntityType::Evidence => delete::<model::Evidence>(vault, id),
        EntityType::Attachment => delete::<model::Attachment>(vault, id),
        // The coordinator's records (issue 13); `org::permissions` decides who may.
        EntityType::EvidenceReview => delete::<model::EvidenceReview>(vault, id),
        EntityType::ActivityConfirmation => delete::<model::ActivityConfirmation>(vault, id),
        EntityType::Pathway => delete::<model::Pathway>(vault, id),
        EntityType::Referral => delete::<model::Referral>(vault, id),
        EntityType::Flight => delete::<model::Flight>(vault, id),
        EntityType::FlightLink => delete::<model::FlightLink>(vault, id),
    }
}

/// `folder/name`, or `folder/stem (2).ext` and so on if that exists: an export never overwrites.
/// The name is cleaned again here, whatever the store holds: only a plain file name may be joined
/// onto the folder, never `..`, an absolute path or a direction override.
fn free_path(folder: &Path, name: &str) -> PathBuf {
    let name = pristan_core::casebook::clean_file_name(name);
    let name = name.as_str();
    let candidate = folder.join(name);
    if !candidate.exists() {
        return candidate;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    (2..)
        .map(|n| folder.join(format!("{stem} ({n}){extension}")))
        .find(|path| !path.exists())
        .expect("some numbered name is free")
}
