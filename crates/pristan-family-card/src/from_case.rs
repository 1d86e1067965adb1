//! The card built from a case file: a pure function, so what reaches a family is decided in one
//! place that tests can read field by field.

use chrono::{DateTime, NaiveDate, Utc};
use pristan_model::family_card::{
    CardFacility, CardHearing, CardLanguage, CardMessage, CardVisitingInfo, FamilyCard,
    CARD_VERSION,
};
use pristan_model::views::CaseFile;
use pristan_model::{LegalEventKind, Outcome, ShortText};

/// What the coordinator adds to the case file when issuing a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardInputs {
    pub language: CardLanguage,
    /// The visitor's short message.
    pub message: CardMessage,
    /// Whom the family may call.
    pub whom_to_call: ShortText,
}

/// The hearings a family is told about (the person appears, and may be released or ordered
/// removed): not filings, decisions or interviews.
const HEARINGS: [LegalEventKind; 4] = [
    LegalEventKind::MasterHearing,
    LegalEventKind::IndividualHearing,
    LegalEventKind::BondHearing,
    LegalEventKind::CredibleFearReview,
];

/// The card for `file` as of `now`. `issued_at` is when the card was first issued (a refresh
/// keeps it). Reads only the whitelisted parts of the case file; everything else is never looked
/// at.
pub fn card_from_case(
    file: &CaseFile,
    inputs: &CardInputs,
    issued_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> FamilyCard {
    FamilyCard {
        version: CARD_VERSION,
        language: inputs.language,
        first_name: first_name(file, inputs.language),
        custody_status: file.case.custody_status,
        facility: file.facility.as_ref().map(|f| CardFacility {
            name: f.record.name.clone(),
            visiting_info: CardVisitingInfo::truncated(f.record.visiting_rules.as_str()),
            time_zone: f.record.time_zone,
        }),
        next_hearing: next_hearing(file, now),
        last_visit: last_visit(file, now.date_naive()),
        message: inputs.message.clone(),
        whom_to_call: inputs.whom_to_call.clone(),
        issued_at,
        refreshed_at: now,
    }
}

/// The first word of the name: of the name in the person's own script for a Russian card when
/// there is one, otherwise of the name in Latin letters. Pristan records names given name first.
fn first_name(file: &CaseFile, language: CardLanguage) -> ShortText {
    let native = file.case.native_name.split_whitespace().next();
    let latin = file.case.name.split_whitespace().next();
    let word = match language {
        CardLanguage::Ru => native.or(latin),
        CardLanguage::En => latin.or(native),
    };
    // A word of a ShortText-sized name always fits; an empty one stays empty.
    ShortText::new(word.unwrap_or("")).unwrap_or_default()
}

/// The earliest hearing not yet past (in the court's own time zone when it is known) and not
/// withdrawn.
fn next_hearing(file: &CaseFile, now: DateTime<Utc>) -> Option<CardHearing> {
    file.legal_events
        .iter()
        .map(|e| &e.record)
        .filter(|e| HEARINGS.contains(&e.kind) && e.outcome != Outcome::Withdrawn)
        .filter_map(|e| {
            let date = e.date?;
            let today = match e.time_zone {
                Some(zone) => now.with_timezone(&zone).date_naive(),
                None => now.date_naive(),
            };
            (date >= today).then_some(CardHearing {
                date,
                time: e.time,
                time_zone: e.time_zone,
            })
        })
        .min_by_key(|h| (h.date, h.time))
}

/// The date of the most recent visit on or before `today`.
fn last_visit(file: &CaseFile, today: NaiveDate) -> Option<NaiveDate> {
    file.visits
        .iter()
        .filter_map(|v| v.record.date)
        .filter(|d| *d <= today)
        .max()
}
