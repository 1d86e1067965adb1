//! The pure function from a case file, its referral and the coordinator's choices to a
//! [`Dossier`]. No I/O and no clock: the day and the author are inputs, so a test can check
//! every rule (withheld sections, notes only when chosen) without typesetting.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use pristan_model::referral::Referral;
use pristan_model::verification::{ActivityVerdict, Author};
use pristan_model::views::CaseFile;
use pristan_model::{
    CustodyEventKind, DossierSection, EntityId, LegalEventKind, Sensitivity, VerificationLevel,
};

use crate::model::*;

/// What the coordinator chose in the export dialog (or on the command line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub withhold: BTreeSet<DossierSection>,
    /// Notes to print, each chosen on purpose; no other note is ever printed.
    pub include_notes: BTreeSet<EntityId>,
}

/// Everything [`compose`] reads.
#[derive(Debug, Clone, Copy)]
pub struct DossierInput<'a> {
    /// The case file with its coordination records (review steps, confirmations, flights).
    pub case_file: &'a CaseFile,
    pub referral: &'a Referral,
    /// The pathway's name as the coordinator's list spells it.
    pub pathway: &'a str,
    pub choices: &'a Choices,
    pub generated_on: NaiveDate,
    pub author: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error("the {0} section is always printed and cannot be withheld")]
    CannotWithhold(DossierSection),
    #[error("note {0} is not a current note of this case: choose notes from the case's list")]
    NoteNotInCase(EntityId),
}

/// The dossier for `input`: the sections of shared/DOSSIER.md, withheld ones replaced by a
/// marker, and only the notes chosen one by one.
pub fn compose(input: DossierInput<'_>) -> Result<Dossier, ComposeError> {
    let DossierInput {
        case_file: file,
        referral,
        pathway,
        choices,
        generated_on,
        author,
    } = input;
    if let Some(section) = choices.withhold.iter().find(|s| !s.redactable()) {
        return Err(ComposeError::CannotWithhold(*section));
    }
    let section = |which: DossierSection| !choices.withhold.contains(&which);
    let case_id = file.case.id.to_string();
    Ok(Dossier {
        cover: Cover {
            case_ref: case_id[..8].to_owned(),
            case_id,
            priority: referral.priority.as_str().to_owned(),
            pathway: pathway.to_owned(),
            status: referral.status.as_str().to_owned(),
            recipient: referral.recipient.to_string(),
            generated_on,
            author: author.to_owned(),
        },
        person: include_person(section(DossierSection::Person), file),
        family: include_family(section(DossierSection::Family), file),
        custody: include_custody(section(DossierSection::Custody), file),
        basis: include_basis(section(DossierSection::Basis), file),
        need: include_need(section(DossierSection::Need), file),
        deadlines: include_deadlines(section(DossierSection::Deadlines), file),
        evidence: include_evidence(section(DossierSection::Evidence), file),
        recommendation: if section(DossierSection::Recommendation) {
            Section::Included(Recommendation {
                text: referral.recommendation.to_string(),
            })
        } else {
            Section::Withheld
        },
        notes: chosen_notes(file, &choices.include_notes)?,
        consents: consents(file, generated_on),
    })
}

fn include_person(on: bool, file: &CaseFile) -> Section<Person> {
    if !on {
        return Section::Withheld;
    }
    let case = &file.case;
    Section::Included(Person {
        name: case.name.clone(),
        native_name: case.native_name.clone(),
        aliases: case.aliases.clone(),
        date_of_birth: case.date_of_birth,
        nationality: case.nationality.clone(),
        languages: case.languages.clone(),
    })
}

fn include_family(on: bool, file: &CaseFile) -> Section<Family> {
    if !on {
        return Section::Withheld;
    }
    let relatives = file
        .relatives
        .iter()
        .map(|r| RelativeLine {
            name: r.record.name.to_string(),
            native_name: r.record.native_name.to_string(),
            relation: r.record.relation.to_string(),
            whereabouts: r.record.whereabouts.as_str().to_owned(),
            location: r.record.location.to_string(),
        })
        .collect();
    Section::Included(Family { relatives })
}

