//! The names of the fields operations change, as the interface names them (the Conflicts screen
//! shows which field two devices changed). A field's message is `field-` and its name with
//! dashes, such as `field-due`; [`FIELD_IDS`] lists every name a record or case has.

/// Every field of every record (and of a case) that an operation may change.
pub const FIELD_IDS: &[&str] = &[
    // Cases (`pristan_core::cases::CaseField`).
    "name",
    "native_name",
    "aliases",
    "a_number",
    "date_of_birth",
    "nationality",
    "languages",
    "custody_status",
    "facility_id",
    "attorney_name",
    "attorney_contact",
    "g28",
    "eoir28",
    "eoir27",
    "assigned_to",
    // Records.
    "case_id",
    "title",
    "details",
    "due",
    "assignee",
    "priority",
    "status",
    "purpose",
    "recipient",
    "given_on",
    "withdrawn_on",
    "method",
    "note",
    "relation",
    "whereabouts",
    "location",
    "contact",
    "category",
    "summary",
    "date",
    "verification",
    "verified_by",
    "verified_on",
    "operator",
    "address",
    "state",
    "time_zone",
    "visiting_rules",
    "sha256",
    "file_name",
    "media_type",
    "size",
    "caption",
    "kind",
    "from_facility_id",
    "release_type",
    "source",
    "time",
    "court",
    "judge",
    "outcome",
    "appeal_waived",
    "visit_id",
    "start_time",
    "mode",
    "language",
    "interpreter",
    "visitors",
    "sensitivity",
    "text",
    "replaces",
    // Coordination records (issue 13).
    "evidence_id",
    "level",
    "attachment_sha256",
    "checked",
    "country",
    "legal_basis",
    "notes",
    "retired",
    "pathway_id",
    "candidate_on",
    "dossier_prepared_on",
    "submitted_on",
    "decided_on",
    "decision",
    "decision_note",
    "recommendation",
    "route",
    "flight_id",
];

/// The message naming `field`, or `None` for a field this version does not know (the interface
/// then says "another field").
pub fn message_id(field: &str) -> Option<String> {
    FIELD_IDS
        .contains(&field)
        .then(|| format!("field-{}", field.replace('_', "-")))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::flight::{Flight, FlightLink};
    use crate::referral::{Pathway, Referral};
    use crate::verification::{ActivityConfirmation, EvidenceReview};
    use crate::{
        Attachment, Consent, CustodyEvent, Evidence, Facility, LegalEvent, Note, Relative, Task,
        Visit,
    };

    fn keys<T: Serialize + Default>() -> Vec<String> {
        match serde_json::to_value(T::default()).expect("records serialise") {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn every_record_field_has_a_message() {
        let all = [
            keys::<Task>(),
            keys::<Consent>(),
            keys::<Relative>(),
            keys::<Evidence>(),
            keys::<Facility>(),
            keys::<Attachment>(),
            keys::<CustodyEvent>(),
            keys::<LegalEvent>(),
            keys::<Visit>(),
            keys::<Note>(),
            keys::<EvidenceReview>(),
            keys::<ActivityConfirmation>(),
            keys::<Pathway>(),
            keys::<Referral>(),
            keys::<Flight>(),
            keys::<FlightLink>(),
        ];
        for field in all.iter().flatten() {
            assert!(message_id(field).is_some(), "{field} has no message id");
        }
        assert_eq!(message_id("due").as_deref(), Some("field-due"));
        assert_eq!(message_id("no_such_field"), None);
    }
}
