//! What the command line says about forks and device identities: a vault that moved to a new
//! identity, and two copies of one vault in use (docs/sync-plan.md, "Forks").

use anyhow::Result;
use pristan_core::bundle::{ForkView, IdentityChangeReason};
use pristan_core::Vault;

/// Tells the user, once, on standard error (so `--json` output stays clean), that this vault
/// moved to a new device identity and what to do about it.
pub fn tell_if_moved(vault: &Vault) -> Result<()> {
    let Some(notice) = vault.identity_notice()? else {
        return Ok(());
    };
    let why = match notice.reason {
        IdentityChangeReason::Restored => "it was restored from a backup",
        IdentityChangeReason::Copied => "its folder was copied (or moved to another disk)",
        IdentityChangeReason::ForkSeen => {
            "a case packet held changes another copy of this vault made under its identity"
        }
        IdentityChangeReason::Revoked => {
            "a coordinator revoked its old identity (usually because two copies of it were in use)"
        }
    };
    eprintln!(
        "This vault now works under a new device identity ({}), because {why}. Nothing was \
         lost: its unsent work travels under the new identity. A coordinator must approve it \
         (it is shown as replacing {}); until then its bundles wait.",
        notice.current, notice.previous
    );
    if notice.reissued > 0 {
        eprintln!(
            "{} change(s) made after the copies parted were issued again under the new identity.",
            notice.reissued
        );
    }
    vault.dismiss_identity_notice()?;
    Ok(())
}

/// One line per fork, with the way out.
pub fn print_forks(forks: &[ForkView]) {
    for fork in forks {
        let bundle = fork
            .bundle_number
            .map(|n| format!("bundle {n} from {}", fork.bundle_sender_name))
            .unwrap_or_else(|| "a bundle".to_owned());
        println!(
            "{}: two different copies of this vault are in use — {bundle} conflicts with what \
             was received before (from sequence number {}; {} change(s) kept aside, nothing \
             lost). To resolve: pristan org revoke {} --last-good-seq {}, then approve the new \
             identities both copies move to.",
            fork.device_name, fork.first_seq, fork.ops_aside, fork.device, fork.last_common_seq
        );
    }
}
