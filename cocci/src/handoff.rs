//! Finished files on their way from the worker threads to whoever reports them, in the
//! order of the file list.
//!
//! Most files of a run are only read and prefiltered, in a few microseconds: waking a
//! reporting thread for each of them (one futex wake and one sleep per file, as a channel
//! does) cost a quarter of such a run. So there is no reporting thread: the calling thread
//! is a worker too, and the worker that finishes a file delivers whatever outcomes are then
//! ready in order, unless another worker is delivering already (that one takes them up when
//! it is done). A worker waits only for room in the window; no worker waits for another to
//! deliver, so a worker the system puts to sleep holds back no one but its own outcome.

use crate::threads::spawn_placed;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// The hand-off of one run: workers put outcome `i` of the file list; the outcomes leave in
/// order. At most `size` outcomes are ahead of the last one delivered (no file `i` is
/// started before outcome `i - size` was delivered), so a slow file holds back a bounded
/// number of finished ones.
struct Handoff<T> {
    size: usize,
    state: Mutex<State<T>>,
    /// Workers sleep here for room in the window.
    room: Condvar,
}

struct State<T> {
    /// Outcomes not yet taken for delivery: slot `k` holds outcome `given + k`, once it is
    /// finished. (A map ordered by index cost a tenth of the instructions of a run that
    /// only reads and prefilters, most of it moving outcomes within its nodes.)
    finished: VecDeque<Option<T>>,
    /// The index of the next outcome to deliver.
    given: usize,
    /// Outcomes delivered: the window starts here.
    delivered: usize,
    /// A worker is delivering outcomes (taken out of `finished`, up to `given`).
    delivering: bool,
    workers_waiting: usize,
}

impl<T> Handoff<T> {
    fn new(size: usize) -> Self {
        Handoff {
            size: size.max(1),
            state: Mutex::new(State {
                finished: VecDeque::new(),
                given: 0,
                delivered: 0,
                delivering: false,
                workers_waiting: 0,
            }),
            room: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Returns when outcome `index` fits in the window.
    fn wait_for_room(&self, index: usize) {
        let mut state = self.lock();
        while index >= state.delivered.saturating_add(self.size) {
            state.workers_waiting += 1;
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
            state.workers_waiting -= 1;
        }
    }

    /// Outcome `index` is done.
    fn put(&self, index: usize, outcome: T) {
        let mut state = self.lock();
        // Outcome `index` is not taken yet: `given` passes only outcomes that were put.
        let slot = index - state.given;
        if state.finished.len() <= slot {
            state.finished.resize_with(slot + 1, || None);
        }
        state.finished[slot] = Some(outcome);
    }

    /// Delivers the outcomes ready in order, and those that become ready meanwhile, unless
    /// another worker is delivering (it takes them up before it stops).
    fn deliver_ready(&self, deliver: &Mutex<impl FnMut(T)>) {
        loop {
            let ready = {
                let mut state = self.lock();
                if state.delivering {
                    return;
                }
                let count = state.finished.iter().take_while(|o| o.is_some()).count();
                let mut ready = Vec::with_capacity(count);
                ready.extend(state.finished.drain(..count).flatten());
                state.given += ready.len();
                if ready.is_empty() {
                    return;
                }
                state.delivering = true;
                ready
            };
            let count = ready.len();
            {
                let _open_on_unwind = OpenOnUnwind(self);
                let mut deliver = deliver.lock().unwrap_or_else(|e| e.into_inner());
                ready.into_iter().for_each(&mut *deliver);
            }
            let mut state = self.lock();
            state.delivering = false;
            state.delivered += count;
            if state.workers_waiting > 0 {
                self.room.notify_all();
            }
        }
    }

    /// Lets every worker run to its end without waiting for room, and stops delivery: a
    /// worker or a delivery failed, and the run with it.
    fn abandon(&self) {
        let mut state = self.lock();
        state.delivering = true;
        state.delivered = usize::MAX / 2;
        self.room.notify_all();
    }
}

/// Runs `work` on each index below `count` on `jobs` threads, the calling one and `jobs - 1`
/// others, taking indexes in order, and gives the outcomes to `deliver` in index order, one
/// at a time, on whichever of these threads finished the outcome that made them ready. At
/// most `window` outcomes are finished and not yet delivered.
pub fn run_in_order<T: Send>(
    count: usize,
    jobs: usize,
    window: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    deliver: impl FnMut(T) + Send,
) {
    let handoff = Handoff::new(window);
    let deliver = Mutex::new(deliver);
    let next = AtomicUsize::new(0);
    let worker = || {
        let _open_on_unwind = OpenOnUnwind(&handoff);
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= count {
                break;
            }
            handoff.wait_for_room(index);
            handoff.put(index, work(index));
            handoff.deliver_ready(&deliver);
        }
    };
    std::thread::scope(|scope| {
        spawn_placed(scope, (1..jobs.clamp(1, count.max(1))).map(|_| worker));
        worker();
    });
}

/// Abandons the run when the thread unwinds, so that no worker waits for room forever.
struct OpenOnUnwind<'a, T>(&'a Handoff<T>);

impl<T> Drop for OpenOnUnwind<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.abandon();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Work finishing in any order (each index sleeps a pseudo-random while), every outcome
    /// comes out once, in order, and no index starts more than the window ahead of those
    /// delivered.
    #[test]
    fn outcomes_come_out_in_order_within_the_window() {
        for (jobs, window, count) in [
            (1, 1, 20),
            (2, 1, 30),
            (2, 8, 100),
            (3, 4, 57),
            (4, 16, 200),
        ] {
            let delivered = AtomicUsize::new(0);
            let work = |index: usize| {
                let done = delivered.load(Ordering::SeqCst);
                assert!(index < done + window, "{index} ran ahead of {done}");
                let pause = (index * 7919) % 5;
                std::thread::sleep(std::time::Duration::from_micros(pause as u64 * 50));
                index
            };
            let mut out = Vec::new();
            run_in_order(count, jobs, window, &work, |i| {
                out.push(i);
                delivered.fetch_add(1, Ordering::SeqCst);
            });
            assert_eq!(out, (0..count).collect::<Vec<_>>(), "{jobs} jobs");
        }
    }

    /// The calling thread works too: with one job, no other thread runs the work.
    #[test]
    fn one_job_runs_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let mut out = Vec::new();
        let work = |i: usize| (i, std::thread::current().id());
        run_in_order(5, 1, 2, &work, |o| out.push(o));
        assert!(out.iter().all(|&(_, id)| id == caller));
        assert_eq!(out.iter().map(|o| o.0).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    }

    /// Work that panics, on whichever thread, makes the run fail instead of leaving a thread
    /// waiting for its outcome.
    #[test]
    fn a_panicking_worker_fails_the_run_instead_of_hanging() {
        for failing in [0, 1, 5, 19] {
            let work = |i: usize| {
                assert!(i != failing, "work failed");
                i
            };
            let run = std::panic::catch_unwind(|| run_in_order(20, 2, 1, &work, |_| {}));
            assert!(run.is_err(), "index {failing}");
        }
    }

    /// A delivery that panics opens the window, so that no helper waits for room forever.
    #[test]
    fn a_panicking_delivery_does_not_leave_helpers_waiting() {
        let work = |i: usize| i;
        let run = std::panic::catch_unwind(|| {
            run_in_order(50, 3, 1, &work, |i| assert!(i != 2, "delivery failed"))
        });
        assert!(run.is_err());
    }
}
