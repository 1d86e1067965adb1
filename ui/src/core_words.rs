//! Words for the ids the core sends instead of sentences: why a bundle was refused, which
//! holiday moved a deadline, how its days were counted, where a motion is filed, which field two
//! devices changed, and time zones. Every id has a message in each language (tests/locales.rs).

use chrono_tz::Tz;
use pristan_model::views::{Counting, Forum};
use pristan_model::{fields, time_zones, Holiday, OperationRule, Refusal};

use crate::components::sync::size_text;
use crate::i18n::I18n;

/// Why a bundle was refused, in the user's language. Technical details (in English) stay out:
/// the command line prints them.
pub fn refusal(i18n: &I18n, refusal: &Refusal) -> String {
    let id = refusal.message_id();
    match refusal {
        Refusal::TooLarge { size, max } | Refusal::HeaderTooLarge { size, max } => i18n.t_args(
            &id,
            &[
                ("size", size_text(i18n, *size).into()),
                ("max", size_text(i18n, *max).into()),
            ],
        ),
        Refusal::ExportTooLarge { size, max } => i18n.t_args(
            &id,
            &[
                ("size", size_text(i18n, *size).into()),
                ("max", size_text(i18n, *max).into()),
            ],
        ),
        Refusal::DecompressedTooLarge { max } => {
            i18n.t_args(&id, &[("max", size_text(i18n, *max).into())])
        }
        Refusal::TooManyStanzas { found, max } => {
            i18n.t_args(&id, &[("found", (*found).into()), ("max", (*max).into())])
        }
        Refusal::UnknownVersion { found, supported } => i18n.t_args(
            &id,
            &[
                ("found", (*found).into()),
                ("supported", (*supported).into()),
            ],
        ),
        Refusal::UnknownSigner { name, fingerprint } => i18n.t_args(
            &id,
            &[
                ("name", name.clone().into()),
                ("fingerprint", fingerprint.clone().into()),
            ],
        ),
        Refusal::RevokedSigner {
            name,
            last_good,
            bundle_last,
        } => i18n.t_args(
            &id,
            &[
                ("name", name.clone().into()),
                ("last_good", (*last_good).into()),
                ("bundle_last", (*bundle_last).into()),
            ],
        ),
        Refusal::AttachmentTooLarge { size, max } => i18n.t_args(
            &id,
            &[
                ("size", size_text(i18n, *size).into()),
                ("max", size_text(i18n, *max).into()),
            ],
        ),
        Refusal::QuarantineFull { files, bytes } => i18n.t_args(
            &id,
            &[
                ("files", (*files).into()),
                ("size", size_text(i18n, *bytes).into()),
            ],
        ),
        Refusal::ClockTooFarAhead {
            days_ahead,
            max_days,
        } => i18n.t_args(
            &id,
            &[("days", (*days_ahead).into()), ("max", (*max_days).into())],
        ),
        Refusal::RevokedSignerNotHeld { name, seq } => i18n.t_args(
            &id,
            &[("name", name.clone().into()), ("seq", (*seq).into())],
        ),
        Refusal::TooManyPendingDevices { max } => i18n.t_args(&id, &[("max", (*max).into())]),
        Refusal::NotPermitted { refusal } => i18n.t_args(
            &id,
            &[("why", i18n.t(crate::errors::refusal_key(*refusal)).into())],
        ),
        Refusal::Unreadable { .. }
        | Refusal::ClockUnusable
        | Refusal::UnreferencedAttachment
        | Refusal::Organisation { .. }
        | Refusal::NotAge
        | Refusal::AgeHeader { .. }
        | Refusal::NotForUs
        | Refusal::Damaged { .. }
        | Refusal::MalformedHeader { .. }
        | Refusal::WrongOrganisation
        | Refusal::NoOrganisation
        | Refusal::BadSignature
        | Refusal::RecipientMismatch
        | Refusal::PayloadMismatch
        | Refusal::MalformedPayload { .. }
        | Refusal::NoRecipients
        | Refusal::Encrypt
        | Refusal::InvalidOperation {
            rule:
                OperationRule::CasePacketNotFromCoordinator
                | OperationRule::UnsignedOperations
                | OperationRule::FromRevokedDevice
                | OperationRule::InvalidValue { .. },
        }
        | Refusal::Unrecorded { .. } => i18n.t(&id),
    }
}

/// The same, as a sentence of its own (refusals are written to follow "Kept aside: ").
pub fn refusal_sentence(i18n: &I18n, reason: &Refusal) -> String {
    let text = refusal(i18n, reason);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

pub fn holiday(i18n: &I18n, holiday: Holiday) -> String {
    i18n.t(&holiday.message_id())
}

pub fn counting(i18n: &I18n, counting: Counting) -> String {
    i18n.t_args(
        counting.message_id(),
        &[("citation", counting.citation().into())],
    )
}

pub fn forum(i18n: &I18n, forum: Forum) -> String {
    i18n.t(forum.message_id())
}

/// A record's field, such as "Срок" for a task's `due`.
pub fn field(i18n: &I18n, field: &str) -> String {
    match fields::message_id(field) {
        Some(id) => i18n.t(&id),
        None => i18n.t("field-other"),
    }
}

/// A time zone named in the user's language: "Центральное время США (Чикаго)".
pub fn time_zone(i18n: &I18n, zone: Tz) -> String {
    match time_zones::message_id(zone) {
        Some(id) => i18n.t(&id),
        None => i18n.t_args("time-zone-other", &[("zone", zone.name().into())]),
    }
}
