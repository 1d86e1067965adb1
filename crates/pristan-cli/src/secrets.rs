//! Reading passphrases and recovery codes: from a hidden terminal prompt, or one per line from
//! standard input. Never from arguments or the environment.

use anyhow::{bail, Context, Result};
use secrecy::SecretString;

use crate::stdin_lines;

/// Where secrets come from for one command run.
pub enum SecretSource {
    Prompt,
    /// One secret per line of standard input, read without `std`'s buffer (see `stdin_lines`).
    Stdin,
}

impl SecretSource {
    pub fn new(from_stdin: bool) -> SecretSource {
        if from_stdin {
            SecretSource::Stdin
        } else {
            SecretSource::Prompt
        }
    }

    /// Reads one secret. `prompt` is shown on a terminal only.
    pub fn read(&mut self, prompt: &str) -> Result<SecretString> {
        match self {
            SecretSource::Prompt => {
                let text = rpassword::prompt_password(prompt).context(
                    "could not read from the terminal: use --passphrase-stdin in scripts",
                )?;
                Ok(SecretString::from(text))
            }
            SecretSource::Stdin => {
                let Some(line) =
                    stdin_lines::read_line().context("could not read standard input")?
                else {
                    bail!(
                        "standard input ended before the {}",
                        prompt.trim_end_matches([':', ' ']).to_lowercase()
                    );
                };
                let Ok(text) = std::str::from_utf8(&line) else {
                    bail!(
                        "the {} on standard input is not UTF-8 text",
                        prompt.trim_end_matches([':', ' ']).to_lowercase()
                    );
                };
                Ok(SecretString::from(text.to_owned()))
            }
        }
    }

    /// Reads a new passphrase: on a terminal twice, to catch typos; from stdin once.
    pub fn read_new(&mut self, prompt: &str) -> Result<SecretString> {
        let first = self.read(prompt)?;
        if let SecretSource::Prompt = self {
            let again = self.read("Type it again: ")?;
            use secrecy::ExposeSecret;
            if first.expose_secret() != again.expose_secret() {
                bail!("the two passphrases differ: run the command again");
            }
        }
        Ok(first)
    }
}
