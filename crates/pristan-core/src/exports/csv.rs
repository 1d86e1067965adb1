//! The working group's CSV: one row per referred case (id, names, priority, pathway, status,
//! verification, next deadline), never the narrative. Written to open the same in LibreOffice
//! and Excel: UTF-8 with a byte-order mark (Excel reads a double-clicked file as UTF-8 only with
//! it), every field quoted, lines ending in CRLF, `,` or `;` between cells (Excel in a Russian
//! locale expects `;`). A cell that begins with `=`, `+`, `-`, `@`, a tab, CR or LF (after any
//! spaces) gets a leading `'`, so a spreadsheet shows it as text instead of running it as a
//! formula (OWASP, "CSV injection").

use crate::domain::views::DeadlineKind;
use crate::domain::{ActivityVerdict, CsvDelimiter, ReferralRow};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header row, in English: the list goes to a working group, not to the app's screens.
pub const HEADER: [&str; 8] = [
    "Case ID",
    "Name (Latin)",
    "Name (Cyrillic)",
    "Priority",
    "Pathway",
    "Status",
    "Verification",
    "Next deadline",
];

/// The CSV bytes for `rows`. Rows whose consent gate refused them are never written, even if a
/// caller passes them.
pub fn working_group_csv(rows: &[ReferralRow], delimiter: CsvDelimiter) -> Vec<u8> {
    let mut out = BOM.to_vec();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(delimiter.byte())
            .quote_style(::csv::QuoteStyle::Always)
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut write = |cells: &[String]| {
            let cells = cells.iter().map(|c| neutralise(c).into_owned());
            // Writing into a Vec cannot fail.
            writer.write_record(cells).expect("writing CSV into memory");
        };
        write(&HEADER.map(str::to_owned));
        for row in rows.iter().filter(|r| r.consent_refusal.is_none()) {
            write(&cells(row));
        }
        writer.flush().expect("flushing CSV into memory");
    }
    out
}

fn cells(row: &ReferralRow) -> [String; 8] {
    let status = match row.referral.date_of(row.referral.status) {
        Some(day) => format!("{} ({day})", words(row.referral.status.as_str())),
        None => words(row.referral.status.as_str()),
    };
    let deadline = row
        .next_deadline
        .as_ref()
        .map(|d| format!("{} ({})", d.due, deadline_words(d.kind)))
        .unwrap_or_default();
    [
        row.case.id.to_string(),
        row.case.name.clone(),
        row.case.native_name.clone(),
        words(row.referral.priority.as_str()),
        row.pathway_name.clone(),
        status,
        verdict_words(row.verdict).to_owned(),
        deadline,
    ]
}

/// `dossier_prepared` → `dossier prepared`.
fn words(id: &str) -> String {
    id.replace('_', " ")
}

fn verdict_words(verdict: ActivityVerdict) -> &'static str {
    match verdict {
        ActivityVerdict::Unconfirmed => "unconfirmed",
        ActivityVerdict::OneCoordinator => "confirmed by one coordinator",
        ActivityVerdict::Verified => "verified by two coordinators",
    }
}

fn deadline_words(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::BiaAppeal => "BIA appeal",
        DeadlineKind::PetitionForReview => "petition for review",
        DeadlineKind::MotionToReconsider => "motion to reconsider",
        DeadlineKind::MotionToReopen => "motion to reopen",
        DeadlineKind::CredibleFearReview => "credible fear review",
        DeadlineKind::DetainedBriefing => "detained briefing",
    }
}

/// `cell`, with a leading `'` if a spreadsheet would read it as a formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let first = cell.trim_start_matches(' ').chars().next();
    match first {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_are_neutralised_and_nothing_else_is() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "\n=1",
            "  =1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Smirnov", "Смирнов", "2026-12-10", "", "a=b", "'quoted"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }
}
