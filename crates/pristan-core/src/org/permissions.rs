//! What each role may write: the one rule that local writes (`Vault::record`) and imported
//! bundles (`bundle::import`) both obey, so that a volunteer's stolen laptop cannot do by a
//! crafted bundle what its owner could not do in the interface.
//!
//! A volunteer writes up visits, notes, tasks, events, relatives, consents and evidence, and
//! opens cases; they may record evidence as claimed or documented, and a review step reaching
//! those levels. A coordinator also decides who a case goes to, forgets people everywhere, moves
//! evidence to corroborated or verified, confirms a case's political activity, marks referrals
//! and edits the list of pathways, records removal flights and links cases to them, and resolves
//! conflicting changes (docs/coordinator.md, "Who may do what").

use serde_json::Value;

pub use pristan_model::sync::RoleRefusal;

use crate::ops::{Change, EntityType};
use crate::org::Role;

/// Whether an operation by a device of `role` may make `change` to an entity of `entity_type`.
/// Pure: the caller finds the role (this vault's own, or the operation's author in the roster).
pub fn may_write(role: Role, entity_type: EntityType, change: &Change) -> Result<(), RoleRefusal> {
    if role == Role::Coordinator {
        return Ok(());
    }
    let fields = match change {
        Change::Forget { .. } => return Err(RoleRefusal::Forget),
        // Deleting a coordinator's record (a confirmation, a referral, a flight link) would undo
        // their decision, so it is theirs too.
        Change::Delete => {
            return match entity_type {
                EntityType::ActivityConfirmation => Err(RoleRefusal::ConfirmActivity),
                EntityType::EvidenceReview => Err(RoleRefusal::VerifyEvidence),
                EntityType::Referral | EntityType::Pathway => Err(RoleRefusal::Referral),
                EntityType::Flight | EntityType::FlightLink => Err(RoleRefusal::RecordFlight),
                _ => Ok(()),
            }
        }
        Change::Assign { fields, .. } | Change::Record { fields } => fields,
    };
    match entity_type {
        EntityType::Case if fields.contains_key("assigned_to") => Err(RoleRefusal::AssignCase),
        EntityType::Evidence if claims_checked_level(fields, "verification") => {
            Err(RoleRefusal::VerifyEvidence)
        }
        EntityType::EvidenceReview if claims_checked_level(fields, "level") => {
            Err(RoleRefusal::VerifyEvidence)
        }
        EntityType::ActivityConfirmation => Err(RoleRefusal::ConfirmActivity),
        EntityType::Referral | EntityType::Pathway => Err(RoleRefusal::Referral),
        EntityType::Flight | EntityType::FlightLink => Err(RoleRefusal::RecordFlight),
        _ => Ok(()),
    }
}

/// Whether a device of `role` may resolve a conflict by choosing a value. A received operation
/// cannot be told apart from an ordinary edit made after both conflicting writes arrived (an
/// honest volunteer's edit names both as seen), so this is checked where a person chooses.
pub fn may_resolve_conflicts(role: Role) -> Result<(), RoleRefusal> {
    match role {
        Role::Coordinator => Ok(()),
        Role::Volunteer => Err(RoleRefusal::ResolveConflict),
    }
}

