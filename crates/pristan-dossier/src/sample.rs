//! An invented case, for tests and the timing example (feature `sample`): every free-text field
//! that belongs to one section holds a canary naming that section, so a test can tell which
//! sections reached the PDF.

use chrono::{DateTime, NaiveDate, Utc};
use pristan_model::flight::{Flight, LinkedFlight};
use pristan_model::referral::{Referral, ReferralPriority, ReferralStatus};
use pristan_model::sync::Role;
use pristan_model::verification::{
    ActivityConfirmation, ActivityVerdict, ActivityVerification, Author, ConfirmationStep,
    EvidenceReview, EvidenceStanding, ReviewStep,
};
use pristan_model::views::{
    CaseDeadline, CaseFile, CaseStatus, Counting, DeadlineKind, NoteRevision,
};
use pristan_model::CaseCoordination;
use pristan_model::{
    ANumber, Attorney, CaseRecord, Consent, ConsentMethod, ConsentPurpose, CustodyEvent,
    CustodyEventKind, CustodyStatus, DeviceId, EntityId, Evidence, EvidenceCategory, Facility,
    FilingStatus, LegalEvent, LegalEventKind, LongText, Note, NoteKind, Outcome, Relative,
    ReleaseType, Sensitivity, ShortText, Stored, VerificationLevel, Whereabouts,
};

/// The person's name in Cyrillic, as it must appear in the PDF's text.
pub const NATIVE_NAME: &str = "Алексей Иванович Смирнов";
pub const NAME: &str = "Aleksei Ivanovich Smirnov";

/// Canaries: each appears in exactly one section's free text.
pub const CANARY_PERSON: &str = "CANARYPERSONALIAS";
pub const CANARY_FAMILY: &str = "CANARYFAMILYSISTER";
pub const CANARY_CUSTODY: &str = "CANARYCUSTODYCOURT";
pub const CANARY_BASIS: &str = "CANARYBASISMETHOD";
pub const CANARY_NEED: &str = "CANARYNEEDROUTE";
pub const CANARY_EVIDENCE: &str = "CANARYEVIDENCEPROTEST";
pub const CANARY_RECOMMENDATION: &str = "CANARYRECOMMENDATION";
/// In a restricted note that is printed only when chosen.
pub const CANARY_RESTRICTED_NOTE: &str = "CANARYRESTRICTEDNOTE";
/// In a normal note, which is not printed unless chosen either.
pub const CANARY_NORMAL_NOTE: &str = "CANARYNORMALNOTE";
/// Evidence summaries that must appear when the register is printed.
pub const EVIDENCE_ITEMS: [&str; 3] = [
    "Arrested at the anti-war picket on Pushkin Square",
    "Member of the Vesna movement since 2021",
    "Criminal case under article 207.3 (\"fakes\" about the army)",
];

