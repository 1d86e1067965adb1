//! The records of one invented case: its events, visits with notes, tasks, relatives, consents
//! and evidence, queued into a batch that is saved with its neighbours'.

use anyhow::Result;
use chrono::{Days, NaiveDate, NaiveTime};
use pristan_core::casebook::RecordBatch;
use pristan_core::domain::{
    Consent, ConsentMethod, ConsentPurpose, Evidence, EvidenceCategory, LongText, Note, NoteKind,
    Priority, Relative, Sensitivity, Task, TaskStatus, VerificationLevel, Visit, VisitMode,
    Whereabouts,
};
use pristan_core::ops::EntityId;
use pristan_core::Vault;

use super::notes::note_text;
use super::people::{person, Person, Sex, INTERPRETERS, VOLUNTEERS};
use super::places::PLACES;
use super::rng::Rng;
use super::story::{short, Story};

/// One invented case, saved, with what its records need to know.
pub struct DemoCase {
    pub id: EntityId,
    pub person: Person,
    pub family: (&'static str, &'static str),
    pub story: Story,
    pub attorney: Option<&'static str>,
    pub notes: usize,
}

pub fn queue_case_records(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
    facilities: &[EntityId],
    today: NaiveDate,
) -> Result<()> {
    // The consents go first, though they are drawn after the visits they are dated by: a case
    // consented to sharing is then shared from its first record on, and its visits and notes are
    // written once instead of held and recorded anew when the batch is saved.
    let mut rest = batch.after();
    let story = &case.story;
    for event in &story.custody_events {
        let event = pristan_core::domain::CustodyEvent {
            case_id: Some(case.id),
            ..event.clone()
        };
        rest.queue(vault, event)?;
    }
    for event in &story.legal_events {
        let event = pristan_core::domain::LegalEvent {
            case_id: Some(case.id),
            ..event.clone()
        };
        rest.queue(vault, event)?;
    }
    let first_visit = queue_visits(vault, &mut rest, rng, case, facilities, today)?;
    let relatives = queue_relatives(vault, &mut rest, rng, case)?;
    queue_consents(vault, batch, rng, case, first_visit, &relatives, today)?;
    queue_evidence(vault, &mut rest, rng, case, today)?;
    queue_tasks(vault, &mut rest, rng, case, today)?;
    batch.append(rest);
    Ok(())
}

/// Visits spread over the time in detention, with the case's notes shared among them, and for
/// some people still held, a visit planned this week. Returns the first visit's date.
fn queue_visits(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
    facilities: &[EntityId],
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let story = &case.story;
    let facility = Some(facilities[story.place]);
    let span = (story.held_until - story.detained_on).num_days().max(0);
    let visits = case.notes.div_ceil(rng.range(3, 6) as usize);
    let mut dates: Vec<NaiveDate> = (0..visits)
        .map(|_| story.detained_on + Days::new(rng.range(0, span) as u64))
        .collect();
    dates.sort();
    let mut note_index = 0;
    for (i, &date) in dates.iter().enumerate() {
        let visit = batch.queue(vault, visit_on(rng, case.id, facility, date))?;
        // Notes shared out in order, so every visit has at least one.
        let until = (i + 1) * case.notes / visits;
        let mut kinds = NoteKind::ALL.to_vec();
        while note_index < until {
            let kind = if kinds.is_empty() {
                *rng.pick(NoteKind::ALL)
            } else {
                kinds.remove(rng.below(kinds.len() as u64) as usize)
            };
            queue_note(vault, batch, rng, case, visit, kind)?;
            note_index += 1;
        }
    }
    if story.custody == pristan_core::domain::CustodyStatus::Detained && rng.chance(0.15) {
        let planned = today + Days::new(rng.range(0, 6) as u64);
        batch.queue(vault, visit_on(rng, case.id, facility, planned))?;
    }
    Ok(dates.first().copied())
}

fn visit_on(rng: &mut Rng, case: EntityId, facility: Option<EntityId>, date: NaiveDate) -> Visit {
    let mode = [VisitMode::InPerson, VisitMode::Video, VisitMode::Phone][rng.weighted(&[6, 3, 1])];
    let visitors = if rng.chance(0.3) {
        format!("{}, {}", rng.pick(VOLUNTEERS), rng.pick(VOLUNTEERS))
    } else {
        rng.pick(VOLUNTEERS).to_string()
    };
    let russian = rng.chance(0.75);
    Visit {
        case_id: Some(case),
        facility_id: facility,
        date: Some(date),
        start_time: NaiveTime::from_hms_opt(rng.range(9, 15) as u32, 30 * rng.below(2) as u32, 0),
        mode,
        language: short(if russian { "Russian" } else { "English" }),
        interpreter: if russian && rng.chance(0.3) {
            short(rng.pick::<&str>(INTERPRETERS))
        } else {
            Default::default()
        },
        visitors: short(&visitors),
    }
}

