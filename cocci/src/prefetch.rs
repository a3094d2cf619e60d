//! Reading and prefiltering files while the walk that finds them goes on.
//!
//! A run over a tree most of whose files no rule can touch is mostly reading; the directory
//! walk before it is a tenth of it, on one thread while the others wait. So while the
//! calling thread walks, the other threads read the files it has found and ask the
//! prefilter of each: only that, which changes nothing and says nothing. The run then takes
//! a file the prefilter ruled out as done (it was read; nothing would be done with it), and
//! reads the others itself. When the walk ends, the threads stop after the file at hand.

use crate::driver::FileTransformer;
use crate::write::with_read_buffer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

/// The files read and ruled out by the prefilter, with the number of bytes read of each.
#[derive(Debug, Default)]
pub struct RuledOut(HashMap<PathBuf, usize>);

impl RuledOut {
    /// The number of bytes read of `path`, if it was read and ruled out.
    pub fn length_of(&self, path: &Path) -> Option<usize> {
        match self.0.is_empty() {
            true => None,
            false => self.0.get(path).copied(),
        }
    }
}

/// Runs `walk` on the calling thread and, on `helpers` other threads, reads and prefilters
/// with `engine` each file the walk tells of, until the walk returns.
pub fn while_walking<R>(
    engine: &dyn FileTransformer,
    helpers: usize,
    walk: impl FnOnce(&mut dyn FnMut(&Path)) -> R,
) -> (R, RuledOut) {
    if helpers == 0 {
        return (walk(&mut |_| {}), RuledOut::default());
    }
    let feed = Feed::default();
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..helpers)
            .map(|_| scope.spawn(|| prefilter_from(&feed, engine)))
            .collect();
        let result = {
            let _close = CloseOnDrop(&feed);
            walk(&mut |path| feed.push(path))
        };
        let mut ruled_out = HashMap::new();
        for thread in threads {
            // A helper that failed leaves its files to the run.
            if let Ok(found) = thread.join() {
                ruled_out.extend(found);
            }
        }
        (result, RuledOut(ruled_out))
    })
}

/// Takes files from the feed until it is closed; gives those the prefilter ruled out.
fn prefilter_from(feed: &Feed, engine: &dyn FileTransformer) -> Vec<(PathBuf, usize)> {
    let mut ruled_out = Vec::new();
    while let Some(path) = feed.next() {
        let length = with_read_buffer(|buffer| match buffer.read_file(&path) {
            Ok(_) => (!engine.may_change(buffer.bytes())).then_some(buffer.bytes().len()),
            // The run reads it again, and says what is wrong.
            Err(_) => None,
        });
        if let Some(length) = length {
            ruled_out.push((path, length));
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
    helpers_waiting: usize,
}

impl Feed {
    fn lock(&self) -> MutexGuard<'_, FeedState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, path: &Path) {
        let mut state = self.lock();
        state.found.push(path.to_path_buf());
        if state.helpers_waiting > 0 {
            self.more.notify_one();
        }
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
        let walk = |found: &mut dyn FnMut(&Path)| {
            for path in paths.iter().chain([&missing]) {
                found(path);
                // A walk slow enough for the helpers to keep up.
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            "walked"
        };
        let (result, ruled_out) = while_walking(&KeepsMentions, 2, walk);
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

    /// With no helper, the walk runs alone and nothing is reported.
    #[test]
    fn without_helpers_nothing_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.c");
        std::fs::write(&path, "int x;\n").unwrap();
        let (_, ruled_out) = while_walking(&KeepsMentions, 0, |found| found(&path));
        assert_eq!(ruled_out.length_of(&path), None);
    }

    /// A walk that panics stops the helpers (the scope does not wait for a feed that never
    /// closes) and the panic goes on.
    #[test]
    fn a_failing_walk_stops_the_helpers() {
        let run = std::panic::catch_unwind(|| {
            while_walking(&KeepsMentions, 2, |_| -> () { panic!("walk failed") })
        });
        assert!(run.is_err());
    }
}
