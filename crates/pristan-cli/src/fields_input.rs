//! `--fields FILE`: a record's fields as a JSON object instead of arguments.
//!
//! Names, A-numbers and note text given as arguments are visible to every user of the machine
//! (`ps`) and stay in shell histories. With `--fields FILE` (or `--fields -` for one line of JSON
//! on standard input, before any passphrase line) they never appear on the command line.
//!
//! Each key is an option of the command (`native_name` or `native-name` for `--native-name`); a
//! string or number is its value, `true` gives a flag, `false` and `null` leave it out, and an
//! array repeats the option. The object is turned into options before the command line is parsed,
//! so every value goes through the same checks as when typed.

use std::ffi::OsString;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::stdin_lines;

const OPTION: &str = "--fields";
const MAX_FILE: u64 = 4 << 20;

/// Replaces `--fields FILE` (or `--fields=FILE`) in `args` with the options the file holds.
pub fn expand(args: Vec<OsString>) -> Result<Vec<OsString>> {
    let Some((at, len, source)) = find_option(&args)? else {
        return Ok(args);
    };
    let json = read_source(&source)?;
    let object = parse_object(&json)?;
    let mut expanded: Vec<OsString> = args[..at].to_vec();
    expanded.extend(options_from(&object)?.into_iter().map(OsString::from));
    expanded.extend_from_slice(&args[at + len..]);
    Ok(expanded)
}

/// Where `--fields` is, how many arguments it takes up, and its value.
fn find_option(args: &[OsString]) -> Result<Option<(usize, usize, OsString)>> {
    let mut found = None;
    for (i, arg) in args.iter().enumerate().skip(1) {
        let text = arg.to_string_lossy();
        let hit = if text == OPTION {
            let value = args
                .get(i + 1)
                .with_context(|| format!("{OPTION} needs a file name, or - for standard input"))?;
            Some((i, 2, value.clone()))
        } else {
            text.strip_prefix("--fields=")
                .map(|value| (i, 1, OsString::from(value)))
        };
        if let Some(hit) = hit {
            if found.is_some() {
                bail!("{OPTION} is given twice: give one file holding all the fields");
            }
            found = Some(hit);
        }
    }
    Ok(found)
}

fn read_source(source: &OsString) -> Result<Zeroizing<Vec<u8>>> {
    if source == "-" {
        return stdin_lines::read_line()
            .context("could not read the fields from standard input")?
            .context("standard input ended before the line of JSON fields");
    }
    let path = Path::new(source);
    let size = std::fs::metadata(path)
        .with_context(|| format!("could not read the fields file {}", path.display()))?
        .len();
    if size > MAX_FILE {
        bail!(
            "the fields file {} is larger than 4 MiB: it should hold one record",
            path.display()
        );
    }
    let bytes = std::fs::read(path)
        .with_context(|| format!("could not read the fields file {}", path.display()))?;
    Ok(Zeroizing::new(bytes))
}

fn parse_object(json: &[u8]) -> Result<Map<String, Value>> {
    // The error names only the position, never the text, which may be a person's details.
    match serde_json::from_slice::<Value>(json) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => bail!("the fields must be one JSON object, such as {{\"name\": \"…\"}}"),
        Err(e) => bail!(
            "the fields are not valid JSON (line {}, column {}): check quotes and commas",
            e.line(),
            e.column()
        ),
    }
}

fn options_from(object: &Map<String, Value>) -> Result<Vec<String>> {
    let mut options = Vec::new();
    for (key, value) in object {
        let name = option_name(key)?;
        let values: &[Value] = match value {
            Value::Array(items) => items,
            single => std::slice::from_ref(single),
        };
        for value in values {
            match value {
                Value::String(text) => options.push(format!("{name}={text}")),
                Value::Number(n) => options.push(format!("{name}={n}")),
                Value::Bool(true) => options.push(name.clone()),
                Value::Bool(false) | Value::Null => {}
                Value::Array(_) | Value::Object(_) => {
                    bail!("the field {key:?} must be text, a number, true or false")
                }
            }
        }
    }
    Ok(options)
}

fn option_name(key: &str) -> Result<String> {
    let ok = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok || key == "fields" || key == "vault" {
        bail!("{key:?} is not a field this command takes: use the option names from --help");
    }
    Ok(format!("--{}", key.replace('_', "-")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn an_object_becomes_options_in_place_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("case.json");
        std::fs::write(
            &file,
            r#"{"name": "-Ivan Petrov", "native_name": "Иван Петров", "a_number": 12345678,
                "share_with_coordinator": true, "restricted": false, "device": ["a", "b"]}"#,
        )
        .unwrap();
        let given = args(&["pristan", "case", "add", "--fields"]);
        let mut given = given;
        given.push(file.clone().into_os_string());
        given.push("--json".into());
        let expanded = expand(given).unwrap();
        let expanded: Vec<_> = expanded.iter().map(|a| a.to_str().unwrap()).collect();
        assert_eq!(
            expanded,
            [
                "pristan",
                "case",
                "add",
                "--a-number=12345678",
                "--device=a",
                "--device=b",
                "--name=-Ivan Petrov",
                "--native-name=Иван Петров",
                "--share-with-coordinator",
                "--json"
            ]
        );
    }

    #[test]
    fn mistakes_are_named_without_quoting_the_contents() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.json");
        std::fs::write(&file, r#"{"name": "Secret Person" "#).unwrap();
        let mut given = args(&["pristan", "case", "add", "--fields"]);
        given.push(file.into_os_string());
        let err = expand(given).unwrap_err().to_string();
        assert!(err.contains("not valid JSON"), "{err}");
        assert!(!err.contains("Secret"), "{err}");
        assert!(options_from(&parse_object(br#"{"a": {"b": 1}}"#).unwrap()).is_err());
        assert!(option_name("vault").is_err());
        assert!(option_name("--x").is_err());
        assert!(parse_object(b"[1]").is_err());
        let twice = args(&["pristan", "--fields=a", "--fields=b"]);
        assert!(expand(twice).unwrap_err().to_string().contains("twice"));
    }

    #[test]
    fn without_the_option_nothing_changes() {
        let given = args(&["pristan", "case", "list", "--json"]);
        assert_eq!(expand(given.clone()).unwrap(), given);
    }
}
