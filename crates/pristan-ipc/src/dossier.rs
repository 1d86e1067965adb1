//! Referral exports: a case's dossier as a PDF and the working group's list as a CSV, both saved
//! into the user's Downloads folder under names that carry no personal data (docs/dossier.md).
//! The consent gate runs in the core on every export: a refused export answers an error whose
//! kind names what is missing.

use serde::{Deserialize, Serialize};

use pristan_model::{CsvDelimiter, DossierSection, EntityId, NoteKind, Sensitivity};

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The dossier commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const DOSSIER_COMMAND_NAMES: &[&str] = &[
    GetDossierChoices::NAME,
    ExportDossier::NAME,
    ExportWorkingGroupCsv::NAME,
];

/// What the export dialog offers for a case: the sections that may be withheld and the notes
/// that may be added one by one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetDossierChoices {
    pub case_id: EntityId,
}
command!(GetDossierChoices, "get_dossier_choices", DossierChoices);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierChoices {
    /// In the dossier's order; the cover and the consents are always printed.
    pub sections: Vec<DossierSection>,
    /// The case's current notes, newest first. None is printed unless chosen; restricted ones
    /// are marked so the dialog can ask twice.
    pub notes: Vec<NoteChoice>,
}

/// A note as the export dialog lists it: enough to recognise it, not its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteChoice {
    pub id: EntityId,
    pub kind: NoteKind,
    pub sensitivity: Sensitivity,
    /// RFC 3339, UTC.
    pub saved_at: String,
    /// The first words of the note, for recognising it (at most 80 characters).
    pub preview: String,
}

/// Typesets the case's referral dossier and saves it in Downloads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportDossier {
    pub case_id: EntityId,
    /// Which referral of the case, when it has more than one.
    #[serde(default)]
    pub referral_id: Option<EntityId>,
    /// Sections to leave out (the cover and the consents cannot be).
    #[serde(default)]
    pub withhold: Vec<DossierSection>,
    /// Notes to print, each chosen on purpose.
    #[serde(default)]
    pub include_notes: Vec<EntityId>,
}
command!(ExportDossier, "export_dossier", ExportedFile);

/// Writes the working group's list of referred, consenting cases and saves it in Downloads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportWorkingGroupCsv {
    #[serde(default)]
    pub delimiter: CsvDelimiter,
}
command!(
    ExportWorkingGroupCsv,
    "export_working_group_csv",
    ExportedFile
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// The full path, so the interface can say where the file went.
    pub path: String,
    pub bytes: u64,
    /// Cases in the file (one for a dossier, the rows of a list).
    pub cases: usize,
    /// Referred cases left out of a list because their consent does not allow it.
    #[serde(default)]
    pub left_out: Vec<EntityId>,
}
