//! A fingerprint of the replicated state: two devices that hold the same operations have the same
//! hash, whatever order the operations arrived in. Tests compare it; the sync screen can show it
//! to confirm that two laptops agree.
//!
//! It covers what operations determine: the log, the materialised cases and records, which
//! attachment contents are held (by hash), the per-field stamps and heads, and the forgotten cases.
//! It leaves out what is local to one device (drafts, quarantine, bundles sent and seen, keys, the
//! roster, settings), what is derived for speed (the search index), and the version vector, which
//! counts what arrived rather than what is held.

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::vault::Vault;

/// Each part of the state, as a query in a fixed order. Columns are named, so that a column added
/// by a later migration changes the hash only when it is added here.
const PARTS: [(&str, &str); 8] = [
    (
        "ops",
        "SELECT device_id, seq, hlc, entity_type, entity_id, change FROM ops
         ORDER BY device_id, seq",
    ),
    (
        "cases",
        "SELECT id, name, native_name, a_number, date_of_birth, nationality, custody_status,
                aliases, languages, facility_id, attorney_name, attorney_contact, g28, eoir28,
                eoir27, deleted
         FROM cases ORDER BY id",
    ),
    (
        "records",
        "SELECT id, entity_type, case_id, body, deleted FROM records ORDER BY id",
    ),
    ("blobs", "SELECT sha256 FROM blobs ORDER BY sha256"),
    (
        "field_stamps",
        "SELECT entity_id, field, hlc, device_id FROM field_stamps ORDER BY entity_id, field",
    ),
    (
        "field_writes",
        "SELECT entity_id, field, hlc, device_id, value FROM field_writes
         ORDER BY entity_id, field, hlc, device_id",
    ),
    (
        "field_supersedes",
        "SELECT entity_id, field, hlc, device_id FROM field_supersedes
         ORDER BY entity_id, field, hlc, device_id",
    ),
    // Only the forgotten cases. `forgotten` also lists the ids of the case's records this device
    // happened to hold or receive, which differ between devices holding the same log (a device
    // that never received a note of the case never learns its id), so hashing them made such
    // devices disagree forever (found by tests/sync_convergence.rs).
    (
        "forgotten",
        "SELECT entity_id FROM forgotten
         WHERE entity_id IN (SELECT entity_id FROM ops WHERE json_extract(change, '$.type') = 'forget')
         ORDER BY entity_id",
    ),
];

impl Vault {
    /// SHA-256, in lowercase hex, of the replicated state in a canonical order.
    pub fn state_hash(&self) -> Result<String> {
        state_hash(self.connection())
    }
}

pub(crate) fn state_hash(conn: &Connection) -> Result<String> {
    let mut hasher = Sha256::new();
    for (name, sql) in PARTS {
        // Every name, row and value is framed by its length, so no two states write the same
        // bytes.
        frame(&mut hasher, b'P', name.as_bytes());
        let mut stmt = conn.prepare(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            hasher.update(b"R");
            for i in 0..columns {
                match row.get_ref(i)? {
                    ValueRef::Null => hasher.update(b"N"),
                    ValueRef::Integer(n) => frame(&mut hasher, b'I', &n.to_be_bytes()),
                    ValueRef::Real(x) => frame(&mut hasher, b'F', &x.to_bits().to_be_bytes()),
                    ValueRef::Text(text) => frame(&mut hasher, b'T', text),
                    ValueRef::Blob(blob) => frame(&mut hasher, b'B', blob),
                }
            }
        }
    }
    Ok(hex::encode(hasher.finalize()))
}

fn frame(hasher: &mut Sha256, tag: u8, bytes: &[u8]) {
    hasher.update([tag]);
    hasher.update((bytes.len() as u64).to_be_bytes());
    hasher.update(bytes);
}
