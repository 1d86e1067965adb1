//! Durable file operations for backups: copying with fsync, fsyncing folders, naming folders so
//! that nothing is overwritten, and clearing what an interrupted run left.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use rand::RngCore;

/// The suffix of a folder being written; a folder with it is never a backup or a vault.
pub(super) const PARTIAL: &str = ".partial";

/// Copies `from` to `to` (created new, owner-only) and flushes it to disk. Returns the bytes copied.
pub(super) fn copy_durably(from: &Path, to: &Path) -> io::Result<u64> {
    let mut source = File::open(from)?;
    let mut target = private_new_file(to)?;
    let bytes = io::copy(&mut source, &mut target)?;
    target.sync_all()?;
    Ok(bytes)
}

/// Writes `bytes` into the new file `to` (owner-only) and flushes it to disk.
pub(super) fn write_durably(to: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = private_new_file(to)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn private_new_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Flushes a file already written by someone else (SQLite) to disk.
pub(super) fn sync_file(path: &Path) -> io::Result<()> {
    OpenOptions::new().read(true).open(path)?.sync_all()
}

/// Makes the entries of `dir` (new files, renames) durable.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// A new hidden folder next to where the finished one will go: `.{name}.{random}.partial`.
pub(super) fn partial_dir(parent: &Path, name: &str) -> io::Result<PathBuf> {
    let mut random = [0u8; 6];
    rand::rng().fill_bytes(&mut random);
    let path = parent.join(format!(".{name}.{}{PARTIAL}", hex::encode(random)));
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&path)?;
    Ok(path)
}

/// Removes the partial folders an interrupted backup or restore left in `parent` whose name
/// starts with `.{prefix}`. They hold only encrypted copies that never became complete.
pub(super) fn remove_partials(parent: &Path, prefix: &str) -> io::Result<()> {
    let start = format!(".{prefix}");
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with(&start) && name.ends_with(PARTIAL) && entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// `base`, or `base-2`, `base-3`, … : the first name not taken in `parent`.
pub(super) fn free_name(parent: &Path, base: &str) -> String {
    (1..)
        .map(|n| match n {
            1 => base.to_owned(),
            n => format!("{base}-{n}"),
        })
        .find(|name| !parent.join(name).exists())
        .unwrap_or_else(|| base.to_owned())
}
