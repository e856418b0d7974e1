//! Atomic file writes: a reader sees the old file or the whole new one, never a partial file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::{Error, ErrorKind, Result};

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder, flushed to
/// disk, then renamed over `path`. An existing file's permissions are kept.
///
/// # Errors
/// An [`ErrorKind::Io`] error naming `path` when the folder cannot be written, the data cannot be
/// flushed, or the rename fails. On error the temporary file is removed and `path` is left as it
/// was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let outcome =
        write_and_sync(&tmp, bytes).and_then(|()| keep_permissions(path, &tmp)).and_then(|()| fs::rename(&tmp, path));
    if let Err(err) = outcome {
        let _ = fs::remove_file(&tmp);
        return Err(Error::new(path, ErrorKind::Io(err)));
    }
    sync_folder(path);
    Ok(())
}

/// A fresh name beside `path`: `.NAME.PID.N.tmp`, hidden, unique within this process.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

fn write_and_sync(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file: File = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Gives the new file the permissions of the file it replaces, if there is one.
fn keep_permissions(path: &Path, tmp: &Path) -> std::io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => fs::set_permissions(tmp, meta.permissions()),
        _ => Ok(()),
    }
}

/// Makes the rename itself durable where the platform allows it (best effort).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn writes_and_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("roster.json");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second, longer").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second, longer");
        assert_eq!(entries(dir.path()), vec!["roster.json"]);
    }

    #[test]
    fn failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty folder where the file should go: the rename must fail.
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"x").unwrap();
        let err = write_atomic(&target, b"data").unwrap_err();
        assert!(matches!(err.kind, ErrorKind::Io(_)));
        assert_eq!(err.file, target);
        assert_eq!(entries(dir.path()), vec!["taken"]);
        assert_eq!(entries(&target), vec!["keep"]);
    }

    #[test]
    fn missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/folder/roster.csv");
        let err = write_atomic(&p, b"data").unwrap_err();
        assert!(err.to_string().contains("roster.csv"));
        assert!(!p.exists());
        assert!(entries(dir.path()).is_empty());
    }
}