fn include_custody(on: bool, file: &CaseFile) -> Section<Custody> {
    if !on {
        return Section::Withheld;
    }
    let case = &file.case;
    let facility = file.facility.as_ref().map(|f| &f.record);
    let latest_release = file
        .custody_events
        .iter()
        .rev()
        .find(|e| e.record.kind == CustodyEventKind::Released)
        .and_then(|e| e.record.release_type);
    let asylum_filed_on = file
        .legal_events
        .iter()
        .find(|e| e.record.kind == LegalEventKind::AsylumApplicationFiled)
        .and_then(|e| e.record.date);
    // Only the case's own facility has a name in the case file; other facilities of its custody
    // history are shown by their event alone.
    let facility_name = |id: Option<EntityId>| match (id, &file.facility) {
        (Some(id), Some(f)) if f.id == id => f.record.name.to_string(),
        _ => String::new(),
    };
    Section::Included(Custody {
        status: case.custody_status.as_str().to_owned(),
        facility: facility.map(|f| f.name.to_string()).unwrap_or_default(),
        facility_state: facility.map(|f| f.state.to_string()).unwrap_or_default(),
        a_number: case
            .a_number
            .as_ref()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        attorney: case.attorney.name.clone(),
        g28: case.attorney.g28.as_str().to_owned(),
        eoir28: case.attorney.eoir28.as_str().to_owned(),
        eoir27: case.attorney.eoir27.as_str().to_owned(),
        asylum_filed_on,
        release_type: latest_release.map(|r| r.as_str().to_owned()),
        custody_events: file
            .custody_events
            .iter()
            .map(|e| CustodyLine {
                date: e.record.date,
                kind: e.record.kind.as_str().to_owned(),
                facility: facility_name(e.record.facility_id),
            })
            .collect(),
        legal_events: file
            .legal_events
            .iter()
            .map(|e| LegalLine {
                date: e.record.date,
                kind: e.record.kind.as_str().to_owned(),
                outcome: e.record.outcome.as_str().to_owned(),
                court: e.record.court.to_string(),
            })
            .collect(),
    })
}

fn include_basis(on: bool, file: &CaseFile) -> Section<Basis> {
    if !on {
        return Section::Withheld;
    }
    let mut by_category: BTreeMap<_, CategoryLine> = BTreeMap::new();
    for item in &file.evidence {
        let e = &item.record;
        let level = level_of(file, item.id, e.verification);
        let line = by_category
            .entry(e.category)
            .or_insert_with(|| CategoryLine {
                category: e.category.as_str().to_owned(),
                items: 0,
                earliest: None,
                latest: None,
                best_level: level.as_str().to_owned(),
            });
        line.items += 1;
        if let Some(date) = e.date {
            line.earliest = Some(line.earliest.map_or(date, |d| d.min(date)));
            line.latest = Some(line.latest.map_or(date, |d| d.max(date)));
        }
        let best = VerificationLevel::parse(&line.best_level).unwrap_or_default();
        line.best_level = best.max(level).as_str().to_owned();
    }
    let activity = &file.coordination.activity;
    Section::Included(Basis {
        categories: by_category.into_values().collect(),
        activity: ActivityCheck {
            verified: activity.verdict == ActivityVerdict::Verified,
            // Only the confirmations that count: a coordinator's, once per person.
            confirmations: activity
                .confirmations
                .iter()
                .filter(|c| c.counts)
                .map(|c| Confirmation {
                    by: author_name(&c.by),
                    on: Some(c.at.date_naive()),
                    method: c.confirmation.checked.to_string(),
                })
                .collect(),
        },
    })
}

/// An evidence item's level: its latest review step's, or the level it was entered with.
fn level_of(file: &CaseFile, id: EntityId, entered: VerificationLevel) -> VerificationLevel {
    file.coordination
        .evidence
        .iter()
        .find(|s| s.evidence_id == id)
        .map_or(entered, |s| s.level)
}

/// How the dossier names whoever made a step: their roster name, or their device's short id.
fn author_name(author: &Author) -> String {
    if author.name.trim().is_empty() {
        let device = author.device.to_string();
        format!("device {}", &device[..8])
    } else {
        author.name.clone()
    }
}