fn queue_note(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
    visit: EntityId,
    kind: NoteKind,
) -> Result<()> {
    let restricted = match kind {
        NoteKind::Medical | NoteKind::Family => 0.8,
        NoteKind::Legal => 0.2,
        _ => 0.05,
    };
    let sensitivity = if rng.chance(restricted) {
        Sensitivity::Restricted
    } else {
        Sensitivity::Normal
    };
    let text = note_text(rng, kind, case.person.given);
    let note = Note {
        case_id: Some(case.id),
        visit_id: Some(visit),
        kind,
        sensitivity,
        text: LongText::new(&text)?,
        replaces: None,
    };
    let id = batch.queue(vault, note.clone())?;
    // Now and then a volunteer corrects a note afterwards: the old text stays as history.
    if rng.chance(0.02) {
        let correction = if rng.chance(0.5) {
            " Correction after the call with the coordinator: this was last week, not this week."
        } else {
            " Уточнение после звонка координатору: это было на прошлой неделе."
        };
        let revised = Note {
            text: LongText::new(&format!("{text}{correction}"))?,
            replaces: Some(id),
            ..note
        };
        batch.queue(vault, revised)?;
    }
    Ok(())
}

/// (relation in English, sex, where, location).
const RELATIVES: &[(&str, Sex, Whereabouts, &str)] = &[
    ("wife", Sex::Female, Whereabouts::InRussia, "Perm"),
    (
        "wife",
        Sex::Female,
        Whereabouts::InUs,
        "staying with friends in Sacramento",
    ),
    (
        "son",
        Sex::Male,
        Whereabouts::FosterCare,
        "foster family in Texas, through the ORR case worker",
    ),
    (
        "daughter",
        Sex::Female,
        Whereabouts::FosterCare,
        "foster family in Arizona, through the ORR case worker",
    ),
    ("brother", Sex::Male, Whereabouts::DetainedElsewhere, ""),
    (
        "mother",
        Sex::Female,
        Whereabouts::InRussia,
        "Yekaterinburg",
    ),
    (
        "father",
        Sex::Male,
        Whereabouts::InRussia,
        "Nizhny Novgorod",
    ),
    (
        "sister",
        Sex::Female,
        Whereabouts::ElsewhereAbroad,
        "Tbilisi",
    ),
];

/// Returns the relatives' names, for consents to share with them.
fn queue_relatives(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for _ in 0..rng.range(0, 3) {
        let (relation, sex, whereabouts, location) = *rng.pick(RELATIVES);
        let relative = person(rng, sex, case.family);
        let location = if whereabouts == Whereabouts::DetainedElsewhere {
            let other =
                (case.story.place + 1 + rng.below(PLACES.len() as u64 - 1) as usize) % PLACES.len();
            PLACES[other].facility.to_owned()
        } else {
            location.to_owned()
        };
        let contact = match whereabouts {
            Whereabouts::InUs => format!("+1 555-01{:02}", rng.below(100)),
            Whereabouts::FosterCare => "case worker's number is with the coordinator".to_owned(),
            Whereabouts::DetainedElsewhere => "letters only".to_owned(),
            _ => "through the coordinator, never by phone from the facility".to_owned(),
        };
        batch.queue(
            vault,
            Relative {
                case_id: Some(case.id),
                name: short(&relative.latin),
                native_name: short(&relative.native),
                relation: short(relation),
                whereabouts,
                location: short(&location),
                contact: short(&contact),
                note: LongText::default(),
            },
        )?;
        names.push(relative.latin);
    }
    Ok(names)
}

fn queue_consents(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
    first_visit: Option<NaiveDate>,
    relatives: &[String],
    today: NaiveDate,
) -> Result<()> {
    let given = first_visit.unwrap_or(case.story.detained_on).min(today);
    let mut consent = |purpose, recipient: &str, withdrawn: bool, rng: &mut Rng| {
        let withdrawn_on = withdrawn.then(|| {
            let days = (today - given).num_days().max(1);
            given + Days::new(rng.range(1, days) as u64)
        });
        batch.queue(
            vault,
            Consent {
                case_id: Some(case.id),
                purpose,
                recipient: short(recipient),
                given_on: Some(given),
                withdrawn_on: withdrawn_on.filter(|d| *d <= today),
                method: if rng.chance(0.6) {
                    ConsentMethod::Verbal
                } else {
                    ConsentMethod::Written
                },
                note: Default::default(),
            },
        )
    };
    consent(ConsentPurpose::KeepNotes, "", false, rng)?;
    if rng.chance(0.8) {
        let withdrawn = rng.chance(0.05);
        consent(ConsentPurpose::ShareWithCoordinator, "", withdrawn, rng)?;
    }
    if let Some(attorney) = case.attorney {
        consent(ConsentPurpose::ShareWithAttorney, attorney, false, rng)?;
    }
    if rng.chance(0.25) {
        consent(
            ConsentPurpose::GovernmentReferral,
            "Government of Canada (IRPA s.25.2 public policy)",
            false,
            rng,
        )?;
    }
    if let Some(relative) = relatives.first() {
        if rng.chance(0.5) {
            consent(ConsentPurpose::ShareWithRelative, relative, false, rng)?;
        }
    }
    Ok(())
}

