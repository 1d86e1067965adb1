//! Publishing status cards on the organisation's relay from `pristan family-card issue|refresh`,
//! and withdrawing them on `revoke` (docs/family-card.md, "Fetching by card code").

use anyhow::Result;
use pristan_core::family::CardFile;
use pristan_core::Vault;
use pristan_relay_client::{problem_of, CallError, Publication, Withdrawal};

use crate::family_card_commands::Publishing;

/// What became of publishing a card.
pub enum Published {
    /// `--no-publish`, or the card file could not be written.
    Skipped,
    /// The organisation has no relay.
    NoRelay,
    Done {
        code: String,
        relay: String,
    },
    /// The card is written but the relay did not take it; a refresh publishes it later.
    Failed {
        reason: String,
    },
}

pub fn publish(vault: &mut Vault, card: &CardFile, publishing: &Publishing) -> Published {
    if publishing.no_publish {
        return Published::Skipped;
    }
    match pristan_relay_client::publish_card(vault, card, publishing.relay.as_deref()) {
        Ok(Publication::NoRelay) => Published::NoRelay,
        Ok(Publication::Published { code, relay, .. }) => Published::Done {
            code: code.grouped(),
            relay,
        },
        Err(error) => Published::Failed {
            reason: describe(&error),
        },
    }
}

pub fn withdraw(vault: &mut Vault, card_id: &str, publishing: &Publishing) -> Result<()> {
    if publishing.no_publish {
        return Ok(());
    }
    match pristan_relay_client::withdraw_card(vault, card_id, publishing.relay.as_deref()) {
        Ok(Withdrawal::NoRelay) => Ok(()),
        Ok(Withdrawal::Withdrawn) => {
            eprintln!("The relay has deleted it: a family fetching it is told it was revoked.");
            Ok(())
        }
        Err(error) => anyhow::bail!(
            "the card is revoked in this vault, but the relay did not delete it ({}): run \
             `pristan family-card revoke {card_id}` again when the relay can be reached",
            describe(&error)
        ),
    }
}

fn describe(error: &CallError) -> String {
    match problem_of(error) {
        Some(problem) => crate::sync::relay_sync::problem_text(problem)
            .trim_end_matches('.')
            .to_owned(),
        None => error.to_string(),
    }
}

impl Published {
    pub fn code(&self) -> Option<&str> {
        match self {
            Published::Done { code, .. } => Some(code),
            _ => None,
        }
    }

    pub fn relay(&self) -> Option<&str> {
        match self {
            Published::Done { relay, .. } => Some(relay),
            _ => None,
        }
    }

    pub fn is_published(&self) -> bool {
        matches!(self, Published::Done { .. })
    }

    /// The code and the address, to read to the family with the passphrase; or why not.
    pub fn print_for_family(&self) {
        match self {
            Published::Done { code, relay } => {
                println!("Card code, with the relay's address (give both to the family):");
                println!("    {relay}  {code}");
            }
            Published::Failed { reason } => eprintln!(
                "The card was written but not published on the relay ({reason}): send the file, \
                 or refresh the card when the relay can be reached."
            ),
            Published::Skipped | Published::NoRelay => {}
        }
    }
}
