//! Standard input read one byte at a time, straight from the file descriptor.
//!
//! `std::io::stdin()` keeps what it reads in a process-wide buffer that is never wiped, so a
//! passphrase read through it would stay in the heap for as long as the vault is open. Reading
//! the descriptor directly into a `Zeroizing` buffer leaves no other copy, and stops exactly at
//! the end of the line, so the next reader (the next secret, or `--fields -`) gets what follows.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsFd;

use zeroize::{Zeroize, Zeroizing};

/// The longest line accepted: a passphrase, a recovery code, or one line of JSON fields.
pub const MAX_LINE: usize = 1 << 20;

/// Reads one line (without its `\n` or `\r\n`); `None` at the end of input.
pub fn read_line() -> io::Result<Option<Zeroizing<Vec<u8>>>> {
    let mut input = File::from(io::stdin().as_fd().try_clone_to_owned()?);
    let mut line = Zeroizing::new(Vec::new());
    let mut byte = [0u8; 1];
    loop {
        match input.read(&mut byte) {
            Ok(0) if line.is_empty() => return Ok(None),
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => {
                if line.len() == MAX_LINE {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "a line of standard input is longer than 1 MiB",
                    ));
                }
                line.push(byte[0]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    byte.zeroize();
    Ok(Some(line))
}
