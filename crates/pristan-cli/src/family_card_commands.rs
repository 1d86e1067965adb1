//! `pristan family-card issue|refresh|revoke|list|open` (issue 14, docs/family-card.md).
//!
//! `open` needs no vault: it is what a family member (or a volunteer checking a card) runs with
//! only the card file and its passphrase.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::Utc;
use clap::Subcommand;
use pristan_core::family::{self, CardFile, IssueRequest};
use pristan_core::ops::EntityId;
use pristan_family_card::{CardLanguage, CardMessage, FamilyCard, WordList, MAX_CARD_BYTES};
use pristan_model::ShortText;
use secrecy::ExposeSecret;

use crate::family_card_relay::{publish, withdraw, Published};
use crate::input;
use crate::secrets::SecretSource;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum FamilyCardCommand {
    /// Issues a status card for a relative who has consented to receive it: writes the card file
    /// into DIR and prints its passphrase, once. Read it aloud to the family or hand it over on
    /// paper; it is not shown again.
    Issue {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        #[arg(long, value_parser = input::id)]
        relative: EntityId,
        /// The folder the card file is written to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The card's language.
        #[arg(long, default_value = "ru", value_parser = language)]
        language: CardLanguage,
        /// The words of the passphrase (default: the card's language). Choose en for a computer
        /// that may have no Russian keyboard.
        #[arg(long, value_parser = words)]
        words: Option<WordList>,
        /// A short message from the visitor (at most 600 characters).
        #[arg(long, allow_hyphen_values = true, value_parser = message)]
        message: Option<CardMessage>,
        /// Whom the family may call: a phone line, a first name.
        #[arg(long, value_parser = input::short_text)]
        contact: Option<ShortText>,
        #[command(flatten)]
        publishing: Publishing,
    },
    /// Writes the card again from the case as it is now, with the same passphrase (the relative's
    /// consent must still be in force).
    Refresh {
        #[command(flatten)]
        unlocking: Unlocking,
        card: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// A new message from the visitor (the last one is kept otherwise).
        #[arg(long, allow_hyphen_values = true, value_parser = message)]
        message: Option<CardMessage>,
        #[command(flatten)]
        publishing: Publishing,
    },
    /// Stops a card: its passphrase is wiped from the vault and it is never refreshed again.
    /// Where the organisation has a relay, the relay deletes it too (a family fetching it is
    /// told it was revoked); run it again if the relay could not be reached.
    Revoke {
        #[command(flatten)]
        unlocking: Unlocking,
        card: String,
        #[command(flatten)]
        publishing: Publishing,
    },
    /// Lists the cards issued (for one case with --case): for whom, when last refreshed.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: Option<EntityId>,
    },
    /// Opens a card file (or fetches one by its card code from a relay) with its passphrase and
    /// prints the status. Needs no vault; writes nothing.
    Open {
        #[arg(required_unless_present = "code", conflicts_with = "code")]
        file: Option<PathBuf>,
        /// The card code the family was given (like K7QM-4TXD-PA9R), to fetch the card from
        /// the relay instead of a file.
        #[arg(long, requires = "relay")]
        code: Option<String>,
        /// The relay's address given with the code (relay.example.org, or https://…).
        #[arg(long, requires = "code")]
        relay: Option<String>,
        /// Read the card's passphrase from standard input (one line) instead of prompting.
        #[arg(long)]
        passphrase_stdin: bool,
        #[arg(long)]
        json: bool,
    },
}

/// Where a card is published: the organisation's relay, unless told otherwise.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct Publishing {
    /// Do not publish the card on the organisation's relay (or withdraw it, for revoke): the
    /// card is only the file.
    #[arg(long, conflicts_with = "relay")]
    pub no_publish: bool,
    /// Publish on this relay instead of the organisation's (for a test).
    #[arg(long, value_name = "URL")]
    pub relay: Option<String>,
}

fn language(text: &str) -> Result<CardLanguage, String> {
    CardLanguage::parse(text).ok_or_else(|| format!("{text:?}: use ru or en"))
}

fn words(text: &str) -> Result<WordList, String> {
    WordList::parse(text).ok_or_else(|| format!("{text:?}: use ru or en"))
}

fn message(text: &str) -> Result<CardMessage, String> {
    CardMessage::new(text).map_err(|e| e.to_string())
}

