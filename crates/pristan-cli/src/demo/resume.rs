//! Going on with a demo vault that was paused (`--pause-after`) or interrupted: the 100,000-case
//! vault takes hours to build, longer than one sitting.
//!
//! Each batch of cases is saved with its records in one transaction, and each case's draws come
//! from its own random stream, so the vault holds whole batches only and the next case is drawn
//! as if the run had never stopped. What is not in the vault's records is drawn again: the set of
//! A-numbers already given, from the cases saved. One exception: the two unfinished write-ups go
//! to the first two people in detention that the run saving them has drawn, so a run paused
//! before two were saved gives them to later people than one run would.

use std::collections::HashSet;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use pristan_core::domain::{Facility, Note};
use pristan_core::ops::EntityId;
use pristan_core::Vault;

use super::draw_case;
use super::places::PLACES;
use super::rng::Rng;

/// Where a run begins: what it needs from the cases saved before.
pub struct Start {
    /// The demo's facilities, in the order of [`PLACES`].
    pub facilities: Vec<EntityId>,
    /// The A-numbers given so far, so that each new one is unique.
    pub a_numbers: HashSet<u32>,
    pub cases_saved: usize,
    /// Whether the two unfinished write-ups are saved.
    pub drafts_saved: bool,
}

impl Start {
    pub fn empty(facilities: Vec<EntityId>) -> Start {
        Start {
            facilities,
            a_numbers: HashSet::new(),
            cases_saved: 0,
            drafts_saved: false,
        }
    }
}

/// The demo's facilities in the vault, in the order of [`PLACES`]: each must be there once.
pub fn facilities(vault: &Vault) -> Result<Vec<EntityId>> {
    let saved = vault.list_all::<Facility>()?;
    PLACES
        .iter()
        .map(|place| {
            let mut named = saved
                .iter()
                .filter(|f| f.record.name.as_str() == place.facility);
            match (named.next(), named.next()) {
                (Some(facility), None) => Ok(facility.id),
                _ => bail!(
                    "this vault does not hold the demo's facilities (\"{}\" is missing or twice): \
                     --resume goes on only with a vault begun by `pristan demo`",
                    place.facility
                ),
            }
        })
        .collect()
}

/// Checks that the vault was begun by `pristan demo` with these arguments, and says where to go
/// on. `shares` is each case's number of notes.
pub fn where_to_go_on(
    vault: &Vault,
    seed: u64,
    today: NaiveDate,
    shares: &[usize],
) -> Result<Start> {
    let facilities = facilities(vault)?;
    let cases = vault.cases()?;
    let saved = cases.len();
    // Batches are saved whole, so any number up to --cases can be where a run stopped (a run
    // with another batch size, an older build, may have made it).
    if saved > shares.len() {
        bail!(
            "this vault holds {saved} cases, a number `pristan demo --cases {}` never leaves: \
             give --resume the --cases the vault was begun with",
            shares.len()
        );
    }
    let mismatch = || {
        format!(
            "the cases in this vault are not the ones `pristan demo` makes with --seed {seed}, \
             --today {today} and these --cases and --notes: give --resume the arguments the \
             vault was begun with (the message that paused it shows them)"
        )
    };
    if let Some(index) = saved.checked_sub(1) {
        let mut rng = Rng::stream(seed, index as u64);
        let (expected, _) = draw_case(&mut rng, &facilities, &mut HashSet::new(), today)?;
        let Some(last) = cases.iter().find(|case| {
            case.name == expected.name
                && case.date_of_birth == expected.date_of_birth
                && case.facility_id == expected.facility_id
        }) else {
            bail!(mismatch());
        };
        // Its notes, revisions aside, are as many as these --cases and --notes give it.
        let notes = vault.list::<Note>(last.id)?;
        if notes.iter().filter(|n| n.record.replaces.is_none()).count() != shares[index] {
            bail!(mismatch());
        }
    }
    let a_numbers = cases
        .iter()
        .filter_map(|case| case.a_number.as_ref())
        .filter_map(|number| number.digits().parse().ok())
        .collect();
    Ok(Start {
        facilities,
        a_numbers,
        cases_saved: saved,
        drafts_saved: !vault.visit_drafts()?.is_empty(),
    })
}
