//! What the write-up form holds, exactly as typed, and how it becomes a draft for the vault.

use chrono::{NaiveDate, NaiveTime, Timelike};
use pristan_model::views::{DraftNote, VisitDraft};
use pristan_model::{EntityId, LongText, NoteKind, Sensitivity, ShortText, Visit, VisitMode};

/// The sections of a write-up, in the order they are typed (and printed on the paper guide).
pub const NOTE_KINDS: [NoteKind; 6] = [
    NoteKind::Welfare,
    NoteKind::Medical,
    NoteKind::Legal,
    NoteKind::Family,
    NoteKind::Needs,
    NoteKind::Observation,
];

/// One section: its text as typed and whether it is restricted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: NoteKind,
    pub text: String,
    pub restricted: bool,
}

/// The form's fields. Texts are kept as typed (never trimmed or cut), so that a save that fails,
/// or a value the vault would refuse, never costs the volunteer a keystroke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub case_id: EntityId,
    pub facility_id: Option<EntityId>,
    /// `YYYY-MM-DD`, as the date field gives it; empty while it is not a whole date.
    pub date: String,
    /// `HH:MM`, as the time field gives it.
    pub time: String,
    pub mode: VisitMode,
    pub language: String,
    pub interpreter: String,
    pub visitors: String,
    pub sections: Vec<Section>,
}

/// Why the write-up cannot be finished yet; each has words in visits.ftl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoDate,
    LanguageTooLong,
    InterpreterTooLong,
    NoteTooLong { kind: NoteKind, chars: usize },
}

impl Problem {
    /// The id of the field to move the keyboard focus to.
    pub fn field_id(&self) -> String {
        match self {
            Problem::NoDate => "visit-date".to_owned(),
            Problem::LanguageTooLong => "visit-language".to_owned(),
            Problem::InterpreterTooLong => "visit-interpreter".to_owned(),
            Problem::NoteTooLong { kind, .. } => format!("note-{kind}"),
        }
    }
}

impl Form {
    /// A new write-up for `case_id`, dated `today`. Medical notes start restricted, because
    /// health is always sensitive; the volunteer can untick it.
    pub fn new(case_id: EntityId, facility_id: Option<EntityId>, today: NaiveDate) -> Form {
        Form {
            case_id,
            facility_id,
            date: today.to_string(),
            time: String::new(),
            mode: VisitMode::default(),
            language: String::new(),
            interpreter: String::new(),
            visitors: String::new(),
            sections: NOTE_KINDS
                .iter()
                .map(|&kind| Section {
                    kind,
                    text: String::new(),
                    restricted: kind == NoteKind::Medical,
                })
                .collect(),
        }
    }

    /// The form for a saved draft. Sections the draft has twice (which this form never writes)
    /// are joined, so that nothing typed is hidden.
    pub fn from_draft(case_id: EntityId, draft: &VisitDraft) -> Form {
        let visit = &draft.visit;
        let sections = NOTE_KINDS
            .iter()
            .map(|&kind| {
                let notes: Vec<&DraftNote> = draft
                    .notes
                    .iter()
                    .filter(|note| note.kind == kind)
                    .collect();
                Section {
                    kind,
                    text: notes
                        .iter()
                        .map(|note| note.text.as_str())
                        .filter(|text| !text.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    restricted: notes
                        .iter()
                        .any(|note| note.sensitivity == Sensitivity::Restricted),
                }
            })
            .collect();
        Form {
            case_id: draft.case_id.unwrap_or(case_id),
            facility_id: visit.facility_id,
            date: visit.date.map(|d| d.to_string()).unwrap_or_default(),
            time: visit
                .start_time
                .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
                .unwrap_or_default(),
            mode: visit.mode,
            language: visit.language.to_string(),
            interpreter: visit.interpreter.to_string(),
            visitors: visit.visitors.to_string(),
            sections,
        }
    }

    pub fn section_mut(&mut self, kind: NoteKind) -> Option<&mut Section> {
        self.sections.iter_mut().find(|s| s.kind == kind)
    }

    /// The draft to autosave. It always succeeds: one-line fields the vault would refuse (too
    /// long) are cut for the draft only, while the form keeps what was typed.
    pub fn to_draft(&self) -> VisitDraft {
        VisitDraft {
            case_id: Some(self.case_id),
            visit: Visit {
                case_id: Some(self.case_id),
                facility_id: self.facility_id,
                date: parse_date(&self.date),
                start_time: parse_time(&self.time),
                mode: self.mode,
                language: short_text_lossy(&self.language),
                interpreter: short_text_lossy(&self.interpreter),
                visitors: short_text_lossy(&self.visitors),
            },
            notes: self
                .sections
                .iter()
                .map(|section| DraftNote {
                    kind: section.kind,
                    sensitivity: if section.restricted {
                        Sensitivity::Restricted
                    } else {
                        Sensitivity::Normal
                    },
                    text: section.text.clone(),
                })
                .collect(),
        }
    }

    /// What stops the write-up from being saved as a visit, first problem first (in the order of
    /// the fields on screen).
    pub fn problem(&self) -> Option<Problem> {
        if parse_date(&self.date).is_none() {
            return Some(Problem::NoDate);
        }
        if ShortText::new(&self.language).is_err() {
            return Some(Problem::LanguageTooLong);
        }
        if ShortText::new(&self.interpreter).is_err() {
            return Some(Problem::InterpreterTooLong);
        }
        self.sections.iter().find_map(|section| {
            let chars = section.text.trim().chars().count();
            (chars > LongText::MAX_CHARS).then_some(Problem::NoteTooLong {
                kind: section.kind,
                chars,
            })
        })
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

/// `HH:MM` or `HH:MM:SS`, as time fields give it.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.trim().split(':').map(str::parse::<u32>);
    let hour = parts.next()?.ok()?;
    let minute = parts.next()?.ok()?;
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// The text as a [`ShortText`]; if it is too long or holds a control character, the part that
/// fits, with control characters dropped.
fn short_text_lossy(text: &str) -> ShortText {
    ShortText::new(text).unwrap_or_else(|_| {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_control())
            .take(ShortText::MAX_CHARS)
            .collect();
        ShortText::new(&cleaned).unwrap_or_default()
    })
}
