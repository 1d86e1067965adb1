//! Saving many records in one transaction: for the demo generator and, later, imports. One commit
//! (and one sync to disk) for the lot instead of one per record, and all of it or none.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::cases::{case_assignment, case_creation, CaseField, NewCase};
use crate::error::{Error, Result};
use crate::ops::{Change, EntityId, EntityType};
use crate::org::permissions::may_write;
use crate::records::RecordType;
use crate::vault::bulk_cache::with_bulk_cache;
use crate::vault::Vault;

/// Records checked and waiting to be saved together by [`Vault::save_batch`]. Dropping a batch
/// saves nothing. Records are checked against the vault as they are queued (`queue`), and the
/// device's role for every change when the batch is saved.
#[derive(Debug, Default)]
pub struct RecordBatch {
    changes: Vec<(EntityType, EntityId, Change)>,
    /// Visits queued so far (id, case), which later records in the batch may name.
    visits: Vec<(EntityId, Option<EntityId>)>,
    /// Cases queued so far, which later records in the batch may name.
    cases: Vec<EntityId>,
    /// How many of `visits` and `cases` came from the batch this one was begun [`after`]: they
    /// are there already when this one is appended to it.
    ///
    /// [`after`]: RecordBatch::after
    known: (usize, usize),
}

impl RecordBatch {
    pub fn new() -> RecordBatch {
        RecordBatch::default()
    }

    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// An empty batch whose records may name the cases and visits queued in this one, to be
    /// appended to it: so a caller can queue records in another order than it draws them.
    pub fn after(&self) -> RecordBatch {
        RecordBatch {
            changes: Vec::new(),
            visits: self.visits.clone(),
            cases: self.cases.clone(),
            known: (self.visits.len(), self.cases.len()),
        }
    }

    /// Queues everything in `later` after what this batch holds, in its order.
    pub fn append(&mut self, mut later: RecordBatch) {
        let (visits, cases) = later.known;
        self.changes.append(&mut later.changes);
        self.visits
            .extend(later.visits.drain(visits.min(later.visits.len())..));
        self.cases
            .extend(later.cases.drain(cases.min(later.cases.len())..));
    }
}

impl RecordBatch {
    /// Checks `record` against `vault` as [`Vault::add`] does and adds it to the batch; returns
    /// the id it will have once the batch is saved. Its case must be saved already or queued
    /// earlier in the batch.
    pub fn queue<T: RecordType>(&mut self, vault: &Vault, record: T) -> Result<EntityId> {
        let id = EntityId::random();
        let change = vault.creation_among(&record, &self.visits, &self.cases)?;
        if T::ENTITY == EntityType::Visit {
            self.visits.push((id, record.case_id()));
        }
        self.changes.push((T::ENTITY, id, change));
        Ok(id)
    }

    /// Checks `case` as [`Vault::add_case`] does and adds it to the batch; returns the id it will
    /// have. Records queued after it may name it.
    pub fn queue_case(&mut self, case: NewCase) -> Result<EntityId> {
        let id = EntityId::random();
        for (entity, entity_id, change) in case_creation(id, case)? {
            self.changes.push((entity, entity_id, change));
        }
        self.cases.push(id);
        Ok(id)
    }

    /// Checks changed case fields as [`Vault::update_case`] does and adds them to the batch. The
    /// case must be saved in `vault` or queued in the batch already.
    pub fn queue_case_change(
        &mut self,
        vault: &Vault,
        id: EntityId,
        changes: BTreeMap<CaseField, Value>,
    ) -> Result<()> {
        if !self.cases.contains(&id) {
            vault.require_case(id)?;
        }
        let fields = case_assignment(changes)?;
        if !fields.is_empty() {
            self.changes
                .push((EntityType::Case, id, Change::assign(fields)));
        }
        Ok(())
    }
}

