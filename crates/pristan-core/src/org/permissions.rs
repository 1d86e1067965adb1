//! What each role may write: the one rule that local writes (`Vault::record`) and imported
//! bundles (`bundle::import`) both obey, so that a volunteer's stolen laptop cannot do by a
//! crafted bundle what its owner could not do in the interface.
//!
//! A volunteer writes up visits, notes, tasks, events, relatives, consents and evidence, and
//! opens cases. A coordinator also decides who a case goes to, forgets people everywhere, marks
//! evidence verified (the last level) and resolves conflicting changes.

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
        Change::Delete => return Ok(()),
        Change::Assign { fields, .. } | Change::Record { fields } => fields,
    };
    match entity_type {
        EntityType::Case if fields.contains_key("assigned_to") => Err(RoleRefusal::AssignCase),
        EntityType::Evidence if claims_verification(fields) => Err(RoleRefusal::VerifyEvidence),
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

/// Evidence marked verified: the last step of checking, which is a coordinator's judgement. Who
/// checked the lower levels (documented, corroborated) and when, any member may write.
fn claims_verification(fields: &std::collections::BTreeMap<String, Value>) -> bool {
    fields.get("verification").and_then(Value::as_str) == Some("verified")
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
            ("verification", json!("corroborated")),
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
}