/// A level above documented (corroborated or verified) in `field`: checking a claim against
/// independent sources is a coordinator's judgement. Any member may record a claim or the
/// document that backs it. A value that is not a string is not a level, and the record's type
/// refuses it when the operation is applied.
fn claims_checked_level(fields: &std::collections::BTreeMap<String, Value>, field: &str) -> bool {
    matches!(
        fields.get(field).and_then(Value::as_str),
        Some("corroborated" | "verified")
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::ops::ForgetReason;

    fn assign(pairs: &[(&str, Value)]) -> Change {
        Change::assign(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        )
    }

    #[test]
    fn a_volunteer_may_not_assign_a_case_forget_or_verify() {
        let v = Role::Volunteer;
        let reassign = assign(&[("assigned_to", json!(["x"]))]);
        assert_eq!(
            may_write(v, EntityType::Case, &reassign),
            Err(RoleRefusal::AssignCase)
        );
        // Hidden among honest fields, or emptying the list, is still an assignment.
        let hidden = assign(&[("name", json!("A")), ("assigned_to", json!([]))]);
        assert_eq!(
            may_write(v, EntityType::Case, &hidden),
            Err(RoleRefusal::AssignCase)
        );
        let forget = Change::Forget {
            reason: ForgetReason::RequestedByPerson,
        };
        assert_eq!(
            may_write(v, EntityType::Case, &forget),
            Err(RoleRefusal::Forget)
        );
        for fields in [
            vec![("verification", json!("verified"))],
            vec![("verification", json!("corroborated"))],
            vec![
                ("verification", json!("verified")),
                ("verified_by", json!("Me")),
                ("verified_on", json!("2026-01-02")),
            ],
        ] {
            let change = assign(&fields);
            assert_eq!(
                may_write(v, EntityType::Evidence, &change),
                Err(RoleRefusal::VerifyEvidence)
            );
            let record = Change::Record {
                fields: fields
                    .iter()
                    .map(|(k, v)| ((*k).into(), v.clone()))
                    .collect(),
            };
            assert_eq!(
                may_write(v, EntityType::Evidence, &record),
                Err(RoleRefusal::VerifyEvidence)
            );
        }
        assert_eq!(may_resolve_conflicts(v), Err(RoleRefusal::ResolveConflict));
    }

    #[test]
    fn a_volunteer_may_write_everything_else_and_a_coordinator_anything() {
        let v = Role::Volunteer;
        let new_case = assign(&[("name", json!("A")), ("custody_status", json!("detained"))]);
        assert_eq!(may_write(v, EntityType::Case, &new_case), Ok(()));
        let evidence = assign(&[
            ("verification", json!("documented")),
            ("verified_by", json!("Anna, from the court record")),
            ("verified_on", json!("2026-01-02")),
        ]);
        assert_eq!(may_write(v, EntityType::Evidence, &evidence), Ok(()));
        assert_eq!(may_write(v, EntityType::Task, &Change::Delete), Ok(()));
        let c = Role::Coordinator;
        let reassign = assign(&[("assigned_to", json!(["x"]))]);
        assert_eq!(may_write(c, EntityType::Case, &reassign), Ok(()));
        let forget = Change::Forget {
            reason: ForgetReason::EnteredByMistake,
        };
        assert_eq!(may_write(c, EntityType::Case, &forget), Ok(()));
        assert_eq!(may_resolve_conflicts(c), Ok(()));
    }
    fn record(pairs: &[(&str, Value)]) -> Change {
        Change::Record {
            fields: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    #[test]
    fn only_a_coordinator_reviews_evidence_beyond_documented() {
        let (v, c) = (Role::Volunteer, Role::Coordinator);
        for level in ["claimed", "documented"] {
            let step = record(&[("level", json!(level)), ("method", json!("passport seen"))]);
            assert_eq!(may_write(v, EntityType::EvidenceReview, &step), Ok(()));
        }
        for level in ["corroborated", "verified"] {
            let step = record(&[("level", json!(level)), ("method", json!("court site"))]);
            assert_eq!(
                may_write(v, EntityType::EvidenceReview, &step),
                Err(RoleRefusal::VerifyEvidence)
            );
            assert_eq!(may_write(c, EntityType::EvidenceReview, &step), Ok(()));
            let field = assign(&[("summary", json!("x")), ("verification", json!(level))]);
            assert_eq!(
                may_write(v, EntityType::Evidence, &field),
                Err(RoleRefusal::VerifyEvidence)
            );
        }
        // A volunteer cannot erase a coordinator's step either.
        assert_eq!(
            may_write(v, EntityType::EvidenceReview, &Change::Delete),
            Err(RoleRefusal::VerifyEvidence)
        );
    }

    #[test]
    fn only_a_coordinator_confirms_refers_and_records_flights() {
        let (v, c) = (Role::Volunteer, Role::Coordinator);
        let cases = [
            (
                EntityType::ActivityConfirmation,
                record(&[("checked", json!("spoke with the editor"))]),
                RoleRefusal::ConfirmActivity,
            ),
            (
                EntityType::Referral,
                assign(&[("status", json!("submitted"))]),
                RoleRefusal::Referral,
            ),
            (
                EntityType::Pathway,
                assign(&[("name", json!("Elsewhere"))]),
                RoleRefusal::Referral,
            ),
            (
                EntityType::Flight,
                assign(&[("route", json!("Alexandria → Moscow"))]),
                RoleRefusal::RecordFlight,
            ),
            (
                EntityType::FlightLink,
                assign(&[("note", json!("on the list"))]),
                RoleRefusal::RecordFlight,
            ),
        ];
        for (entity_type, change, refusal) in cases {
            assert_eq!(may_write(v, entity_type, &change), Err(refusal));
            assert_eq!(may_write(v, entity_type, &Change::Delete), Err(refusal));
            assert_eq!(may_write(c, entity_type, &change), Ok(()));
            assert_eq!(may_write(c, entity_type, &Change::Delete), Ok(()));
        }
    }
}
