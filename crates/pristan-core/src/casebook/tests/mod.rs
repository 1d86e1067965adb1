//! The casebook through a real vault: records go through the operation log, notes keep their
//! history, drafts become visits in one transaction, attachments stay inside the database, and
//! search finds note text until the note is corrected or deleted. Shared fixtures here; the tests
//! by subject in the files beside it.

mod conflicts;
mod convergence;
mod drafts_and_files;
mod forget;
mod notes_and_search;
mod records;
mod views;

use chrono::NaiveDate;
use secrecy::SecretString;

pub(super) use super::*;
pub(super) use crate::cases::NewCase;
pub(super) use crate::domain::*;
use crate::KdfParams;

pub(super) fn new_vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    (tmp, vault)
}

pub(super) fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub(super) fn text(t: &str) -> LongText {
    LongText::new(t).unwrap()
}

pub(super) fn short(t: &str) -> ShortText {
    ShortText::new(t).unwrap()
}

pub(super) fn open_case(vault: &mut Vault) -> EntityId {
    vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            native_name: Some("Иван Петров".into()),
            ..NewCase::default()
        })
        .unwrap()
}

pub(super) fn note(case_id: EntityId, body: &str) -> Note {
    Note {
        case_id: Some(case_id),
        text: text(body),
        ..Note::default()
    }
}

pub(super) fn op_count(vault: &Vault) -> i64 {
    vault
        .connection()
        .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
        .unwrap()
}
