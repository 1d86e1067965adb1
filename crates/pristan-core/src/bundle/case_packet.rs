//! A coordinator's case packet for one volunteer device (DESIGN.md §6): which operations it
//! carries — every operation of the cases assigned to that device and of their records, the
//! facilities, pathways and linked flights, and every forget instruction it must apply — and the
//! digest the relay path uses to send a packet only when it brings something new. The bundle is
//! written by
//! `Vault::export_case_packet` in [`super::export`].

use rusqlite::{params, Connection};

use super::export::{collect_ops, op_row};
use crate::error::Result;
use crate::ops::{DeviceId, Op};
use crate::org;

/// Every op of the cases assigned to `to` and of their records, every facility op, and the
/// forget instruction of every case `to` holds or may hold (`ops::holders`), none dated beyond
/// what `to` accepts; each keeps its original device, sequence number and clock.
pub(super) fn packet_ops(conn: &Connection, to: DeviceId) -> Result<Vec<Op>> {
    let pattern = format!("%{to}%");
    let mut stmt = conn.prepare(
        "WITH assigned(id) AS (
             SELECT id FROM cases WHERE assigned_to LIKE ?1
         ),
         entities(id) AS (
             SELECT id FROM assigned
             UNION SELECT id FROM records WHERE case_id IN (SELECT id FROM assigned)
             UNION SELECT id FROM records WHERE entity_type IN ('facility', 'pathway')
             -- The flights the volunteer's cases are linked to (issue 13), for their countdown.
             UNION SELECT json_extract(body, '$.flight_id') FROM records
                   WHERE entity_type = 'flight_link' AND deleted = 0
                     AND case_id IN (SELECT id FROM assigned)
         )
         SELECT device_id, seq, hlc, entity_type, entity_id, change FROM ops
         WHERE (entity_id IN (SELECT id FROM entities)
                OR (json_extract(change, '$.type') = 'forget'
                    AND entity_id IN (SELECT case_id FROM case_holders
                                      WHERE device_id IN (?2, ?3))))
           AND hlc <= ?4
           -- A coordinator's own held-back changes (see `sharing`) never leave either.
           AND device_id IS NOT (SELECT value FROM vault_meta WHERE key = 'held_stream_id')
         ORDER BY device_id, seq",
    )?;
    // Operations dated beyond what a receiver accepts (`hlc::MAX_CLOCK_AHEAD_MS` ahead) stay
    // here until their date comes within it: a vault that holds one (accepted by a person, or
    // imported before clocks were bounded) must not make every packet it sends wait.
    let ceiling = crate::ops::hlc::ceiling(crate::ops::hlc::system_now_ms()).to_string();
    let rows = stmt.query_map(
        params![
            pattern,
            to.to_string(),
            crate::ops::holders::EVERY_DEVICE,
            ceiling
        ],
        op_row,
    )?;
    collect_ops(rows)
}

/// A digest of what a case packet for `to` would carry now (the roster it would bear and the
/// operations by device and number), so the relay path sends a device a packet only when it
/// would bring something new.
pub(crate) fn packet_digest(conn: &Connection, to: DeviceId) -> Result<String> {
    use sha2::{Digest, Sha256};
    let revoked = org::roster_entry(conn, to)?.is_some_and(|e| e.revoked_after_seq.is_some());
    let mut ids = Vec::new();
    if !revoked {
        for device in org::succession::with_predecessors(conn, to)? {
            ids.extend(
                packet_ops(conn, device)?
                    .into_iter()
                    .map(|op| (op.device, op.seq.get())),
            );
        }
    }
    ids.sort();
    ids.dedup();
    let mut hash = Sha256::new();
    let roster = org::store_signed_roster(conn)?.map(|r| r.signature);
    hash.update(roster.unwrap_or_default().as_bytes());
    for (device, seq) in ids {
        hash.update(format!("\n{device}:{seq}").as_bytes());
    }
    Ok(hex::encode(hash.finalize()))
}
