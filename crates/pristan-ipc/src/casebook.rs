//! Commands for the casebook: the dashboard, cases, their records, visit drafts and attachments.
//! Every one needs an unlocked vault and answers `Locked` otherwise.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use pristan_model::views::{CaseFile, Dashboard, NoteRevision, SearchPage, VisitDraft};
use pristan_model::{
    Attachment, CaseRecord, Consent, CustodyEvent, EntityId, EntityType, Evidence, Facility,
    LegalEvent, LongText, Note, NoteKind, Relative, Sensitivity, Stored, Task, Visit,
};
use serde::{Deserialize, Serialize};

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The casebook's command names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const CASEBOOK_COMMAND_NAMES: &[&str] = &[
    GetDashboard::NAME,
    ListCases::NAME,
    SearchCases::NAME,
    CreateCase::NAME,
    UpdateCase::NAME,
    DeleteCase::NAME,
    GetCaseFile::NAME,
    ListFacilities::NAME,
    AddRecord::NAME,
    AddCustodyEvent::NAME,
    UpdateRecord::NAME,
    DeleteRecord::NAME,
    ReviseNote::NAME,
    GetNoteHistory::NAME,
    SaveVisitDraft::NAME,
    GetVisitDraft::NAME,
    FinishVisitDraft::NAME,
    DiscardVisitDraft::NAME,
    AddAttachment::NAME,
    GetAttachment::NAME,
    ExportAttachment::NAME,
];

/// The dashboard for today (the computer's local date).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetDashboard;
command!(GetDashboard, "get_dashboard", Dashboard);

/// Every case, by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListCases;
command!(ListCases, "list_cases", Vec<CaseRecord>);

/// Cases whose names, A-number, notes, evidence, relatives, tasks or attachments match `query`:
/// page `page` of the answer (from 0, a few dozen cases each), and whether more follow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchCases {
    pub query: String,
    #[serde(default)]
    pub page: u32,
}
command!(SearchCases, "search_cases", SearchPage);

/// A new case, as typed: the shell checks the A-number and the texts and says what is wrong.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateCase {
    pub name: String,
    pub native_name: String,
    pub a_number: String,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub languages: String,
    pub facility_id: Option<EntityId>,
    /// The person agreed, today, to share their case with the coordinator (recorded as a
    /// consent in the same step). Without it the case stays on this laptop.
    #[serde(default)]
    pub share_with_coordinator: bool,
}
command!(CreateCase, "create_case", EntityId);

/// Changes some fields of a case, by their names in `pristan_core::cases::CaseField` (`name`,
/// `a_number`, `custody_status`, `attorney_name`, `g28`, …). Each field is merged on its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateCase {
    pub id: EntityId,
    pub fields: BTreeMap<String, serde_json::Value>,
}
command!(UpdateCase, "update_case", ());

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeleteCase {
    pub id: EntityId,
}
command!(DeleteCase, "delete_case", ());

/// Everything on a case page, with deadlines and status for today.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetCaseFile {
    pub id: EntityId,
}
command!(GetCaseFile, "get_case_file", CaseFile);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListFacilities;
command!(ListFacilities, "list_facilities", Vec<Stored<Facility>>);

/// Any record of a case (or a facility), for the generic add, update and delete commands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "record", rename_all = "snake_case")]
pub enum AnyRecord {
    Facility(Facility),
    Visit(Visit),
    Note(Note),
    CustodyEvent(CustodyEvent),
    LegalEvent(LegalEvent),
    Task(Task),
    Consent(Consent),
    Relative(Relative),
    Evidence(Evidence),
}

/// Saves a new record; returns its id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddRecord {
    pub record: AnyRecord,
}
command!(AddRecord, "add_record", EntityId);

/// Saves a custody event and, in the same transaction, the case fields it changes (custody
/// status, facility), named as in [`UpdateCase`]. Nothing is saved unless all of it is valid.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddCustodyEvent {
    pub event: CustodyEvent,
    pub case_fields: BTreeMap<String, serde_json::Value>,
}
command!(AddCustodyEvent, "add_custody_event", EntityId);

/// Saves a corrected mutable record (visit, task, consent, relative, evidence, facility). Notes
/// and events cannot be changed: notes are revised, events deleted and entered again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateRecord {
    pub id: EntityId,
    pub record: AnyRecord,
}
command!(UpdateRecord, "update_record", ());

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeleteRecord {
    pub id: EntityId,
    /// A case is deleted with [`DeleteCase`].
    pub kind: EntityType,
}
command!(DeleteRecord, "delete_record", ());

/// Saves a correction of a note as its new revision; returns the new note's id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviseNote {
    pub id: EntityId,
    pub kind: NoteKind,
    pub sensitivity: Sensitivity,
    pub text: LongText,
}
command!(ReviseNote, "revise_note", EntityId);

/// Every revision of a note, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetNoteHistory {
    pub id: EntityId,
}
command!(GetNoteHistory, "get_note_history", Vec<NoteRevision>);

/// Autosaves a visit write-up in progress. `id` is chosen by the UI when the write-up starts and
/// becomes the visit's id when it is finished.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveVisitDraft {
    pub id: EntityId,
    pub draft: VisitDraft,
}
command!(SaveVisitDraft, "save_visit_draft", ());

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetVisitDraft {
    pub id: EntityId,
}
command!(GetVisitDraft, "get_visit_draft", Option<VisitDraft>);

/// Saves the write-up as a visit and its notes, and removes the draft; returns the visit's id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinishVisitDraft {
    pub id: EntityId,
    /// The person agreed, at this visit, to share their case with the coordinator: recorded as a
    /// consent with the visit, in the same step.
    #[serde(default)]
    pub share_with_coordinator: bool,
}
command!(FinishVisitDraft, "finish_visit_draft", EntityId);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscardVisitDraft {
    pub id: EntityId,
}
command!(DiscardVisitDraft, "discard_visit_draft", ());

/// Keeps a file in the vault. `base64` is the file's bytes (standard alphabet, padded).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddAttachment {
    pub case_id: EntityId,
    pub file_name: String,
    pub caption: String,
    pub base64: String,
}
command!(AddAttachment, "add_attachment", EntityId);

/// An attachment's bytes, to show in the window (never through a file).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetAttachment {
    pub id: EntityId,
}
command!(GetAttachment, "get_attachment", AttachmentData);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttachmentData {
    pub attachment: Stored<Attachment>,
    pub base64: String,
}

/// Writes an attachment to the user's Downloads folder (under a name that does not overwrite
/// anything) and returns the full path, so the interface can say where it went.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportAttachment {
    pub id: EntityId,
}
command!(ExportAttachment, "export_attachment", String);
