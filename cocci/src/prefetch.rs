//! Finding the files of a run while the rule file is read, and reading and prefiltering
//! them while the walk goes on.
//!
//! A run over a tree most of whose files no rule can touch is mostly reading; before it,
//! reading the rule file and building the engine, and the directory walk, each take about
//! a tenth of it. So the walk starts on a thread of its own before the rule file is read
//! ([`EarlyWalk`]); once the engine exists, the other threads read the files found so far
//! and ask the prefilter of each: only that, which changes nothing and says nothing. When
//! its walk is over, the walk's thread does the same, and they go on until every file
//! found was read. The run then takes a file the prefilter ruled out as done (it was read;
//! nothing would be done with it), and reads the others itself.

use crate::driver::FileTransformer;
use crate::threads::{spawn_one_placed, spawn_placed};
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

/// The engine the helpers prefilter with, shared with the walk's thread.
pub type SharedEngine = Arc<dyn FileTransformer + Send>;

/// The walk that finds a run's files, started on a thread of its own before the rule file
/// is read: finding the files needs only the command line, and reading the rule file,
/// building the macro tables and the engine take as long as the walk of a large tree. The
/// files it finds go to a feed, to be read and prefiltered once the engine exists; when the
/// walk is over, its thread reads and prefilters too.
/// Dropped before [`EarlyWalk::finish`] (the run ends early), it stops the walk at the next
/// file found: the scope then waits for the walk's thread no longer.
pub struct EarlyWalk<'scope, R> {
    feed: StopOnDrop,
    thread: ScopedJoinHandle<'scope, (R, Vec<(OsString, usize)>)>,
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
        let walker = move || {
            let result = {
                let _close = CloseOnDrop(&walker_feed);
                walk(&mut |path| walker_feed.push(path))
            };
            // A thread that only walked would end here, and the run start another.
            let ruled_out = match walker_feed.engine() {
                Some(engine) => prefilter_from(&walker_feed, &*engine),
                None => Vec::new(),
            };
            (result, ruled_out)
        };
        let thread = spawn_one_placed(scope, walker);
        EarlyWalk {
            feed: StopOnDrop(feed),
            thread,
        }
    }

    /// Waits for the walk's result. Meanwhile, with an `engine`, the calling thread and
    /// `helpers - 1` others read and prefilter the files found, and the walk's thread joins
    /// them when its walk is over, until every file found was taken (none with no helper).
    /// A walk that panicked panics here.
    pub fn finish(self, engine: Option<SharedEngine>, helpers: usize) -> (R, RuledOut) {
        let engine = engine.filter(|_| helpers > 0);
        self.feed.0.give_engine(engine.clone());
        let mut ruled_out = HashMap::default();
        if let Some(engine) = engine {
            std::thread::scope(|scope| {
                let (feed, engine) = (&self.feed.0, &*engine);
                let others =
                    spawn_placed(scope, (1..helpers).map(|_| || prefilter_from(feed, engine)));
                ruled_out.extend(prefilter_from(feed, engine));
                for thread in others {
                    // A helper that failed leaves its files to the run.
                    if let Ok(found) = thread.join() {
                        ruled_out.extend(found);
                    }
                }
            });
        }
        match self.thread.join() {
            Ok((result, found)) => {
                ruled_out.extend(found);
                (result, RuledOut(ruled_out))
            }
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

/// Takes files from the feed until every file found was taken; gives those the prefilter
/// ruled out. The walk finds regular files only, read as such (see
/// [`crate::write::ReadBuffer::read_regular_file`]).
fn prefilter_from(feed: &Feed, engine: &dyn FileTransformer) -> Vec<(OsString, usize)> {
    let mut ruled_out = Vec::new();
    while let Some(path) = feed.next() {
        let length = with_read_buffer(|buffer| match buffer.read_regular_file(&path) {
            Ok(()) => (!engine.may_change(buffer.bytes())).then_some(buffer.bytes().len()),
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
    /// The walk is over: no file is added.
    closed: bool,
    /// The run ended before the walk: it is to stop.
    stopped: bool,
    /// The engine to prefilter with, once the run has it (`Some(None)`: none, nothing is
    /// prefiltered).
    engine: Option<Option<SharedEngine>>,
    helpers_waiting: usize,
}

impl Feed {
    fn lock(&self) -> MutexGuard<'_, FeedState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'a>(&self, state: MutexGuard<'a, FeedState>) -> MutexGuard<'a, FeedState> {
        self.more.wait(state).unwrap_or_else(|e| e.into_inner())
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
        self.more.notify_all();
    }

    /// Hands the engine (or that there is none) to whoever waits for it.
    fn give_engine(&self, engine: Option<SharedEngine>) {
        self.lock().engine = Some(engine);
        self.more.notify_all();
    }

    /// The engine, once the run gives it; `None` when it has none or stopped.
    fn engine(&self) -> Option<SharedEngine> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return None;
            }
            if let Some(engine) = &state.engine {
                return engine.clone();
            }
            state = self.wait(state);
        }
    }

    /// The next file to read; `None` once the walk is over and every file it found was
    /// taken, or the run stopped.
    fn next(&self) -> Option<PathBuf> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return None;
            }
            if let Some(path) = state.found.get(state.next) {
                let path = path.clone();
                state.next += 1;
                return Some(path);
            }
            if state.closed {
                return None;
            }
            state.helpers_waiting += 1;
            state = self.wait(state);
            state.helpers_waiting -= 1;
        }
    }
}

