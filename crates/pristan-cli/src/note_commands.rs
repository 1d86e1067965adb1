//! `pristan note add`: a volunteer's note on a case, from an argument or a file. Standard input is
//! kept for the passphrase, so long notes come from a file.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity, Visit};
use pristan_core::ops::EntityId;
use zeroize::Zeroizing;

use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Saves a note and prints its id. Notes cannot be changed once saved.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// The visit the note was written on (an id from `pristan visit add`).
        #[arg(long, value_parser = input::id)]
        visit: Option<EntityId>,
        #[arg(long, value_parser = input::choice(NoteKind::ALL, NoteKind::as_str))]
        kind: NoteKind,
        /// Shown only on purpose: health, family in Russia, details of political activity.
        #[arg(long)]
        restricted: bool,
        /// The note itself.
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text, required_unless_present = "text_file", conflicts_with = "text_file")]
        text: Option<LongText>,
        /// Read the note from this UTF-8 file instead (keep the file somewhere safe, or delete it).
        #[arg(long, value_name = "PATH")]
        text_file: Option<PathBuf>,
    },
}

pub fn run(dir: &Path, command: NoteCommand) -> Result<()> {
    let NoteCommand::Add {
        unlocking,
        case,
        visit,
        kind,
        restricted,
        text,
        text_file,
    } = command;
    let text = match (text, text_file) {
        (Some(text), _) => text,
        (None, Some(path)) => read_note(&path)?,
        (None, None) => bail!("give the note with --text or --text-file"),
    };
    if text.is_empty() {
        bail!("the note is empty: write something, or leave it out");
    }
    let mut vault = unlocking.open(dir)?;
    require_case(&vault, case)?;
    if let Some(visit) = visit {
        let found = vault
            .get::<Visit>(visit)?
            .with_context(|| format!("there is no visit {visit}"))?;
        if found.record.case_id != Some(case) {
            bail!("visit {visit} is a visit to another case: check --case and --visit");
        }
    }
    let sensitivity = if restricted {
        Sensitivity::Restricted
    } else {
        Sensitivity::Normal
    };
    let id = vault.add(Note {
        case_id: Some(case),
        visit_id: visit,
        kind,
        sensitivity,
        text,
        replaces: None,
    })?;
    vault.lock()?;
    unlocking.print_id(id);
    Ok(())
}

fn read_note(path: &Path) -> Result<LongText> {
    let bytes = Zeroizing::new(
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?,
    );
    let text = std::str::from_utf8(&bytes)
        .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
    LongText::new(text).with_context(|| format!("the note in {}", path.display()))
}
