//! The kinds of record the operation log changes.

use crate::string_enum;

string_enum! {
    /// What kind of record an operation changes. Each has a materialised table.
    pub enum EntityType {
        Case = "case",
        Facility = "facility",
        Visit = "visit",
        Note = "note",
        CustodyEvent = "custody_event",
        LegalEvent = "legal_event",
        Task = "task",
        Consent = "consent",
        Relative = "relative",
        Evidence = "evidence",
        Attachment = "attachment",
        EvidenceReview = "evidence_review",
        ActivityConfirmation = "activity_confirmation",
        Pathway = "pathway",
        Referral = "referral",
        Flight = "flight",
        FlightLink = "flight_link",
    }
}
