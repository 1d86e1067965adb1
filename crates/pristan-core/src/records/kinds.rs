//! Which Rust type each entity type is, whether it is immutable, and what of it is searchable.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::{
    ActivityConfirmation, Attachment, Consent, CustodyEvent, Evidence, EvidenceReview, Facility,
    Flight, FlightLink, LegalEvent, Note, Pathway, Referral, Relative, Task, Visit,
};
use crate::ops::{EntityId, EntityType};

/// A record type stored in the `records` table.
pub trait RecordType: Serialize + DeserializeOwned + Default + Clone {
    const ENTITY: EntityType;
    /// Created whole by one `Change::Record` and never assigned to afterwards.
    const IMMUTABLE: bool;

    /// The case it belongs to (facilities belong to none).
    fn case_id(&self) -> Option<EntityId>;

    /// What search should find it by, if anything.
    fn search_text(&self) -> Option<String> {
        None
    }

    /// What a new record lacks, in words for an error message ("the date of the visit").
    fn missing(&self) -> Option<&'static str>;

    /// The visit it was written at, which must be a visit of the same case.
    fn visit_id(&self) -> Option<EntityId> {
        None
    }
}

macro_rules! record_type {
    ($ty:ident, immutable: $immutable:literal, search: |$r:ident| $search:expr,
     required: |$q:ident| $required:expr) => {
        record_type!($ty, immutable: $immutable, search: |$r| $search,
            required: |$q| $required, visit: |_v| None);
    };
    ($ty:ident, immutable: $immutable:literal, search: |$r:ident| $search:expr,
     required: |$q:ident| $required:expr, visit: |$v:ident| $visit:expr) => {
        impl RecordType for $ty {
            const ENTITY: EntityType = EntityType::$ty;
            const IMMUTABLE: bool = $immutable;

            fn case_id(&self) -> Option<EntityId> {
                self.case_id
            }

            fn search_text(&self) -> Option<String> {
                let $r = self;
                $search
            }

            fn missing(&self) -> Option<&'static str> {
                let $q = self;
                $required
            }

            fn visit_id(&self) -> Option<EntityId> {
                let $v = self;
                $visit
            }
        }
    };
}

fn when(missing: bool, what: &'static str) -> Option<&'static str> {
    missing.then_some(what)
}

record_type!(Visit, immutable: false, search: |_r| None,
    required: |r| when(r.date.is_none(), "the date of the visit"));
record_type!(Note, immutable: true, search: |r| Some(r.text.to_string()),
    required: |r| when(r.text.is_empty(), "the text of the note"), visit: |r| r.visit_id);
record_type!(CustodyEvent, immutable: true, search: |_r| None,
    required: |r| when(r.date.is_none(), "the date of the event"));
record_type!(LegalEvent, immutable: true, search: |_r| None,
    required: |r| when(r.date.is_none(), "the date of the event"));
record_type!(Task, immutable: false, search: |r| Some(r.title.to_string()),
    required: |r| when(r.title.is_empty(), "what needs to be done"));
record_type!(Consent, immutable: false, search: |_r| None,
    required: |r| when(r.given_on.is_none(), "the day consent was given"));
record_type!(Relative, immutable: false,
    search: |r| Some(format!("{} {} {}", r.name, r.native_name, r.location)),
    required: |r| when(r.name.is_empty() && r.native_name.is_empty(), "the relative's name"));
record_type!(Evidence, immutable: false, search: |r| Some(r.summary.to_string()),
    required: |r| when(r.summary.is_empty(), "a summary of the evidence"));
record_type!(Attachment, immutable: true,
    search: |r| Some(format!("{} {}", r.file_name, r.caption)),
    required: |r| when(r.sha256.is_empty(), "the file's contents"));

record_type!(EvidenceReview, immutable: true, search: |_r| None,
    required: |r| when(r.evidence_id.is_none(), "the evidence it reviews")
        .or_else(|| when(r.method.is_empty(), "how it was checked")));
record_type!(ActivityConfirmation, immutable: true, search: |_r| None,
    required: |r| when(r.checked.is_empty(), "what was checked"));
record_type!(Referral, immutable: false, search: |_r| None,
    required: |r| when(r.pathway_id.is_none(), "the pathway"));
record_type!(FlightLink, immutable: false, search: |_r| None,
    required: |r| when(r.flight_id.is_none(), "the flight"));

/// Records that belong to no case: the organisation's, shared by many cases.
macro_rules! caseless_record_type {
    ($ty:ident, $required:expr) => {
        impl RecordType for $ty {
            const ENTITY: EntityType = EntityType::$ty;
            const IMMUTABLE: bool = false;

            fn case_id(&self) -> Option<EntityId> {
                None
            }

            fn missing(&self) -> Option<&'static str> {
                let required: fn(&$ty) -> Option<&'static str> = $required;
                required(self)
            }
        }
    };
}

caseless_record_type!(Pathway, |r| when(r.name.is_empty(), "the pathway's name"));
caseless_record_type!(Flight, |r| when(
    r.date.is_none() && r.route.is_empty(),
    "the flight's date or route"
));

impl RecordType for Facility {
    const ENTITY: EntityType = EntityType::Facility;
    const IMMUTABLE: bool = false;

    fn case_id(&self) -> Option<EntityId> {
        None
    }

    fn missing(&self) -> Option<&'static str> {
        when(self.name.is_empty(), "the facility's name")
    }
}
