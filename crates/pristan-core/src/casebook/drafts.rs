//! Visit write-ups in progress. A draft is saved into the encrypted database every few seconds
//! while the volunteer types, and becomes a visit and its notes, in one transaction, when they
//! finish. Drafts stay on this device: they are not operations and never travel in a bundle.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::OptionalExtension;

use crate::domain::views::{VisitDraft, VisitDraftSummary};
use crate::domain::{LongText, Note, Visit};
use crate::error::{Error, Result};
use crate::ops::{EntityId, EntityType};
use crate::vault::Vault;

impl Vault {
    /// Saves (or replaces) draft `id`. Returns once the write is committed to disk.
    pub fn save_visit_draft(&mut self, id: EntityId, draft: &VisitDraft) -> Result<()> {
        let case_id = draft.case_id.ok_or_else(|| Error::Invalid {
            field: "visit",
            reason: "choose whose visit this is".into(),
        })?;
        self.require_case(case_id)?;
        let body = serde_json::to_string(draft).expect("a draft serialises");
        self.connection().execute(
            "INSERT INTO drafts (id, case_id, body, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, body = excluded.body,
                                            updated_at = excluded.updated_at",
            (
                id.to_string(),
                case_id.to_string(),
                body,
                Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            ),
        )?;
        Ok(())
    }

    pub fn visit_draft(&self, id: EntityId) -> Result<Option<VisitDraft>> {
        let body: Option<String> = self
            .connection()
            .query_row(
                "SELECT body FROM drafts WHERE id = ?1",
                [id.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        body.map(|body| {
            serde_json::from_str(&body).map_err(|e| Error::Invalid {
                field: "draft",
                reason: e.to_string(),
            })
        })
        .transpose()
    }

    /// Unfinished write-ups, most recently saved first.
    pub fn visit_drafts(&self) -> Result<Vec<VisitDraftSummary>> {
        let mut stmt = self.connection().prepare(
            "SELECT d.id, d.case_id, d.updated_at FROM drafts d JOIN cases c ON c.id = d.case_id
             WHERE c.deleted = 0 ORDER BY d.updated_at DESC",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut drafts = Vec::new();
        for row in rows {
            let (id, case_id, updated_at) = row?;
            let (Ok(id), Ok(case_id), Ok(updated_at)) = (
                id.parse(),
                case_id.parse(),
                DateTime::parse_from_rfc3339(&updated_at),
            ) else {
                continue;
            };
            drafts.push(VisitDraftSummary {
                id,
                case_id,
                updated_at: updated_at.with_timezone(&Utc),
            });
        }
        Ok(drafts)
    }

    pub fn discard_visit_draft(&mut self, id: EntityId) -> Result<()> {
        self.connection()
            .execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?;
        Ok(())
    }

    /// Saves the draft as a visit (whose id is the draft's) with one note per non-empty section,
    /// and removes the draft, all in one transaction. Nothing is saved if anything is invalid,
    /// and the draft is then kept as it was.
    pub fn finish_visit_draft(&mut self, id: EntityId) -> Result<EntityId> {
        self.finish_visit_draft_sharing(id, false)
    }

    /// As [`Vault::finish_visit_draft`]; with `share_with_coordinator`, also records (in the same
    /// transaction) that the person agreed at this visit to share their case with the coordinator,
    /// unless such a consent is already in force. The whole case then leaves with the next bundle.
    pub fn finish_visit_draft_sharing(
        &mut self,
        id: EntityId,
        share_with_coordinator: bool,
    ) -> Result<EntityId> {
        let draft = self.visit_draft(id)?.ok_or_else(|| Error::Invalid {
            field: "draft",
            reason: "this write-up was already saved or discarded".into(),
        })?;
        let case_id = draft.case_id;
        let visit = Visit {
            case_id,
            ..draft.visit
        };
        let mut changes = vec![(EntityType::Visit, id, self.creation(&visit)?)];
        for draft_note in draft.notes.iter().filter(|n| !n.text.trim().is_empty()) {
            let text = LongText::new(&draft_note.text).map_err(|e| Error::Invalid {
                field: "note",
                reason: e.to_string(),
            })?;
            let note = Note {
                case_id,
                visit_id: Some(id),
                kind: draft_note.kind,
                sensitivity: draft_note.sensitivity,
                text,
                replaces: None,
            };
            let change = self.creation_among(&note, &[(id, case_id)], &[])?;
            changes.push((EntityType::Note, EntityId::random(), change));
        }
        if let (true, Some(case)) = (share_with_coordinator, case_id) {
            if !self.shares_with_coordinator(case)? {
                let consent =
                    crate::sharing::share_consent(case, chrono::Local::now().date_naive());
                changes.push((EntityType::Consent, EntityId::random(), consent));
            }
        }
        self.record_all(changes, |tx| {
            tx.execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?;
            Ok(())
        })?;
        Ok(id)
    }
}
