//! Pristan's domain values: what a casebook records, as plain serde types.
//!
//! Shared by the core (which stores and merges them), the shell and the wasm UI (which show and
//! edit them), so the three never disagree on a field. Validation lives in the types: an A-number,
//! a text length or an unknown status cannot be represented wrongly, in memory or on the wire.

pub mod a_number;
pub mod board;
pub mod case;
pub mod coordination;
pub mod dossier;
pub mod entity;
pub mod events;
pub mod family_card;
pub mod fields;
pub mod flight;
pub mod history;
pub mod holiday;
pub mod ids;
pub mod records;
pub mod referral;
pub mod refusal;
pub mod relay;
pub mod sync;
pub mod text;
pub mod time_zones;
pub mod verification;
pub mod views;
pub mod visit;

pub use a_number::{ANumber, ANumberError};
pub use case::{Attorney, CaseRecord, CustodyStatus, FilingStatus};
pub use coordination::{CaseCoordination, ReferralRow};
pub use dossier::{CsvDelimiter, DossierSection};
pub use entity::EntityType;
pub use events::{
    CustodyEvent, CustodyEventKind, LegalEvent, LegalEventKind, Outcome, ReleaseType,
};
pub use flight::{Flight, FlightLink, FlightTriage, LinkedFlight, TriageGroup, TriageRow};
pub use history::{HistoryEntry, HistoryKind};
pub use holiday::Holiday;
pub use ids::{DeviceId, EntityId, IdParseError, OrgId, Seq, SeqError};
pub use records::{
    Attachment, Consent, ConsentMethod, ConsentPurpose, Evidence, EvidenceCategory, Facility,
    Priority, Relative, Task, TaskStatus, VerificationLevel, Whereabouts,
};
pub use referral::{
    BuiltInPathway, Pathway, Referral, ReferralDecision, ReferralPriority, ReferralRefusal,
    ReferralStatus, BUILT_IN_PATHWAYS,
};
pub use refusal::{OperationRule, Refusal};
pub use text::{LongText, ShortText, TextError};
pub use verification::{
    ActivityConfirmation, ActivityVerdict, ActivityVerification, Author, ChecklistItem,
    ChecklistLine, ConfirmationStep, EvidenceReview, EvidenceStanding, ReviewStep,
};
pub use visit::{Note, NoteKind, Sensitivity, Visit, VisitMode};

/// Generates a snake_case string form (`as_str`, `ALL`, `parse`) for a fieldless enum that serde
/// also writes in snake_case, so the CLI, the database and JSON all spell a value one way.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value spelled `text`, or `None`.
            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A record as stored: its id beside its fields (flattened, so JSON shows one object).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stored<T> {
    pub id: EntityId,
    #[serde(flatten)]
    pub record: T,
}
