//! The replies of an interpreter, read line by line on a thread of their own, so that a
//! wait for one can end at the run's deadline (`--timeout`) even when a script never
//! answers.

use std::cell::Cell;
use std::io::{BufRead, BufReader};
use std::process::ChildStdout;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Instant;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Runs `f` with the script calls it makes on this thread stopped at `deadline`: the
/// interpreter of a script still running then is killed, and the call fails with
/// [`crate::ScriptError::TimedOut`].
pub fn with_deadline<T>(deadline: Option<Instant>, f: impl FnOnce() -> T) -> T {
    let before = DEADLINE.with(|d| d.replace(deadline));
    let out = f();
    DEADLINE.with(|d| d.set(before));
    out
}

pub(crate) enum LineError {
    /// The interpreter closed its output (it exited).
    Closed,
    Io(std::io::Error),
    TimedOut,
}

pub(crate) struct Lines {
    lines: Receiver<std::io::Result<String>>,
}

impl Lines {
    pub(crate) fn new(stdout: ChildStdout) -> Lines {
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) => break,
                    Ok(_) => {
                        if send.send(Ok(line)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = send.send(Err(e));
                        break;
                    }
                }
            }
        });
        Lines { lines }
    }

    /// The next line (with its newline), waiting at most until this thread's deadline.
    pub(crate) fn next(&self) -> Result<String, LineError> {
        let received = match DEADLINE.with(Cell::get) {
            None => self
                .lines
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
            Some(d) => self
                .lines
                .recv_timeout(d.saturating_duration_since(Instant::now())),
        };
        match received {
            Ok(Ok(line)) => Ok(line),
            Ok(Err(e)) => Err(LineError::Io(e)),
            Err(RecvTimeoutError::Disconnected) => Err(LineError::Closed),
            Err(RecvTimeoutError::Timeout) => Err(LineError::TimedOut),
        }
    }
}