impl Vault {
    /// Saves every record of `batch` as operations, in one transaction; returns how many. If this
    /// device's role may not make one of the changes, nothing is saved.
    pub fn save_batch(&mut self, batch: RecordBatch) -> Result<usize> {
        let count = batch.changes.len();
        if count == 0 {
            return Ok(0);
        }
        if let Some(role) = self.own_role()? {
            for (entity_type, _, change) in &batch.changes {
                may_write(role, *entity_type, change).map_err(Error::NotPermitted)?;
            }
        }
        with_bulk_cache(
            self,
            |vault| &vault.conn,
            |vault| {
                let device = vault.device_id();
                let tx = vault.conn.transaction()?;
                // The clock advances only if the transaction commits, as in `Vault::record_all`.
                let mut clock = vault.clock.clone();
                // Search entries reach FTS5 together, in rowid order, after every record: one at a
                // time, newest rowid smallest, FTS5 wrote a segment for nearly each
                // (`cases::search_deferral`).
                crate::cases::search_deferral::begin(&tx)?;
                crate::sharing::record_changes(&tx, device, &mut clock, batch.changes)?;
                crate::cases::search_deferral::end(&tx)?;
                tx.commit()?;
                vault.clock = clock;
                Ok(count)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;
    use std::collections::BTreeMap;

    use serde_json::Value;

    use crate::cases::{CaseField, NewCase};
    use crate::domain::{
        Consent, ConsentPurpose, LongText, Note, NoteKind, Sensitivity, Task, Visit,
    };
    use crate::sharing::HeldBack;
    use crate::KdfParams;

    fn new_vault() -> (tempfile::TempDir, Vault, EntityId) {
        let tmp = tempfile::tempdir().unwrap();
        let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
        let (mut vault, _) =
            Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
        let case = vault
            .add_case(NewCase {
                name: "Ivan Petrov".into(),
                ..NewCase::default()
            })
            .unwrap();
        (tmp, vault, case)
    }

    fn note(case: EntityId, text: &str) -> Note {
        Note {
            case_id: Some(case),
            text: LongText::new(text).unwrap(),
            ..Note::default()
        }
    }

    fn note_at(case: EntityId, visit: EntityId, text: &str) -> Note {
        Note {
            visit_id: Some(visit),
            ..note(case, text)
        }
    }

    fn visit(case: EntityId) -> Visit {
        Visit {
            case_id: Some(case),
            date: Some("2026-11-20".parse().unwrap()),
            ..Visit::default()
        }
    }

    /// The person's consent to share with the coordinator, given today.
    fn consent_to_share(case: EntityId) -> Consent {
        Consent {
            case_id: Some(case),
            purpose: ConsentPurpose::ShareWithCoordinator,
            given_on: Some(chrono::Local::now().date_naive()),
            ..Consent::default()
        }
    }

    fn count(vault: &Vault, sql: &str) -> i64 {
        vault.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_batch_saves_what_single_adds_would_and_leaves_the_schema_as_it_was() {
        let (_tmp, mut vault, case) = new_vault();
        let schema = count(&vault, "SELECT count(*) FROM sqlite_schema");
        let mut batch = RecordBatch::new();
        let visit = batch.queue(&vault, visit(case)).unwrap();
        let first = batch
            .queue(&vault, note_at(case, visit, "Просит очки для чтения"))
            .unwrap();
        assert_eq!(batch.len(), 2);
        assert!(
            vault.get::<Visit>(visit).unwrap().is_none(),
            "not saved yet"
        );
        assert_eq!(vault.save_batch(batch).unwrap(), 2);
        assert_eq!(
            vault.get::<Note>(first).unwrap().unwrap().record.visit_id,
            Some(visit)
        );
        assert_eq!(vault.search_cases("очки").unwrap().len(), 1);
        assert_eq!(count(&vault, "SELECT count(*) FROM ops"), 3);
        assert_eq!(
            count(&vault, "SELECT count(*) FROM sqlite_schema"),
            schema,
            "the lookup index is gone"
        );
        // A revision saved afterwards, one by one, still finds and hides the note it replaces.
        vault
            .revise_note(
                first,
                NoteKind::Needs,
                Sensitivity::Normal,
                LongText::new("Просит очки, +2.5").unwrap(),
            )
            .unwrap();
        assert_eq!(vault.current_notes(case).unwrap().len(), 1);
        assert!(vault.integrity_problems().unwrap().is_empty());
    }

    /// A case queued in a batch is saved with the records queued after it, which may name it:
    /// the case and its records are all saved, or none (the demo generator resumes after the last
    /// batch saved, so a batch must never leave a case without its records).
    #[test]
    fn a_case_queued_in_a_batch_is_saved_with_the_records_that_name_it() {
        let (_tmp, mut vault, _) = new_vault();
        let mut batch = RecordBatch::new();
        let case = batch
            .queue_case(NewCase {
                name: "Olga Smirnova".into(),
                a_number: Some("A 212-345-678".parse().unwrap()),
                ..NewCase::default()
            })
            .unwrap();
        batch
            .queue_case_change(
                &vault,
                case,
                BTreeMap::from([(CaseField::AttorneyName, Value::from(" Maria Lopez "))]),
            )
            .unwrap();
        // A batch begun after this one may name the case too, and once appended, its visit may
        // be named by what comes next.
        let mut later = batch.after();
        let visit = later.queue(&vault, visit(case)).unwrap();
        batch.append(later);
        batch
            .queue(&vault, note_at(case, visit, "Просит очки для чтения"))
            .unwrap();
        assert!(vault.case(case).unwrap().is_none(), "not saved yet");
        // A change to a case that is neither saved nor queued is refused when queued.
        let stranger = batch.queue_case_change(
            &vault,
            EntityId::random(),
            BTreeMap::from([(CaseField::Name, Value::from("Nobody"))]),
        );
        assert!(stranger
            .unwrap_err()
            .to_string()
            .contains("there is no case"));
        assert_eq!(vault.save_batch(batch).unwrap(), 4);
        let saved = vault.case(case).unwrap().unwrap();
        assert_eq!(saved.name, "Olga Smirnova");
        assert_eq!(saved.attorney.name, "Maria Lopez");
        assert_eq!(vault.search_cases("очки").unwrap().len(), 1);
        assert_eq!(vault.search_cases("212345678").unwrap().len(), 1);
        assert!(vault.integrity_problems().unwrap().is_empty());
    }

    /// A batch runs with a larger page cache (`vault::bulk_cache`) and leaves the vault's as it
    /// was.
    #[test]
    fn a_batch_leaves_the_page_cache_as_it_was() {
        let (_tmp, mut vault, case) = new_vault();
        let size = |v: &Vault| count(v, "PRAGMA cache_size");
        let before = size(&vault);
        let mut batch = RecordBatch::new();
        batch.queue(&vault, note(case, "Просит очки")).unwrap();
        vault.save_batch(batch).unwrap();
        assert_eq!(size(&vault), before);
    }

    /// An invalid case is refused when queued, before anything is saved.
    #[test]
    fn an_invalid_case_is_refused_when_queued() {
        let (_tmp, _vault, _) = new_vault();
        let mut batch = RecordBatch::new();
        let blank = NewCase {
            name: "  ".into(),
            ..NewCase::default()
        };
        assert!(batch.queue_case(blank).is_err());
        assert!(batch.is_empty());
    }

    #[test]
    fn a_record_that_fails_its_checks_is_refused_before_anything_is_saved() {
        let (_tmp, vault, case) = new_vault();
        let mut batch = RecordBatch::new();
        batch.queue(&vault, note(case, "fine")).unwrap();
        let stranger = Task {
            case_id: Some(EntityId::random()),
            title: crate::domain::ShortText::new("Call").unwrap(),
            ..Task::default()
        };
        let err = batch.queue(&vault, stranger).unwrap_err();
        assert!(err.to_string().contains("there is no case"), "{err}");
        assert_eq!(batch.len(), 1);
        drop(batch);
        assert_eq!(
            count(&vault, "SELECT count(*) FROM ops"),
            1,
            "only the case"
        );
    }

    /// A consent to share queued before a held case's other records brings the case out of the
    /// held stream at once: the records after it go straight to the device's stream, written
    /// once, instead of being held and then recorded anew when the batch ends (the demo generator
    /// queues each case's consents first; that second writing was half of its time). Either way
    /// nothing stays held and the changes keep the order they were queued in.
    #[test]
    fn a_consent_early_in_a_batch_sends_the_rest_straight_to_the_devices_stream() {
        let save = |consent_first: bool| -> (u64, Vec<String>) {
            let (_tmp, mut vault, case) = new_vault();
            let mut batch = RecordBatch::new();
            let consent = consent_to_share(case);
            if consent_first {
                batch.queue(&vault, consent.clone()).unwrap();
            }
            batch.queue(&vault, note(case, "Просит очки")).unwrap();
            batch.queue(&vault, note(case, "Needs glasses")).unwrap();
            if !consent_first {
                batch.queue(&vault, consent).unwrap();
            }
            let before = vault.conn.total_changes();
            vault.save_batch(batch).unwrap();
            let written = vault.conn.total_changes() - before;
            assert_eq!(
                vault.held_back().unwrap(),
                HeldBack {
                    cases: 0,
                    changes: 0
                }
            );
            let mut stmt = vault
                .conn
                .prepare("SELECT entity_type FROM ops WHERE device_id = ?1 ORDER BY seq")
                .unwrap();
            let rows = stmt
                .query_map([vault.device_id().to_string()], |row| row.get(0))
                .unwrap();
            (written, rows.collect::<rusqlite::Result<_>>().unwrap())
        };
        let (first_written, first_order) = save(true);
        let (last_written, last_order) = save(false);
        assert_eq!(first_order, ["case", "consent", "note", "note"]);
        assert_eq!(last_order, ["case", "note", "note", "consent"]);
        assert!(
            first_written < last_written,
            "consent first wrote {first_written} rows, consent last {last_written}"
        );
    }

    /// A batch holds its records' search entries back and writes them to FTS5 together, in rowid
    /// order, when the records are saved (as an import does). Every entry arrives once, also
    /// those a release removed and added again while they waited, and nothing waits after it.
    #[test]
    fn a_batch_writes_its_search_entries_together_and_leaves_none_waiting() {
        let (_tmp, mut vault, case) = new_vault();
        let mut batch = RecordBatch::new();
        for i in 0..40 {
            batch
                .queue(&vault, note(case, &format!("окно{i} window{i}")))
                .unwrap();
        }
        // Consent last: the notes wait held back, and are released when the batch ends.
        batch.queue(&vault, consent_to_share(case)).unwrap();
        vault.save_batch(batch).unwrap();
        assert_eq!(vault.held_back().unwrap().changes, 0);
        for i in [0, 17, 39] {
            assert_eq!(vault.search_cases(&format!("окно{i}")).unwrap().len(), 1);
            assert_eq!(vault.search_cases(&format!("window{i}")).unwrap().len(), 1);
        }
        assert_eq!(count(&vault, "SELECT count(*) FROM search_index"), 40);
        assert_eq!(
            count(
                &vault,
                "SELECT count(*) FROM temp.sqlite_master WHERE name = 'search_waiting'"
            ),
            0
        );
        vault
            .conn
            .execute(
                "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                [],
            )
            .unwrap();
    }

    #[test]
    fn the_revision_lookup_uses_an_index() {
        let (_tmp, vault, _case) = new_vault();
        let plan = crate::query_plan::query_plan(
            &vault.conn,
            "SELECT EXISTS (SELECT 1 FROM records WHERE entity_type = 'note'
             AND deleted = 0 AND json_extract(body, '$.replaces') = ?1)",
        )
        .join("; ");
        // Migration 4's index on the expression: saving thousands of notes is linear, not quadratic.
        assert!(plan.contains("SEARCH records USING INDEX"), "{plan}");
    }
}
