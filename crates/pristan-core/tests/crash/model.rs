//! What the parent knows the vault must hold: every write the child acknowledged, and the one
//! write that may have been under way when it was killed.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, PartialEq, Eq)]
pub enum Acked {
    Yes,
    No,
}

#[derive(Debug, Default)]
pub struct Model {
    pub passphrase_index: u64,
    /// Cases the child made (by id), with the edit value of the name last acknowledged.
    pub cases: BTreeMap<String, Option<u64>>,
    /// Notes acknowledged, with their case.
    pub notes: BTreeMap<String, String>,
    pub forgotten: BTreeSet<String>,
    /// Bundles (by number) whose import was acknowledged.
    pub imports: BTreeSet<u64>,
    /// The `DO …` line of the write under way, if any.
    pub in_flight: Option<String>,
    pub imports_acked: u64,
    pub forgets_acked: u64,
    pub acks: usize,
}

impl Model {
    /// Takes one protocol line. Returns whether it was an acknowledgement.
    pub fn read_line(&mut self, line: &str) -> Option<Acked> {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["DO", ..] => {
                self.in_flight = Some(line.to_owned());
                Some(Acked::No)
            }
            ["ACK", rest @ ..] => {
                self.in_flight = None;
                self.acks += 1;
                self.acknowledge(rest);
                Some(Acked::Yes)
            }
            _ => None,
        }
    }

    fn acknowledge(&mut self, words: &[&str]) {
        match words {
            ["case", id] => {
                self.cases.insert((*id).to_owned(), None);
            }
            ["note", id, case] => {
                self.cases.entry((*case).to_owned()).or_insert(None);
                self.notes.insert((*id).to_owned(), (*case).to_owned());
            }
            ["edit", case, value] => {
                self.cases
                    .insert((*case).to_owned(), Some(value.parse().expect("a number")));
            }
            ["import", k] => {
                self.imports.insert(k.parse().expect("a number"));
                self.imports_acked += 1;
            }
            ["forget", case] => {
                self.forget(case);
                self.forgets_acked += 1;
            }
            ["passwd", index] => self.passphrase_index = index.parse().expect("a number"),
            other => panic!("unknown acknowledgement {other:?}"),
        }
    }

    pub fn forget(&mut self, case: &str) {
        self.cases.remove(case);
        self.notes.retain(|_, c| c != case);
        self.forgotten.insert(case.to_owned());
    }
}
