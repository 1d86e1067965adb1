//! Replacing a small file so that a crash leaves either the old or the new content, never a mix.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` (readable by its owner only) through a temporary file in the same directory: write, fsync, rename
/// over the old file, fsync the directory. A reader (or a process restarted after SIGKILL or a
/// power cut) sees the old file or the new one, whole.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // A name of its own for each writer: two processes replacing the same file at once must not
    // write into one temporary file (the second rename would then publish a mix, or fail).
    let tmp = dir.join(format!(
        ".{file_name}.{}-{:016x}.tmp",
        std::process::id(),
        rand::random::<u64>()
    ));
    let written = write_new_file(&tmp, bytes);
    if let Err(error) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(error);
    }
    // The rename is durable only once the directory entry is on disk.
    File::open(dir)?.sync_all()
}

/// Creates `tmp` (which must not exist), readable by its owner only, and writes `bytes` durably.
fn write_new_file(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("slots");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the temporary file must be renamed away");
    }

    #[test]
    fn parallel_writers_each_publish_a_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("counter");
        let writers: Vec<_> = (0..8u8)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        write_atomically(&path, &[n; 4096]).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let bytes = fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 4096);
        assert!(bytes.iter().all(|b| *b == bytes[0]), "a mix of two writes");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
