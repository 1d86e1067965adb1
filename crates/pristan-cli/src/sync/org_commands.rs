//! `pristan org …`: create or join an organisation, invite, approve and revoke devices, and export
//! the organisation's age identity for break-glass use with the standard age tools.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use pristan_core::ops::DeviceId;
use pristan_core::org::{Invitation, Role};

use super::bundle_commands::print_summary;
use super::progress::Bar;
use crate::input;
use crate::secrets::SecretSource;
use crate::unlocking::Unlocking;

/// The longest invitation file read (an invitation is well under 1 KB).
const MAX_INVITATION_BYTES: u64 = 16 * 1024;

/// The longest coordinator key file read (the roster makes it a few kilobytes).
const MAX_KEY_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Creates an organisation with this vault as its first coordinator.
    Create {
        #[command(flatten)]
        unlocking: Unlocking,
        /// The organisation's name, as volunteers will see it.
        #[arg(long, value_parser = input::short_text)]
        name: pristan_core::domain::ShortText,
        /// What to call this device in the roster ("Office laptop").
        #[arg(long, value_parser = input::short_text)]
        device_name: Option<pristan_core::domain::ShortText>,
    },
    /// Prints an invitation for a volunteer (coordinator only), and writes it to a file too.
    Invite {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Joins an organisation with an invitation (a file, or its text), and prints this device's
    /// fingerprint to read aloud to the coordinator. The organisation's fingerprint must be
    /// compared aloud first: pass it with --expect-fingerprint, or, on a terminal, confirm it at
    /// the prompt. Scripts (and --passphrase-stdin) must pass --expect-fingerprint.
    Join {
        #[command(flatten)]
        unlocking: Unlocking,
        /// The invitation file, or the invitation text itself.
        invitation: String,
        #[arg(long, value_parser = input::short_text)]
        device_name: Option<pristan_core::domain::ShortText>,
        /// The organisation's fingerprint as the coordinator read it to you ("1234 5678 …"); an
        /// invitation of any other organisation is refused.
        #[arg(long, value_name = "FINGERPRINT")]
        expect_fingerprint: Option<String>,
    },
    /// Approves a device waiting in quarantine (coordinator only), then imports its bundles.
    Approve {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::device)]
        device: DeviceId,
        /// Approve it as a coordinator rather than a volunteer.
        #[arg(long)]
        coordinator: bool,
    },
    /// Revokes a lost or stolen device (coordinator only): its bundles up to the last good
    /// sequence number stay; later ones are quarantined.
    Revoke {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::device)]
        device: DeviceId,
        /// The last of its operations to trust. Default: the last this vault has received.
        #[arg(long)]
        last_good_seq: Option<u64>,
    },
    /// Lists the organisation, this device's fingerprint, approved devices and those waiting.
    Roster {
        #[command(flatten)]
        unlocking: Unlocking,
    },
    /// Writes the organisation's keys for a second coordinator, encrypted with a new passphrase
    /// (coordinator only). Hand the file and, separately, the passphrase to them.
    ExportCoordinator {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Makes this vault a coordinator of the organisation from a file made by export-coordinator.
    /// With --passphrase-stdin: the vault passphrase, then the file's passphrase.
    JoinCoordinator {
        #[command(flatten)]
        unlocking: Unlocking,
        file: PathBuf,
    },
    /// Prints (or writes to --out) the organisation's public signing key, for the relay.
    ExportPublic(super::export_public::ExportPublicArgs),
    /// Writes the organisation's age identity for `rage -d -i FILE` (coordinator only).
    /// Encrypted with a new passphrase unless --plaintext is given.
    ExportIdentity {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Write the key unencrypted. Anyone with the file can read every bundle.
        #[arg(long)]
        plaintext: bool,
    },
}