/// Closes the feed when the walk returns or unwinds: the helpers stop when they have taken
/// what it found.
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

    /// Every file the walk found and the prefilter rules out is reported, with the length
    /// read; no file the prefilter lets through, and no file that cannot be read, is among
    /// them; the walk's result comes back as it was.
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
            EarlyWalk::start(scope, walk).finish(Some(Arc::new(KeepsMentions)), 2)
        });
        assert_eq!(result, "walked");
        for (i, path) in paths.iter().enumerate() {
            match i % 3 {
                0 => assert_eq!(ruled_out.length_of(path), None, "{}", path.display()),
                _ => assert_eq!(ruled_out.length_of(path), Some(i * 7), "{}", path.display()),
            }
        }
        assert_eq!(ruled_out.length_of(&missing), None);
    }

    /// The walk's thread reads too once its walk is over, though the engine came after
    /// the walk ended; every file found is read.
    #[test]
    fn the_walks_thread_reads_once_it_walked() {
        /// Slow to decide, and notes the threads that asked.
        struct NotesThreads(Mutex<Vec<std::thread::ThreadId>>);
        impl FileTransformer for NotesThreads {
            fn transform(&self, _: &FileInput<'_>) -> Result<TransformResult, TransformError> {
                Ok(TransformResult::unchanged())
            }
            fn may_change(&self, _: &[u8]) -> bool {
                self.0.lock().unwrap().push(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_micros(300));
                false
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..100)
            .map(|i| {
                let path = dir.path().join(format!("f{i:03}.c"));
                std::fs::write(&path, "int x;\n").unwrap();
                path
            })
            .collect();
        let engine = Arc::new(NotesThreads(Mutex::new(Vec::new())));
        let (_, ruled_out) = std::thread::scope(|scope| {
            let walk = EarlyWalk::start(scope, |found| {
                for path in &paths {
                    found(path);
                }
            });
            // The walk is over before the engine is given.
            while !walk.feed.0.lock().closed {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            walk.finish(Some(engine.clone()), 1)
        });
        assert!(paths.iter().all(|p| ruled_out.length_of(p) == Some(7)));
        let mut threads = engine.0.lock().unwrap().clone();
        assert_eq!(threads.len(), paths.len(), "each file is read once");
        threads.sort_by_key(|t| format!("{t:?}"));
        threads.dedup();
        assert_eq!(
            threads.len(),
            2,
            "the walk's thread and the caller both read"
        );
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
            .finish(Some(Arc::new(KeepsMentions)), 0)
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
                    .finish(Some(Arc::new(KeepsMentions)), 2)
            })
        });
        assert!(run.is_err());
    }
}