/// (category, summary in English): documents, not the person's account of events.
const EVIDENCE: &[(EvidenceCategory, &str)] = &[
    (EvidenceCategory::Protest, "Photo of {n} at an anti-war rally in March 2022, published by a local news site; the attorney keeps the link and an archived copy."),
    (EvidenceCategory::Protest, "Court record of a fine for a single-person picket with a blank sign, 2022."),
    (EvidenceCategory::Membership, "Membership card of a registered opposition party branch, 2019–2022 (scan with the attorney)."),
    (EvidenceCategory::Publication, "Posts against the war on a personal Telegram channel with about 2,000 subscribers, 2022–2023; dated screenshots."),
    (EvidenceCategory::CriminalCaseInRussia, "Summons to a hearing for \"discrediting the army\" (Art. 20.3.3 CoAO), 2022 — copy of the document."),
    (EvidenceCategory::MobilisationEvasion, "Mobilisation summons dated September 2022 (photo) and a plane ticket out of Russia four days later."),
    (EvidenceCategory::Desertion, "Military ID and a unit order listing {n} as absent without leave."),
    (EvidenceCategory::Other, "Letter of support from a human-rights group that knew {n}'s volunteer work."),
    (EvidenceCategory::Publication, "Статьи {n} в независимом региональном издании, 2021–2022; ссылки и архивные копии у адвоката."),
];

fn queue_evidence(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
    today: NaiveDate,
) -> Result<()> {
    let levels = [
        VerificationLevel::Claimed,
        VerificationLevel::Documented,
        VerificationLevel::Corroborated,
        VerificationLevel::Verified,
    ];
    for _ in 0..rng.range(0, 3) {
        let (category, summary) = *rng.pick(EVIDENCE);
        let russian = summary.chars().any(|c| ('а'..='я').contains(&c));
        let name = if russian {
            case.person.given.1
        } else {
            case.person.given.0
        };
        let verification = levels[rng.weighted(&[4, 4, 2, 2])];
        let verified = verification == VerificationLevel::Verified;
        batch.queue(
            vault,
            Evidence {
                case_id: Some(case.id),
                category,
                summary: LongText::new(&summary.replace("{n}", name))?,
                date: Some(today - Days::new(rng.range(400, 1400) as u64)),
                verification,
                verified_by: if verified {
                    short("E. Lindqvist, coordinator")
                } else {
                    Default::default()
                },
                verified_on: verified.then(|| today - Days::new(rng.range(1, 90) as u64)),
            },
        )?;
    }
    Ok(())
}

const TASKS: &[(&str, Priority)] = &[
    ("Put $30 on the commissary account", Priority::Normal),
    (
        "Bring reading glasses (+2.5) on the next visit",
        Priority::Normal,
    ),
    ("Send Russian books through the publisher", Priority::Low),
    ("Check the ICE locator after the transfer", Priority::High),
    (
        "Ask the clinic about the blood pressure refill",
        Priority::High,
    ),
    (
        "Find a Russian interpreter for the next visit",
        Priority::Normal,
    ),
    (
        "Send the I-589 receipt copy to the attorney",
        Priority::High,
    ),
    ("Write to the children's ORR case worker", Priority::Normal),
    (
        "Find a free legal service provider with a Russian speaker",
        Priority::Urgent,
    ),
];

fn queue_tasks(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    case: &DemoCase,
    today: NaiveDate,
) -> Result<()> {
    let mut task = |title: &str, priority, status, rng: &mut Rng| {
        let due = rng
            .chance(0.7)
            .then(|| today + Days::new(rng.range(0, 30) as u64) - Days::new(10));
        batch.queue(
            vault,
            Task {
                case_id: Some(case.id),
                title: short(title),
                details: Default::default(),
                due,
                assignee: short(rng.pick::<&str>(VOLUNTEERS)),
                priority,
                status,
            },
        )
    };
    if case.story.final_order {
        let title = "Ask the attorney whether a stay of removal was requested";
        task(title, Priority::Urgent, TaskStatus::Open, rng)?;
    }
    for _ in 0..rng.range(0, 3) {
        let (title, priority) = *rng.pick(TASKS);
        let statuses = [TaskStatus::Open, TaskStatus::Done, TaskStatus::Cancelled];
        let status = statuses[rng.weighted(&[70, 25, 5])];
        task(title, priority, status, rng)?;
    }
    Ok(())
}