pub fn run(dir: &Path, command: OrgCommand) -> Result<()> {
    match command {
        OrgCommand::Create {
            unlocking,
            name,
            device_name,
        } => {
            let mut vault = unlocking.open(dir)?;
            if let Some(device_name) = device_name {
                vault.set_device_name(device_name.as_str())?;
            }
            let org = vault.create_org(name.as_str())?;
            let fingerprint = vault.device_fingerprint()?;
            vault.lock()?;
            if unlocking.json {
                let json = serde_json::json!({ "org": org, "fingerprint": fingerprint });
                println!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                println!("Created the organisation {:?} ({}).", org.name, org.org);
                println!("This device's fingerprint: {fingerprint}");
                println!("Next: pristan org invite, and give the invitation to each volunteer.");
            }
            Ok(())
        }
        OrgCommand::Invite { unlocking, out } => {
            let vault = unlocking.open(dir)?;
            let invitation = vault.invitation()?;
            let text = invitation.to_text();
            let fingerprint = invitation.fingerprint();
            vault.lock()?;
            if let Some(out) = &out {
                std::fs::write(out, format!("{text}\n"))
                    .with_context(|| format!("could not write {}", out.display()))?;
            }
            if unlocking.json {
                println!(
                    "{}",
                    serde_json::json!({ "invitation": text, "org_fingerprint": fingerprint })
                );
            } else {
                println!("{text}");
                eprintln!(
                    "The organisation's fingerprint, to read aloud to the volunteer by phone: \
                     {fingerprint}"
                );
            }
            Ok(())
        }
        OrgCommand::Join {
            unlocking,
            invitation,
            device_name,
            expect_fingerprint,
        } => {
            let invitation = read_invitation(&invitation)?;
            let compared = compared_fingerprint(
                &invitation,
                expect_fingerprint.as_deref(),
                unlocking.passphrase_stdin,
            )?;
            let mut vault = unlocking.open(dir)?;
            if let Some(device_name) = device_name {
                vault.set_device_name(device_name.as_str())?;
            }
            let org = vault.join_org_compared(&invitation, &compared)?;
            let fingerprint = vault.device_fingerprint()?;
            let device = vault.device_id();
            vault.lock()?;
            if unlocking.json {
                let json = serde_json::json!({
                    "org": org, "device": device.to_string(), "fingerprint": fingerprint,
                });
                println!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                println!("Joined {:?}.", org.name);
                println!("Read this fingerprint aloud to your coordinator: {fingerprint}");
                println!(
                    "Then export a bundle (pristan bundle export --to FOLDER) and hand it over."
                );
            }
            Ok(())
        }
        OrgCommand::Approve {
            unlocking,
            device,
            coordinator,
        } => {
            let role = if coordinator {
                Role::Coordinator
            } else {
                Role::Volunteer
            };
            let mut vault = unlocking.open(dir)?;
            let roster = vault.approve_device(device, role)?;
            let mut bar = Bar::new(unlocking.json);
            let summary = vault.retry_quarantine(&mut |p| bar.update(p))?;
            drop(bar);
            vault.lock()?;
            if unlocking.json {
                let json =
                    serde_json::json!({ "roster_version": roster.version, "retried": summary });
                println!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                println!("Approved {device} (roster version {}).", roster.version);
                print_summary(&summary);
            }
            Ok(())
        }
        OrgCommand::Revoke {
            unlocking,
            device,
            last_good_seq,
        } => {
            let mut vault = unlocking.open(dir)?;
            // What this vault holds of the device, read before revoking: only that is kept.
            let held = vault.held_ops(device)?;
            let roster = vault.revoke_device(device, last_good_seq)?;
            vault.lock()?;
            let entry = roster.entries.iter().find(|e| e.device == device);
            let last_good = entry.and_then(|e| e.revoked_after_seq).unwrap_or(0);
            let kept = entry.map(|e| e.kept_seqs.clone()).unwrap_or_default();
            if unlocking.json {
                let json = serde_json::json!({
                    "roster_version": roster.version, "device": device.to_string(),
                    "last_good_seq": last_good, "kept": kept, "missing": held.missing,
                });
                println!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                println!(
                    "Revoked {device}: exactly the operations held here are kept ({}); any \
                     other bundle from it will be quarantined. Send the new roster with your \
                     next bundles.",
                    ranges(&kept)
                );
                if !held.missing.is_empty() {
                    println!(
                        "Operations {} of this device never arrived here (or belonged to a \
                         forgotten case): they will not be accepted from it now.",
                        ranges(&held.missing)
                    );
                }
            }
            Ok(())
        }
        OrgCommand::Roster { unlocking } => roster(dir, &unlocking),
        OrgCommand::ExportPublic(args) => super::export_public::run(dir, args),
        OrgCommand::ExportCoordinator { unlocking, out } => {
            let vault = unlocking.open(dir)?;
            let passphrase = SecretSource::new(unlocking.passphrase_stdin)
                .read_new("Passphrase for the coordinator key file: ")?;
            let bytes = vault.export_coordinator_keys(&passphrase)?;
            vault.lock()?;
            write_private_file(&out, &bytes)?;
            if !unlocking.json {
                println!(
                    "Wrote {}. Give it to the new coordinator, and the passphrase separately \
                     (by phone or in person).",
                    out.display()
                );
            }
            Ok(())
        }
        OrgCommand::JoinCoordinator { unlocking, file } => {
            let size = std::fs::metadata(&file)
                .with_context(|| format!("could not read {}", file.display()))?
                .len();
            if size > MAX_KEY_FILE_BYTES {
                bail!(
                    "{} is too large to be a coordinator key file",
                    file.display()
                );
            }
            let bytes = std::fs::read(&file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let mut vault = unlocking.open(dir)?;
            let passphrase = SecretSource::new(unlocking.passphrase_stdin)
                .read("Passphrase of the coordinator key file: ")?;
            let org = vault.join_as_coordinator(&bytes, &passphrase)?;
            let fingerprint = vault.device_fingerprint()?;
            vault.lock()?;
            if unlocking.json {
                let json = serde_json::json!({ "org": org, "fingerprint": fingerprint });
                println!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                println!("This vault is now a coordinator of {:?}.", org.name);
            }
            Ok(())
        }
        OrgCommand::ExportIdentity {
            unlocking,
            out,
            plaintext,
        } => {
            let vault = unlocking.open(dir)?;
            let bytes = if plaintext {
                eprintln!(
                    "warning: {} will hold the organisation's key unencrypted: anyone who copies \
                     it can read every bundle. Keep it offline, and delete it when done.",
                    out.display()
                );
                vault.export_org_identity(None)?
            } else {
                let passphrase = SecretSource::new(unlocking.passphrase_stdin)
                    .read_new("Passphrase for the exported key: ")?;
                vault.export_org_identity(Some(&passphrase))?
            };
            vault.lock()?;
            write_private_file(&out, &bytes)?;
            if !unlocking.json {
                println!(
                    "Wrote {}. Decrypt a bundle with: rage -d -i {} BUNDLE > contents",
                    out.display(),
                    out.display()
                );
            }
            Ok(())
        }
    }
}

fn roster(dir: &Path, unlocking: &Unlocking) -> Result<()> {
    let mut vault = unlocking.open(dir)?;
    let org = vault.org()?;
    let fingerprint = vault.device_fingerprint()?;
    let roster = vault.roster()?;
    let pending = vault.pending_devices()?;
    let forks = vault.forks()?;
    vault.lock()?;
    if unlocking.json {
        let json = serde_json::json!({
            "org": org, "fingerprint": fingerprint, "roster": roster, "pending": pending,
            "forks": forks,
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(());
    }
    let Some(org) = org else {
        println!(
            "This vault is not in an organisation yet: pristan org create, or pristan org join."
        );
        return Ok(());
    };
    println!("{} ({:?}), this device: {fingerprint}", org.name, org.role);
    if let Some(roster) = roster {
        println!("Roster version {}:", roster.version);
        for e in &roster.entries {
            let revoked = e
                .revoked_after_seq
                .map(|s| format!("  REVOKED after {s}"))
                .unwrap_or_default();
            let replaces = e
                .replaces
                .map(|d| format!("  replaces {d}"))
                .unwrap_or_default();
            println!(
                "  {}  {:?}  {}{revoked}{replaces}",
                e.device, e.role, e.name
            );
        }
    }
    super::identity::print_forks(&forks);
    if !pending.is_empty() {
        println!("Waiting for approval (compare the fingerprint aloud first):");
        for p in &pending {
            let replaces = match (&p.replaces_name, p.replaces) {
                (Some(name), _) => format!("  replaces {name}"),
                (None, Some(device)) => format!("  replaces {device}"),
                (None, None) => String::new(),
            };
            println!(
                "  {}  {}  {}{replaces}",
                p.identity.device, p.fingerprint, p.identity.name
            );
        }
    }
    Ok(())
}

/// An invitation from a file if `arg` names one, otherwise the text itself.
/// The organisation fingerprint the volunteer compared aloud: the one passed with
/// --expect-fingerprint (checked before anything else), or, on a terminal, the invitation's own
/// once the volunteer confirms it at the prompt.
fn compared_fingerprint(
    invitation: &Invitation,
    expected: Option<&str>,
    passphrase_stdin: bool,
) -> Result<String> {
    let name = invitation.org_name.trim();
    let fingerprint = invitation.fingerprint();
    if let Some(expected) = expected {
        invitation.check_fingerprint(expected)?;
        return Ok(expected.to_owned());
    }
    use std::io::IsTerminal;
    if passphrase_stdin || !std::io::stdin().is_terminal() {
        bail!(
            "compare the organisation's fingerprint aloud with your coordinator first, then pass \
             it: pristan org join --expect-fingerprint \"{fingerprint}\" … (this invitation is \
             for {name:?}; join only if the coordinator read you exactly these digits)"
        );
    }
    println!("This invitation is for the organisation {name:?}.");
    println!("Its fingerprint:  {fingerprint}");
    println!(
        "Call your coordinator on a number you already know (not one from the same message) and \
         compare every group aloud."
    );
    print!("Is it exactly the fingerprint your coordinator read to you? Type yes to join: ");
    use std::io::Write;
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    if !matches!(answer.trim().to_lowercase().as_str(), "yes" | "y" | "да") {
        bail!("not joined: the fingerprint was not confirmed");
    }
    Ok(fingerprint)
}

fn read_invitation(arg: &str) -> Result<Invitation> {
    let path = Path::new(arg);
    let text = if path.is_file() {
        let size = std::fs::metadata(path)?.len();
        if size > MAX_INVITATION_BYTES {
            bail!("{arg} is too large to be an invitation: check the file");
        }
        std::fs::read_to_string(path).with_context(|| format!("could not read {arg}"))?
    } else {
        arg.to_owned()
    };
    Ok(Invitation::from_text(&text)?)
}

/// Writes a key file readable by its owner only, refusing to replace an existing file.
fn write_private_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| {
        format!(
            "could not create {} (it may exist already: choose a new name)",
            path.display()
        )
    })?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// Sequence number ranges as people write them: "1–12, 14, 16–20", or "none".
fn ranges(ranges: &[pristan_core::bundle::SeqRange]) -> String {
    if ranges.is_empty() {
        return "none".to_owned();
    }
    ranges
        .iter()
        .map(|r| match r.first == r.last {
            true => r.first.to_string(),
            false => format!("{}–{}", r.first, r.last),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
