//! Writing an export as a new file: never over an existing one, never through a temporary file
//! outside the target folder (a temp folder on another disk would leave a plaintext copy behind).
//! The bytes go to a hidden partial file beside the target, are synced, and the partial file is
//! linked under the target name, which fails if that name exists; then the partial name is
//! removed and the folder synced. A crash leaves at most a hidden `.NAME.partial-…` file, never a
//! half-written export under the real name.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path`, which must not exist (`io::ErrorKind::AlreadyExists` otherwise,
/// with nothing written). The file is readable by its owner only.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the file needs a name"))?;
    if fs::symlink_metadata(path).is_ok() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", path.display()),
        ));
    }
    let partial = dir.join(format!(
        ".{name}.partial-{}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let published = write_partial(&partial, bytes).and_then(|()| publish(&partial, path));
    let _ = fs::remove_file(&partial);
    published?;
    File::open(dir)?.sync_all()
}

fn write_partial(partial: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(partial)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Gives the partial file the target's name without replacing anything there: a hard link
/// fails if the name exists. Where the file system has no hard links (a FAT USB stick), Linux's
/// `renameat2(RENAME_NOREPLACE)` does the same.
fn publish(partial: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(partial, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        #[cfg(target_os = "linux")]
        Err(_) => rustix::fs::renameat_with(
            rustix::fs::CWD,
            partial,
            rustix::fs::CWD,
            path,
            rustix::fs::RenameFlags::NOREPLACE,
        )
        .map_err(io::Error::from),
        #[cfg(not(target_os = "linux"))]
        Err(e) => Err(e),
    }
}

/// `folder/stem.ext`, or `folder/stem-2.ext`, `-3`, … : the first name not taken. The exports
/// saved to Downloads use it; a race with another writer is still caught by [`write_new_file`].
pub fn free_name(folder: &Path, stem: &str, extension: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.{extension}"));
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.{extension}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_new_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        write_new_file(&path, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    // An export must never replace a file that is there, whatever it is.
    #[test]
    fn never_overwrites_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.pdf");
        fs::write(&path, b"keep me").unwrap();
        let error = write_new_file(&path, b"new").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"keep me");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("dossier.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(write_new_file(&link, b"x").is_err());
        assert!(!target.exists());
    }

    #[test]
    fn a_missing_folder_fails_without_writing_anywhere_else() {
        // The partial file goes beside the target, never to a temp folder: with the target's
        // folder missing the export fails and nothing is written.
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("list.csv");
        assert!(write_new_file(&missing, b"x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn free_name_counts_up_past_taken_names() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(free_name(dir.path(), "a", "pdf"), dir.path().join("a.pdf"));
        fs::write(dir.path().join("a.pdf"), b"").unwrap();
        fs::write(dir.path().join("a-2.pdf"), b"").unwrap();
        assert_eq!(
            free_name(dir.path(), "a", "pdf"),
            dir.path().join("a-3.pdf")
        );
    }
}
