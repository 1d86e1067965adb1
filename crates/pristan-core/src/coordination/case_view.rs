//! The coordination part of a case file, read with it.

use chrono::NaiveDate;

use super::authors::Authors;
use super::flights::linked_flights;
use super::verification::{activity, evidence_standing, review_steps, verification_checklist};
use crate::domain::views::CaseFile;
use crate::domain::{CaseCoordination, Referral};
use crate::error::Result;
use crate::vault::Vault;

/// Fills `file.coordination`: evidence standings, the activity verdict, referrals, linked flights
/// and the checklist. `Vault::case_file` calls it.
pub fn case_coordination(vault: &Vault, file: &mut CaseFile, today: NaiveDate) -> Result<()> {
    let case = file.case.id;
    let authors = Authors::load(vault)?;
    let steps = review_steps(vault, case, &authors)?;
    let mut referrals = vault.list::<Referral>(case)?;
    referrals.sort_by_key(|r| (r.record.candidate_on, r.id));
    file.coordination = CaseCoordination {
        evidence: evidence_standing(&file.evidence, &steps),
        activity: activity(vault, case, &authors)?,
        referrals,
        flights: linked_flights(vault, case)?,
        checklist: Vec::new(),
    };
    file.coordination.checklist = verification_checklist(file, today);
    Ok(())
}
