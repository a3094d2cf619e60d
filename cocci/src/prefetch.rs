//! Finding the files of a run while the rule file is read, and reading and prefiltering
//! them while the walk goes on.
//!
//! A run over a tree most of whose files no rule can touch is mostly reading; before it,
//! reading the rule file and building the engine, and the directory walk, each take about
//! a tenth of it. So the walk starts on a thread of its own before the rule file is read
//! ([`EarlyWalk`]); once the engine exists, the other threads read the files found so far
//! and ask the prefilter of each: only that, which changes nothing and says nothing. The run
//! then takes a file the prefilter ruled out as done (it was read; nothing would be done
//! with it), and reads the others itself. When the walk ends, the threads stop after the
//! file at hand.

use crate::driver::FileTransformer;
use crate::write::with_read_buffer;
use std::collections::HashMap;
use std::ffi::OsString;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{Scope, ScopedJoinHandle};

/// The files read and ruled out by the prefilter, with the number of bytes read of each.
#[derive(Debug, Default)]
pub struct RuledOut(HashMap<OsString, usize, BuildHasherDefault<WordHasher>>);

impl RuledOut {
    /// The number of bytes read of `path`, if it was read and ruled out.
    pub fn length_of(&self, path: &Path) -> Option<usize> {
        match self.0.is_empty() {
            true => None,
            false => self.0.get(path.as_os_str()).copied(),
        }
    }
}

/// Hashes a path's bytes a word at a time (`Path`'s own hash walks its components, and
/// SipHash with it was a tenth of the user time of a run that only reads and prefilters).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        for word in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..word.len()].copy_from_slice(word);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The walk that finds a run's files, started on a thread of its own before the rule file
/// is read: finding the files needs only the command line, and reading the rule file,
/// building the macro tables and the engine take as long as the walk of a large tree. The
/// files it finds go to a feed, to be read and prefiltered once the engine exists.
/// Dropped before [`EarlyWalk::finish`] (the run ends early), it stops the walk at the next
/// file found: the scope then waits for the walk's thread no longer.
pub struct EarlyWalk<'scope, R> {
    feed: StopOnDrop,
    thread: ScopedJoinHandle<'scope, R>,
}