fn include_need(on: bool, file: &CaseFile) -> Section<Need> {
    if !on {
        return Section::Withheld;
    }
    Section::Included(Need {
        removal_imminent: file.status.removal_imminent,
        removal_stayed: file.status.removal_stayed,
        final_order_on: file.status.final_order,
        flights: file
            .coordination
            .flights
            .iter()
            .map(|f| FlightLine {
                date: f.flight.date,
                route: f.flight.route.to_string(),
            })
            .collect(),
    })
}

fn include_deadlines(on: bool, file: &CaseFile) -> Section<Vec<DeadlineLine>> {
    if !on {
        return Section::Withheld;
    }
    Section::Included(
        file.status
            .deadlines
            .iter()
            .map(|d| DeadlineLine {
                kind: serde_id(&d.kind),
                due: d.due,
                source: d.source.clone(),
                met: d.met_by.is_some(),
            })
            .collect(),
    )
}

fn include_evidence(on: bool, file: &CaseFile) -> Section<Vec<EvidenceLine>> {
    if !on {
        return Section::Withheld;
    }
    let mut items: Vec<_> = file.evidence.iter().collect();
    items.sort_by_key(|e| (e.record.date.is_none(), e.record.date, e.id));
    let lines = items
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let e = &item.record;
            let standing = file
                .coordination
                .evidence
                .iter()
                .find(|s| s.evidence_id == item.id);
            let steps = match standing {
                Some(standing) if !standing.steps.is_empty() => standing
                    .steps
                    .iter()
                    .map(|s| ReviewLine {
                        level: s.review.level.as_str().to_owned(),
                        by: author_name(&s.by),
                        on: Some(s.at.date_naive()),
                        method: s.review.method.to_string(),
                    })
                    .collect(),
                // An item verified before review steps were records says who verified it.
                _ if !e.verified_by.is_empty() || e.verified_on.is_some() => vec![ReviewLine {
                    level: e.verification.as_str().to_owned(),
                    by: e.verified_by.to_string(),
                    on: e.verified_on,
                    method: String::new(),
                }],
                _ => Vec::new(),
            };
            EvidenceLine {
                number: format!("E{}", n + 1),
                category: e.category.as_str().to_owned(),
                date: e.date,
                summary: e.summary.to_string(),
                level: level_of(file, item.id, e.verification).as_str().to_owned(),
                steps,
            }
        })
        .collect();
    Section::Included(lines)
}

fn chosen_notes(
    file: &CaseFile,
    chosen: &BTreeSet<EntityId>,
) -> Result<Vec<ChosenNote>, ComposeError> {
    if let Some(missing) = chosen
        .iter()
        .find(|id| !file.notes.iter().any(|n| n.note.id == **id))
    {
        return Err(ComposeError::NoteNotInCase(*missing));
    }
    // Oldest first, as a reader follows events.
    let mut notes: Vec<_> = file
        .notes
        .iter()
        .filter(|n| chosen.contains(&n.note.id))
        .collect();
    notes.sort_by_key(|n| (n.saved_at, n.note.id));
    Ok(notes
        .into_iter()
        .map(|n| ChosenNote {
            kind: n.note.record.kind.as_str().to_owned(),
            restricted: n.note.record.sensitivity == Sensitivity::Restricted,
            written_on: n.saved_at.date_naive(),
            text: n.note.record.text.to_string(),
        })
        .collect())
}

fn consents(file: &CaseFile, day: NaiveDate) -> Vec<ConsentLine> {
    let mut consents: Vec<_> = file.consents.iter().collect();
    consents.sort_by_key(|c| (c.record.purpose, c.record.given_on, c.id));
    consents
        .into_iter()
        .map(|c| ConsentLine {
            purpose: c.record.purpose.as_str().to_owned(),
            recipient: c.record.recipient.to_string(),
            method: c.record.method.as_str().to_owned(),
            given_on: c.record.given_on,
            withdrawn_on: c.record.withdrawn_on,
            in_force: c.record.in_force_on(day),
        })
        .collect()
}

/// The snake_case id serde gives a fieldless enum.
fn serde_id<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => id,
        _ => String::new(),
    }
}
