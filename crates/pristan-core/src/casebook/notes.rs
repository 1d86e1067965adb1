//! Notes: immutable once saved. A correction is a new note that replaces the old one; the newest
//! revision is what a case page shows, and the chain is its history.

use chrono::DateTime;
use rusqlite::OptionalExtension;

use crate::domain::views::NoteRevision;
use crate::domain::{LongText, Note, NoteKind, Sensitivity, Stored};
use crate::error::{Error, Result};
use crate::ops::{DeviceId, EntityId, Hlc};
use crate::vault::Vault;

impl Vault {
    /// Saves a correction of note `id`: a new note that replaces it, on the same case and visit.
    pub fn revise_note(
        &mut self,
        id: EntityId,
        kind: NoteKind,
        sensitivity: Sensitivity,
        text: LongText,
    ) -> Result<EntityId> {
        let old = self.require::<Note>(id)?;
        if let Some(newer) = self.replacement_of(id)? {
            return Err(Error::Invalid {
                field: "note",
                reason: format!("this note was already corrected (see note {newer}); correct the newest version"),
            });
        }
        self.add(Note {
            kind,
            sensitivity,
            text,
            replaces: Some(id),
            ..old.record
        })
    }

    /// The current notes of a case (newest revisions only), newest first. Two devices correcting
    /// the same note without seeing each other leave two current revisions; both show.
    pub fn current_notes(&self, case_id: EntityId) -> Result<Vec<NoteRevision>> {
        let notes = self.list::<Note>(case_id)?;
        let mut current = Vec::new();
        for note in &notes {
            let replaced = notes.iter().any(|n| n.record.replaces == Some(note.id));
            if !replaced {
                current.push(self.revision(note.clone(), chain_length(&notes, note))?);
            }
        }
        current.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.note.id.cmp(&b.note.id)));
        Ok(current)
    }

    /// Every revision of the note `id`, oldest first, ending with `id` itself.
    pub fn note_history(&self, id: EntityId) -> Result<Vec<NoteRevision>> {
        let newest = self.require::<Note>(id)?;
        // Notes made here always name their case; one received without it has no history to
        // read, and says so rather than stopping the app.
        let case_id = newest
            .record
            .case_id
            .ok_or_else(|| crate::error::Error::Invalid {
                field: "note",
                reason: "this note belongs to no case, so it has no revisions to show".into(),
            })?;
        let notes = self.list::<Note>(case_id)?;
        let total = chain_length(&notes, &newest);
        let mut chain = Vec::new();
        let mut next = Some(newest);
        while let Some(note) = next {
            next = note
                .record
                .replaces
                .and_then(|old| notes.iter().find(|n| n.id == old).cloned());
            chain.push(self.revision(note, total)?);
            if chain.len() > notes.len() {
                break; // a cycle could only come from a forged log; stop rather than loop
            }
        }
        chain.reverse();
        Ok(chain)
    }

    fn replacement_of(&self, id: EntityId) -> Result<Option<EntityId>> {
        let newer: Option<String> = self
            .connection()
            .query_row(
                "SELECT id FROM records WHERE entity_type = 'note' AND deleted = 0
                 AND json_extract(body, '$.replaces') = ?1 LIMIT 1",
                [id.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(newer.and_then(|n| n.parse().ok()))
    }

    fn revision(&self, note: Stored<Note>, revisions: usize) -> Result<NoteRevision> {
        let (hlc, device): (String, String) = self.connection().query_row(
            "SELECT hlc, device_id FROM ops WHERE entity_id = ?1 ORDER BY hlc LIMIT 1",
            [note.id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let damaged = |reason: String| Error::Invalid {
            field: "operation log",
            reason,
        };
        let hlc: Hlc = hlc
            .parse()
            .map_err(|e: crate::ops::HlcParseError| damaged(e.to_string()))?;
        let device: DeviceId = device
            .parse()
            .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))?;
        let saved_at = DateTime::from_timestamp_millis(hlc.wall_ms() as i64).unwrap_or_default();
        Ok(NoteRevision {
            note,
            saved_at,
            device,
            revisions,
        })
    }
}

/// How many notes lead up to `note` through `replaces`, itself included.
fn chain_length(notes: &[Stored<Note>], note: &Stored<Note>) -> usize {
    let mut length = 1;
    let mut current = note.record.replaces;
    while let Some(id) = current {
        match notes.iter().find(|n| n.id == id) {
            Some(older) if length <= notes.len() => {
                length += 1;
                current = older.record.replaces;
            }
            _ => break,
        }
    }
    length
}