impl<'scope, R: Send + 'scope> EarlyWalk<'scope, R> {
    /// Starts `walk` on a thread of `scope`; it tells of each file it finds, and goes on
    /// while that returns `true` (the walk is stopped when the run ends before it does).
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        walk: impl FnOnce(&mut dyn FnMut(&Path) -> bool) -> R + Send + 'scope,
    ) -> Self {
        let feed = Arc::new(Feed::default());
        let walker_feed = feed.clone();
        let thread = scope.spawn(move || {
            let _close = CloseOnDrop(&walker_feed);
            walk(&mut |path| walker_feed.push(path))
        });
        EarlyWalk {
            feed: StopOnDrop(feed),
            thread,
        }
    }

    /// Waits for the walk's result. Meanwhile, with an `engine`, the calling thread and
    /// `helpers - 1` others read and prefilter the files found so far (none with no helper).
    /// A walk that panicked panics here.
    pub fn finish(self, engine: Option<&dyn FileTransformer>, helpers: usize) -> (R, RuledOut) {
        let mut ruled_out = HashMap::default();
        if let Some(engine) = engine.filter(|_| helpers > 0) {
            std::thread::scope(|scope| {
                let others: Vec<_> = (1..helpers)
                    .map(|_| scope.spawn(|| prefilter_from(&self.feed.0, engine)))
                    .collect();
                ruled_out.extend(prefilter_from(&self.feed.0, engine));
                for thread in others {
                    // A helper that failed leaves its files to the run.
                    if let Ok(found) = thread.join() {
                        ruled_out.extend(found);
                    }
                }
            });
        }
        match self.thread.join() {
            Ok(result) => (result, RuledOut(ruled_out)),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Stops the walk at the next file it finds: the run goes on without its files.
    pub fn stop(self) {}
}

/// Stops the walk when the run drops it (after it ended, that changes nothing).
struct StopOnDrop(Arc<Feed>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Takes files from the feed until it is closed; gives those the prefilter ruled out.
fn prefilter_from(feed: &Feed, engine: &dyn FileTransformer) -> Vec<(OsString, usize)> {
    let mut ruled_out = Vec::new();
    while let Some(path) = feed.next() {
        let length = with_read_buffer(|buffer| match buffer.read_file(&path) {
            Ok(_) => (!engine.may_change(buffer.bytes())).then_some(buffer.bytes().len()),
            // The run reads it again, and says what is wrong.
            Err(_) => None,
        });
        if let Some(length) = length {
            ruled_out.push((path.into_os_string(), length));
        }
    }
    ruled_out
}

/// The files found so far, in the order found; helpers take them in that order.
#[derive(Default)]
struct Feed {
    state: Mutex<FeedState>,
    more: Condvar,
}

#[derive(Default)]
struct FeedState {
    found: Vec<PathBuf>,
    /// The next file to take.
    next: usize,
    closed: bool,
    /// The run ended before the walk: it is to stop.
    stopped: bool,
    helpers_waiting: usize,
}

impl Feed {
    fn lock(&self) -> MutexGuard<'_, FeedState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a file found; `false` when the walk is to stop.
    fn push(&self, path: &Path) -> bool {
        let mut state = self.lock();
        if state.stopped {
            return false;
        }
        state.found.push(path.to_path_buf());
        if state.helpers_waiting > 0 {
            self.more.notify_one();
        }
        true
    }

    fn stop(&self) {
        self.lock().stopped = true;
    }

    /// The next file to read; `None` once the feed is closed.
    fn next(&self) -> Option<PathBuf> {
        let mut state = self.lock();
        loop {
            if state.closed {
                return None;
            }
            if let Some(path) = state.found.get(state.next) {
                let path = path.clone();
                state.next += 1;
                return Some(path);
            }
            state.helpers_waiting += 1;
            state = self.more.wait(state).unwrap_or_else(|e| e.into_inner());
            state.helpers_waiting -= 1;
        }
    }
}

/// Closes the feed when the walk returns or unwinds: the helpers stop after the file at hand.
struct CloseOnDrop<'a>(&'a Feed);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.lock().closed = true;
        self.0.more.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::{FileInput, TransformError, TransformResult};

    /// An engine whose prefilter lets through the files that mention `keep`.
    struct KeepsMentions;

    impl FileTransformer for KeepsMentions {
        fn transform(&self, _: &FileInput<'_>) -> Result<TransformResult, TransformError> {
            Ok(TransformResult::unchanged())
        }
        fn may_change(&self, bytes: &[u8]) -> bool {
            bytes.windows(4).any(|w| w == b"keep")
        }
    }

    /// Every file the helpers report was read whole and ruled out; no file the prefilter
    /// lets through, and no file that cannot be read, is among them; the walk's result
    /// comes back as it was.
    #[test]
    fn only_files_read_and_ruled_out_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..200 {
            let path = dir.path().join(format!("f{i:03}.c"));
            let text = match i % 3 {
                0 => format!("int keep{i};\n"),
                _ => "x".repeat(i * 7),
            };
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let missing = dir.path().join("gone.c");
        let walk = |found: &mut dyn FnMut(&Path) -> bool| {
            for path in paths.iter().chain([&missing]) {
                found(path);
                // A walk slow enough for the helpers to keep up.
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            "walked"
        };
        let (result, ruled_out) = std::thread::scope(|scope| {
            EarlyWalk::start(scope, walk).finish(Some(&KeepsMentions), 2)
        });
        assert_eq!(result, "walked");
        let mut reported = 0;
        for (i, path) in paths.iter().enumerate() {
            if let Some(length) = ruled_out.length_of(path) {
                assert_ne!(i % 3, 0, "{} was let through", path.display());
                assert_eq!(length, i * 7);
                reported += 1;
            }
        }
        assert!(reported > 0, "the helpers read nothing");
        assert_eq!(ruled_out.length_of(&missing), None);
    }

    /// A walk stopped before its end is told so at the next file it finds, and nothing of
    /// it is read.
    #[test]
    fn a_stopped_walk_stops_at_the_next_file() {
        let (started, go_on) = std::sync::mpsc::channel();
        let told = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let walk = EarlyWalk::start(scope, |found| {
                started.send(()).unwrap();
                // Until told to stop, the walk finds the same file again, for 10 s at most.
                for _ in 0..100_000 {
                    if !found(Path::new("again.c")) {
                        break;
                    }
                    told.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    std::thread::sleep(std::time::Duration::from_micros(100));
                }
            });
            go_on.recv().unwrap();
            walk.stop();
        });
        assert!(told.into_inner() < 100_000, "the walk was not stopped");
    }

    /// With no helper, the walk runs alone and nothing is reported.
    #[test]
    fn without_helpers_nothing_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.c");
        std::fs::write(&path, "int x;\n").unwrap();
        let (_, ruled_out) = std::thread::scope(|scope| {
            EarlyWalk::start(scope, |found| {
                found(&path);
            })
            .finish(Some(&KeepsMentions), 0)
        });
        assert_eq!(ruled_out.length_of(&path), None);
    }

    /// A walk that panics stops the helpers (the scope does not wait for a feed that never
    /// closes) and the panic goes on.
    #[test]
    fn a_failing_walk_stops_the_helpers() {
        let run = std::panic::catch_unwind(|| {
            std::thread::scope(|scope| {
                EarlyWalk::start(scope, |_| -> () { panic!("walk failed") })
                    .finish(Some(&KeepsMentions), 2)
            })
        });
        assert!(run.is_err());
    }
}
