//! Autosave of a visit write-up, as the app does it while a volunteer types: the same draft saved
//! again and again, a little longer each time. Times are reported, never asserted.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use pristan_core::casebook::{DraftNote, VisitDraft};
use pristan_core::domain::{NoteKind, Visit};
use pristan_core::ops::EntityId;
use pristan_core::Vault;

/// The latencies of `runs` autosaves of one draft on the vault's first case, sorted. The draft is
/// discarded afterwards, so the vault is left as it was (drafts never travel).
pub fn autosave_latencies(vault: &mut Vault, runs: usize) -> Result<Vec<Duration>> {
    let case = vault
        .cases()?
        .first()
        .map(|c| c.id)
        .context("the vault has no cases")?;
    let id = EntityId::random();
    let mut text = String::from("Seemed calmer than last time. ");
    let mut times = Vec::with_capacity(runs);
    for n in 0..runs {
        // A few words more each time, as a write-up grows between autosaves.
        text.push_str(if n % 2 == 0 {
            "Asked about the hearing date and his glasses. "
        } else {
            "Просил передать тёплые носки. "
        });
        let draft = VisitDraft {
            case_id: Some(case),
            visit: Visit {
                case_id: Some(case),
                ..Visit::default()
            },
            notes: vec![DraftNote {
                kind: NoteKind::Welfare,
                text: text.clone(),
                ..DraftNote::default()
            }],
        };
        let started = Instant::now();
        vault.save_visit_draft(id, &draft)?;
        times.push(started.elapsed());
        if text.len() > 6000 {
            text.truncate(30);
        }
    }
    vault.discard_visit_draft(id)?;
    times.sort();
    Ok(times)
}

/// The nearest-rank percentile `p` (0–100) of sorted `times`.
pub fn percentile(times: &[Duration], p: usize) -> Duration {
    if times.is_empty() {
        return Duration::ZERO;
    }
    times[(times.len() * p).div_ceil(100).saturating_sub(1)]
}
