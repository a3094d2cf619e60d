//! Temporary files for atomic writes: named so that they are recognisable
//! (`.NAME.rcocci-tmp.PID.N`), registered while they exist so that SIGINT and SIGTERM remove
//! them, and, when a run was killed (SIGKILL, power loss), found and removed by the next run.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// The marker between the target's name and the owner's process id.
const MARKER: &[u8] = b".rcocci-tmp.";

/// Temporary files that exist now. Held locked by the signal handler while it removes them,
/// so that no new one is created behind its back.
fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    // A panic while the lock was held leaves the list as it was: still usable.
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file that is removed when dropped unless it was renamed into place.
pub struct TempFile {
    path: PathBuf,
    pub file: fs::File,
    persisted: bool,
}

impl TempFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the file over `target` (same directory), after which it is no longer ours.
    pub fn persist(mut self, target: &Path) -> io::Result<()> {
        fs::rename(&self.path, target)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let mut live = live();
        if !self.persisted {
            let _ = fs::remove_file(&self.path);
        }
        live.retain(|p| p != &self.path);
    }
}

/// The temporary name for `target_name` in this process: `.NAME.rcocci-tmp.PID.N`.
fn temp_name(target_name: &OsStr, serial: u64) -> OsString {
    let mut name = b".".to_vec();
    name.extend_from_slice(target_name.as_bytes());
    name.extend_from_slice(MARKER);
    name.extend_from_slice(format!("{}.{serial}", std::process::id()).as_bytes());
    OsString::from_vec(name)
}

/// The process id in a temporary file's name, if the name is one of ours.
pub fn temp_owner(name: &OsStr) -> Option<u32> {
    let bytes = name.as_bytes();
    let rest = bytes.strip_prefix(b".")?;
    let at = rest.windows(MARKER.len()).rposition(|w| w == MARKER)?;
    if at == 0 {
        return None;
    }
    let tail = std::str::from_utf8(&rest[at + MARKER.len()..]).ok()?;
    let (pid, serial) = tail.split_once('.')?;
    serial.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Creates a new temporary file in `dir` for the file named `target_name`, registered for
/// removal on signals.
pub fn create(dir: &Path, target_name: &OsStr) -> io::Result<TempFile> {
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    install_signal_cleanup();
    for _ in 0..100 {
        let path = dir.join(temp_name(
            target_name,
            SERIAL.fetch_add(1, Ordering::Relaxed),
        ));
        let mut live = live();
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                live.push(path.clone());
                return Ok(TempFile {
                    path,
                    file,
                    persisted: false,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

/// On SIGINT or SIGTERM: remove the live temporary files, then die of the same signal (so
/// the parent sees how the run ended). Installed once, on the first temporary file.
fn install_signal_cleanup() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            // Without the handler a signal leaves temporary files; the next run removes them.
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let live = live();
                for path in live.iter() {
                    let _ = fs::remove_file(path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Whether process `pid` exists (it may still be an rcocci writing this temporary file).
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid == 0 {
        return false;
    }
    // SAFETY: kill with signal 0 only checks for the process; it sends nothing.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes the temporary files that runs which no longer exist left in `dirs`; returns them.
pub fn remove_stale<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = temp_owner(&name) else {
                continue;
            };
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && !process_alive(pid) && fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognised() {
        let name = temp_name(OsStr::new("file.c"), 7);
        assert_eq!(temp_owner(&name), Some(std::process::id()));
        assert_eq!(temp_owner(OsStr::new(".file.c.rcocci-tmp.12.3")), Some(12));
        assert_eq!(temp_owner(OsStr::new("file.c")), None);
        assert_eq!(temp_owner(OsStr::new(".file.c.rcocci-tmp.x.3")), None);
        assert_eq!(temp_owner(OsStr::new(".rcocci-tmp.12.3")), None);
    }

    #[test]
    fn dropped_temp_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let t = create(dir.path(), OsStr::new("a.c")).unwrap();
        let path = t.path().to_path_buf();
        assert!(path.exists());
        drop(t);
        assert!(!path.exists());
    }

    #[test]
    fn stale_files_of_dead_processes_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has a pid this large (Linux caps pids at 2^22).
        let stale = dir.path().join(".a.c.rcocci-tmp.99999999.0");
        fs::write(&stale, "half").unwrap();
        let ours = create(dir.path(), OsStr::new("b.c")).unwrap();
        let other = dir.path().join("c.c");
        fs::write(&other, "x").unwrap();
        assert_eq!(remove_stale([dir.path()]), vec![stale.clone()]);
        assert!(!stale.exists());
        assert!(ours.path().exists());
        assert!(other.exists());
    }
}
