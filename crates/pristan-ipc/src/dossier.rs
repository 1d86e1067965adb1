//! Referral exports: a case's dossier as a PDF and the working group's list as a CSV, both saved
//! into a folder the user chooses (Downloads by default) under names that carry no personal data
//! (docs/dossier.md).
//! The consent gate runs in the core on every export: a refused export answers an error whose
//! kind names what is missing.

use serde::{Deserialize, Serialize};

use pristan_model::views::CaseRef;
use pristan_model::{
    CsvDelimiter, DossierSection, EntityId, NoteKind, ReferralRefusal, Sensitivity,
};

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

/// What the export dialog offers for a case: its referrals (and whether consent lets each be
/// sent today), the sections that may be withheld and the notes that may be added one by one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetDossierChoices {
    pub case_id: EntityId,
}
command!(GetDossierChoices, "get_dossier_choices", DossierChoices);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierChoices {
    pub referrals: Vec<ReferralChoice>,
    /// In the dossier's order; the cover and the consents are always printed.
    pub sections: Vec<DossierSection>,
    /// The case's current notes, newest first. None is printed unless chosen; restricted ones
    /// are marked so the dialog can ask twice.
    pub notes: Vec<NoteChoice>,
}

/// A referral of the case, as the export dialog offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralChoice {
    pub id: EntityId,
    /// The pathway's name, empty if the referral names an unknown pathway.
    pub pathway: String,
    pub recipient: String,
    /// Why it may not be exported today; `None` when the person's consent allows it.
    pub refusal: Option<ReferralRefusal>,
}

/// A note as the export dialog lists it: enough to recognise it, not its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteChoice {
    pub id: EntityId,
    pub kind: NoteKind,
    pub sensitivity: Sensitivity,
    /// RFC 3339, UTC.
    pub saved_at: String,
    /// The first words of a normal note, for recognising it (at most 80 characters); empty for
    /// a restricted note, whose text is shown only on purpose.
    pub preview: String,
}

/// Typesets the case's referral dossier and saves it in the chosen folder (Downloads by default) as
/// `pristan-dossier-<first 8 digits of the case id>-<date>.pdf` (no name in the file name).
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
    /// The folder to save into, which must exist (a USB stick, say); Downloads when `None`.
    #[serde(default)]
    pub folder: Option<String>,
}
command!(ExportDossier, "export_dossier", ExportedFile);

/// Writes the working group's list of referred, consenting cases and saves it in the chosen
/// folder (Downloads by default) as
/// `pristan-working-group-<date>.csv`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportWorkingGroupCsv {
    #[serde(default)]
    pub delimiter: CsvDelimiter,
    /// The folder to save into, which must exist; Downloads when `None`.
    #[serde(default)]
    pub folder: Option<String>,
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
    /// Referrals left out of a list because the person's consent does not allow them today.
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
}

/// A referral left out of the working group's list, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub case: CaseRef,
    pub referral_id: EntityId,
    pub refusal: ReferralRefusal,
}