pub fn run(dir: &Path, command: FamilyCardCommand) -> Result<()> {
    match command {
        FamilyCardCommand::Issue {
            unlocking,
            case,
            relative,
            out,
            language,
            words,
            message,
            contact,
            publishing,
        } => {
            check_folder(&out)?;
            let mut vault = unlocking.open(dir)?;
            let request = IssueRequest {
                case,
                relative,
                language,
                words: words.unwrap_or(match language {
                    CardLanguage::Ru => WordList::Russian,
                    CardLanguage::En => WordList::English,
                }),
                message: message.unwrap_or_default(),
                whom_to_call: contact.unwrap_or_default(),
            };
            let issued = family::issue(&vault, &request, Utc::now());
            let issued = match issued {
                Ok(issued) => issued,
                Err(error) => {
                    vault.lock()?;
                    return Err(error.into());
                }
            };
            let written = write_card(&out, &issued.file);
            let published = match &written {
                Ok(_) => publish(&mut vault, &issued.file, &publishing),
                Err(_) => Published::Skipped,
            };
            vault.lock()?;
            let path = written?;
            let passphrase = issued.passphrase.expose_secret();
            if unlocking.json {
                println!(
                    "{}",
                    serde_json::json!({
                        "card_id": issued.file.card_id,
                        "path": path,
                        "passphrase": passphrase,
                        "code": published.code(),
                        "relay": published.relay(),
                        "published": published.is_published(),
                    })
                );
            } else {
                println!("Card {}", issued.file.card_id);
                println!("Written to {}", path.display());
                println!("Passphrase (shown only now; read it aloud or write it down):");
                println!("    {passphrase}");
                published.print_for_family();
            }
            Ok(())
        }
        FamilyCardCommand::Refresh {
            unlocking,
            card,
            out,
            message,
            publishing,
        } => {
            check_folder(&out)?;
            let mut vault = unlocking.open(dir)?;
            let file = match family::refresh(&vault, &card, message, Utc::now()) {
                Ok(file) => file,
                Err(error) => {
                    vault.lock()?;
                    return Err(error.into());
                }
            };
            let written = write_card(&out, &file);
            let published = match &written {
                Ok(_) => publish(&mut vault, &file, &publishing),
                Err(_) => Published::Skipped,
            };
            vault.lock()?;
            let path = written?;
            if unlocking.json {
                println!(
                    "{}",
                    serde_json::json!({
                        "card_id": card,
                        "path": path,
                        "code": published.code(),
                        "relay": published.relay(),
                        "published": published.is_published(),
                    })
                );
            } else {
                println!("Written to {} (same passphrase as before)", path.display());
                published.print_for_family();
            }
            Ok(())
        }
        FamilyCardCommand::Revoke {
            unlocking,
            card,
            publishing,
        } => {
            let mut vault = unlocking.open(dir)?;
            let done = family::revoke(&vault, &card, Utc::now());
            let withdrawn = match &done {
                Ok(()) => withdraw(&mut vault, &card, &publishing),
                Err(_) => Ok(()),
            };
            vault.lock()?;
            done?;
            eprintln!("Card {card} revoked: it will not be refreshed again.");
            withdrawn
        }
        FamilyCardCommand::List { unlocking, case } => {
            let vault = unlocking.open(dir)?;
            let cards = family::list(&vault, case, Utc::now());
            vault.lock()?;
            let cards = cards?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&cards)?);
                return Ok(());
            }
            for c in &cards {
                let state = match (c.revoked_at, c.consent_in_force) {
                    (Some(at), _) => format!("revoked {}", at.format("%Y-%m-%d")),
                    (None, true) => "active".to_owned(),
                    (None, false) => "consent not in force".to_owned(),
                };
                println!(
                    "{}  case {}  for {}  {}  refreshed {}  [{state}]",
                    c.card_id,
                    c.case_id,
                    c.relative_name.as_deref().unwrap_or("(relative removed)"),
                    c.language.as_str(),
                    c.refreshed_at.format("%Y-%m-%d %H:%M UTC"),
                );
            }
            if cards.is_empty() {
                eprintln!("no status cards");
            }
            Ok(())
        }
        FamilyCardCommand::Open {
            file,
            code,
            relay,
            passphrase_stdin,
            json,
        } => {
            let bytes = match (file, code, relay) {
                (Some(file), _, _) => read_card(&file)?,
                (None, Some(code), Some(relay)) => pristan_relay_client::fetch_card(&relay, &code)
                    .map_err(|problem| anyhow::anyhow!("could not fetch the card: {problem}"))?,
                _ => bail!("give the card file, or --code CODE --relay ADDRESS"),
            };
            let passphrase =
                SecretSource::new(passphrase_stdin).read("Passphrase of the card: ")?;
            let card = pristan_family_card::open(&bytes, passphrase.expose_secret())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&card)?);
            } else {
                print_card(&card);
            }
            Ok(())
        }
    }
}

fn check_folder(out: &Path) -> Result<()> {
    if !out.is_dir() {
        bail!(
            "{} is not a folder: create it first, or choose another with --out",
            out.display()
        );
    }
    Ok(())
}

/// Reads at most one byte past the largest card, so a huge file is refused without reading it.
fn read_card(file: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = fs::File::open(file).with_context(|| format!("could not open {}", file.display()))?;
    let mut bytes = Vec::new();
    f.take(MAX_CARD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("could not read {}", file.display()))?;
    Ok(bytes)
}

/// Writes the card whole or not at all: a temporary file in the same folder, renamed over the
/// card's name (a refresh replaces the earlier file).
fn write_card(out: &Path, card: &CardFile) -> Result<PathBuf> {
    let path = out.join(&card.file_name);
    let tmp = out.join(format!(".{}.partial", card.file_name));
    let written = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(&card.bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &path)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&tmp);
        return Err(error).with_context(|| format!("could not write {}", path.display()));
    }
    Ok(path)
}

fn print_card(card: &FamilyCard) {
    println!("First name: {}", card.first_name);
    println!("Custody: {}", card.custody_status.as_str());
    if let Some(f) = &card.facility {
        println!("Facility: {}", f.name);
        if let Some(zone) = f.time_zone {
            println!(
                "Local time there: {}",
                Utc::now().with_timezone(&zone).format("%Y-%m-%d %H:%M %Z")
            );
        }
        if !f.visiting_info.is_empty() {
            println!("Visiting: {}", f.visiting_info);
        }
    }
    if let Some(h) = &card.next_hearing {
        let time = h
            .time
            .map(|t| t.format(" %H:%M").to_string())
            .unwrap_or_default();
        let zone = h.time_zone.map(|z| format!(" ({z})")).unwrap_or_default();
        println!("Next hearing: {}{time}{zone}", h.date);
    }
    if let Some(day) = card.last_visit {
        println!("Last visit: {day}");
    }
    if !card.message.is_empty() {
        println!("Message: {}", card.message);
    }
    if !card.whom_to_call.is_empty() {
        println!("Whom to call: {}", card.whom_to_call);
    }
    println!(
        "Card of {}, refreshed {}",
        card.issued_at.format("%Y-%m-%d"),
        card.refreshed_at.format("%Y-%m-%d %H:%M UTC")
    );
}
