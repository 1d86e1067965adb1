//! Typesetting a [`Dossier`] into PDF bytes: its JSON goes to the template as data, the
//! characters no font can show are replaced first (under PDF/A one such character would fail
//! the whole document), and typst's memo caches are emptied afterwards so no case text stays in
//! memory between exports.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::model::Dossier;
use crate::world::{fonts, DossierWorld};

/// What stands in for a character that no font of the dossier can show.
pub const REPLACEMENT: char = '\u{FFFD}';
/// The stand-in's own stand-in, if no font had U+FFFD.
const LAST_RESORT: char = '?';

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("the dossier could not be typeset ({0}): this is a bug, please report it")]
    Template(String),
    #[error("the dossier's data could not be prepared: {0}")]
    Data(#[from] serde_json::Error),
}

/// The dossier as a PDF/A-2b document, with its fonts embedded.
pub fn typeset(dossier: &Dossier) -> Result<Vec<u8>, TypesetError> {
    let mut data = serde_json::to_value(dossier)?;
    replace_unprintable(&mut data);
    let world = DossierWorld::new(serde_json::to_vec(&data)?);
    let result = compile_pdf(&world, dossier.cover.generated_on);
    // typst memoises layouts of this dossier's text; drop them now.
    typst::comemo::evict(0);
    result
}

fn compile_pdf(world: &DossierWorld, day: NaiveDate) -> Result<Vec<u8>, TypesetError> {
    let document = typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| TypesetError::Template(first_message(&errors)))?;
    let standards = PdfStandards::new(&[PdfStandard::A_2b])
        .map_err(|e| TypesetError::Template(e.message().to_string()))?;
    // PDF/A requires a date: the day the dossier was made, at midnight UTC (no time of day, which
    // would say more about the coordinator than the document needs).
    let date = Datetime::from_ymd_hms(day.year(), day.month() as u8, day.day() as u8, 0, 0, 0)
        .ok_or_else(|| TypesetError::Template(format!("the date {day} is out of range")))?;
    let options = PdfOptions {
        creator: Smart::Custom(Some("Pristan".into())),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| TypesetError::Template(first_message(&errors)))
}

fn first_message(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .first()
        .map(|e| e.message.to_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Replaces, in every string of `value`, the characters no font can show (and control
/// characters other than line breaks, which have no glyph either), and lets very long words
/// (links, file names) break so they stay inside their column.
pub(crate) fn replace_unprintable(value: &mut Value) {
    match value {
        Value::String(text) => {
            if text.chars().any(|c| !printable(c)) {
                *text = text.chars().filter_map(printable_or_replacement).collect();
            }
            if let Some(broken) = break_long_runs(text) {
                *text = broken;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(replace_unprintable),
        Value::Object(fields) => fields.values_mut().for_each(replace_unprintable),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn printable(c: char) -> bool {
    c == '\n' || (c != '\t' && !c.is_control() && covered(c))
}

fn printable_or_replacement(c: char) -> Option<char> {
    match c {
        '\n' => Some('\n'),
        '\t' => Some(' '),
        // A carriage return comes before a line feed that is kept.
        '\r' => None,
        c if printable(c) => Some(c),
        _ if covered(REPLACEMENT) => Some(REPLACEMENT),
        _ => Some(LAST_RESORT),
    }
}

fn covered(c: char) -> bool {
    fonts().iter().any(|f| f.info().coverage.contains(c as u32))
}

/// Runs of more than this many characters with no place to break a line get one.
const LONGEST_UNBROKEN: usize = 28;
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// `text` with a zero-width space after every [`LONGEST_UNBROKEN`] characters of a run that has
/// no space or punctuation to break at (typst, like a browser, would let it overflow), or `None`
/// if there is no such run.
fn break_long_runs(text: &str) -> Option<String> {
    let breaks_after = |c: char| c.is_whitespace() || "/-_.,;:?&=)]".contains(c);
    let mut run = 0;
    let mut needed = false;
    for c in text.chars() {
        run = if breaks_after(c) { 0 } else { run + 1 };
        needed |= run > LONGEST_UNBROKEN;
    }
    if !needed {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut run = 0;
    for c in text.chars() {
        if run == LONGEST_UNBROKEN && !breaks_after(c) {
            out.push(ZERO_WIDTH_SPACE);
            run = 0;
        }
        out.push(c);
        run = if breaks_after(c) { 0 } else { run + 1 };
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_runs_longer_than_the_limit_get_a_break() {
        let short = "x".repeat(LONGEST_UNBROKEN);
        assert_eq!(break_long_runs(&short), None);
        assert_eq!(break_long_runs("https://example.org/a/b/c?d=e"), None);
        let long = "y".repeat(LONGEST_UNBROKEN * 2 + 1);
        let broken = break_long_runs(&long).unwrap();
        assert_eq!(broken.matches(ZERO_WIDTH_SPACE).count(), 2);
        assert_eq!(broken.replace(ZERO_WIDTH_SPACE, ""), long);
    }

    #[test]
    fn unprintable_characters_are_replaced_in_nested_values() {
        let mut value = serde_json::json!({"a": ["ok \u{E000}", {"b": "tab\there\r\n"}], "n": 1});
        replace_unprintable(&mut value);
        let a = value["a"][0].as_str().unwrap();
        assert!(a.starts_with("ok ") && !a.contains('\u{E000}'));
        assert_eq!(value["a"][1]["b"], "tab here\n");
    }
}