pub fn id(n: u8) -> EntityId {
    EntityId::from_bytes([n; 16])
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn short(text: &str) -> ShortText {
    ShortText::new(text).expect("short sample text")
}

fn long(text: &str) -> LongText {
    LongText::new(text).expect("sample text")
}

fn stored<T>(n: u8, record: T) -> Stored<T> {
    Stored { id: id(n), record }
}

/// The restricted note's id (choose it to print it).
pub fn restricted_note_id() -> EntityId {
    id(60)
}

/// The normal note's id.
pub fn normal_note_id() -> EntityId {
    id(61)
}

pub fn case_file() -> CaseFile {
    let case_id = Some(id(1));
    let case = CaseRecord {
        id: id(1),
        name: NAME.to_owned(),
        native_name: NATIVE_NAME.to_owned(),
        aliases: format!("Alexey Smirnov, {CANARY_PERSON}"),
        a_number: Some(ANumber::parse("A123-456-789").expect("a valid A-number")),
        date_of_birth: Some(day(1991, 3, 14)),
        nationality: "Russian Federation".to_owned(),
        languages: "Russian, some English".to_owned(),
        custody_status: CustodyStatus::Detained,
        facility_id: Some(id(2)),
        attorney: Attorney {
            name: "Jane Doe, Esq.".to_owned(),
            contact: "not printed".to_owned(),
            g28: FilingStatus::Filed,
            eoir28: FilingStatus::Filed,
            eoir27: FilingStatus::NotFiled,
        },
        assigned_to: vec![DeviceId::from_bytes([9; 16])],
    };
    let facility = stored(
        2,
        Facility {
            name: short("Otay Mesa Detention Center"),
            state: short("CA"),
            ..Facility::default()
        },
    );
    let legal = |n, kind, date, outcome, court: &str| {
        stored(
            n,
            LegalEvent {
                case_id,
                kind,
                date: Some(date),
                outcome,
                court: short(court),
                ..LegalEvent::default()
            },
        )
    };
    let evidence = |n, category, date, summary: &str, level, by: &str| {
        stored(
            n,
            Evidence {
                case_id,
                category,
                summary: long(summary),
                date: Some(date),
                verification: level,
                verified_by: short(by),
                verified_on: (!by.is_empty()).then(|| day(2026, 11, 20)),
            },
        )
    };
    let note = |n, kind, sensitivity, text: &str| NoteRevision {
        note: stored(
            n,
            Note {
                case_id,
                kind,
                sensitivity,
                text: long(text),
                ..Note::default()
            },
        ),
        saved_at: DateTime::<Utc>::from_timestamp(1_795_000_000, 0).expect("a valid time"),
        device: DeviceId::from_bytes([9; 16]),
        revisions: 1,
    };
    CaseFile {
        facility: Some(facility),
        status: CaseStatus {
            deadlines: vec![CaseDeadline {
                kind: DeadlineKind::PetitionForReview,
                event_id: id(12),
                trigger_date: day(2026, 11, 10),
                nominal_date: day(2026, 12, 10),
                due: day(2026, 12, 10),
                rolled_for: None,
                days: 30,
                source: "8 U.S.C. 1252(b)(1)".to_owned(),
                counting: Counting::AppellateRules,
                forum: None,
                met_by: None,
            }],
            final_order: Some(day(2026, 11, 10)),
            removal_stayed: false,
            removal_imminent: true,
            consents: Vec::new(),
        },
        custody_events: vec![
            stored(
                10,
                CustodyEvent {
                    case_id,
                    kind: CustodyEventKind::Detained,
                    date: Some(day(2025, 9, 2)),
                    facility_id: Some(id(2)),
                    ..CustodyEvent::default()
                },
            ),
            stored(
                13,
                CustodyEvent {
                    case_id,
                    kind: CustodyEventKind::Released,
                    date: Some(day(2025, 12, 1)),
                    release_type: Some(ReleaseType::Parole),
                    ..CustodyEvent::default()
                },
            ),
        ],
        legal_events: vec![
            legal(
                11,
                LegalEventKind::IjDecision,
                day(2026, 6, 3),
                Outcome::Denied,
                &format!("San Diego Immigration Court {CANARY_CUSTODY}"),
            ),
            legal(
                12,
                LegalEventKind::BiaDecision,
                day(2026, 11, 10),
                Outcome::Dismissed,
                "Board of Immigration Appeals",
            ),
        ],
        visits: Vec::new(),
        notes: vec![
            note(
                60,
                NoteKind::Medical,
                Sensitivity::Restricted,
                &format!("Needs insulin twice a day. {CANARY_RESTRICTED_NOTE}"),
            ),
            note(
                61,
                NoteKind::Welfare,
                Sensitivity::Normal,
                &format!("In good spirits, asked for books. {CANARY_NORMAL_NOTE}"),
            ),
        ],
        tasks: Vec::new(),
        consents: vec![stored(
            40,
            Consent {
                case_id,
                purpose: ConsentPurpose::GovernmentReferral,
                recipient: short("Government of Canada (IRCC)"),
                given_on: Some(day(2026, 11, 1)),
                withdrawn_on: None,
                method: ConsentMethod::Written,
                note: short(""),
            },
        )],
        relatives: vec![stored(
            50,
            Relative {
                case_id,
                name: short("Maria Smirnova"),
                native_name: short("Мария Смирнова"),
                relation: short(&format!("sister {CANARY_FAMILY}")),
                whereabouts: Whereabouts::ElsewhereAbroad,
                location: short("Toronto"),
                contact: short("+1 555 0100 (never printed)"),
                note: long(""),
            },
        )],
        evidence: vec![
            evidence(
                20,
                EvidenceCategory::Protest,
                day(2022, 2, 24),
                &format!("{}. {CANARY_EVIDENCE}", EVIDENCE_ITEMS[0]),
                VerificationLevel::Corroborated,
                "",
            ),
            evidence(
                21,
                EvidenceCategory::Membership,
                day(2021, 5, 1),
                EVIDENCE_ITEMS[1],
                VerificationLevel::Documented,
                "",
            ),
            evidence(
                22,
                EvidenceCategory::CriminalCaseInRussia,
                day(2023, 1, 17),
                EVIDENCE_ITEMS[2],
                VerificationLevel::Verified,
                "O. Coordinator",
            ),
        ],
        attachments: Vec::new(),
        drafts: Vec::new(),
        coordination: coordination(),
        case,
    }
}

/// The pathway's name as the sample's dossier prints it.
pub const PATHWAY: &str = "Canada: public policy under IRPA s. 25.2";

pub fn referral() -> Referral {
    Referral {
        case_id: Some(id(1)),
        pathway_id: Some(id(70)),
        priority: ReferralPriority::Emergency,
        status: ReferralStatus::DossierPrepared,
        candidate_on: Some(day(2026, 11, 20)),
        dossier_prepared_on: Some(day(2026, 12, 1)),
        recommendation: long(&format!(
            "Refer urgently: final order, no stay, flight reported. {CANARY_RECOMMENDATION}"
        )),
        recipient: short("Government of Canada (IRCC)"),
        ..Referral::default()
    }
}

fn author(name: &str, n: u8) -> Author {
    Author {
        device: DeviceId::from_bytes([n; 16]),
        name: name.to_owned(),
        role: Some(Role::Coordinator),
    }
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    day(y, m, d)
        .and_hms_opt(15, 0, 0)
        .expect("a valid time")
        .and_utc()
}

/// What the coordination records say about the sample case: two review steps on the protest,
/// two coordinators' confirmations (and a third by the first again, which does not count), and
/// a flight.
fn coordination() -> CaseCoordination {
    let olga = author("Olga (coordinator)", 31);
    let pavel = author("Pavel (coordinator)", 32);
    let step = |n, level, by: &Author, on, method: &str| ReviewStep {
        id: id(n),
        review: EvidenceReview {
            case_id: Some(id(1)),
            evidence_id: Some(id(20)),
            level,
            method: long(method),
            attachment_sha256: None,
        },
        by: by.clone(),
        at: on,
    };
    let confirm = |n, by: &Author, on, checked: &str, counts| ConfirmationStep {
        id: id(n),
        confirmation: ActivityConfirmation {
            case_id: Some(id(1)),
            checked: long(checked),
        },
        by: by.clone(),
        at: on,
        counts,
    };
    CaseCoordination {
        evidence: vec![EvidenceStanding {
            evidence_id: id(20),
            level: VerificationLevel::Corroborated,
            steps: vec![
                step(
                    80,
                    VerificationLevel::Documented,
                    &olga,
                    at(2026, 11, 12),
                    "Photo of the detention protocol",
                ),
                step(
                    81,
                    VerificationLevel::Corroborated,
                    &pavel,
                    at(2026, 11, 14),
                    "OVD-Info record of the arrest",
                ),
            ],
        }],
        activity: ActivityVerification {
            verdict: ActivityVerdict::Verified,
            confirmations: vec![
                confirm(
                    82,
                    &olga,
                    at(2026, 11, 15),
                    &format!("Called the Vesna contact {CANARY_BASIS}"),
                    true,
                ),
                confirm(
                    83,
                    &olga,
                    at(2026, 11, 15),
                    "Confirmed again by the same coordinator",
                    false,
                ),
                confirm(
                    84,
                    &pavel,
                    at(2026, 11, 16),
                    "Checked the court record online",
                    true,
                ),
            ],
        },
        referrals: Vec::new(),
        flights: vec![LinkedFlight {
            link_id: id(90),
            flight_id: id(91),
            flight: Flight {
                date: Some(day(2026, 12, 5)),
                route: short(&format!("Alexandria, LA to Moscow via Cairo {CANARY_NEED}")),
                source: short("an attorney at the facility"),
                notes: long(""),
            },
        }],
        checklist: Vec::new(),
    }
}
