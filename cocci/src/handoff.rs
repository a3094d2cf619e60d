//! Finished files on their way from the worker threads to the thread that reports them, in
//! the order of the file list.
//!
//! Most files of a run are only read and prefiltered, in a few microseconds: waking the
//! reporting thread for each of them (one futex wake and one sleep per file, as a channel
//! does) cost a quarter of such a run. Here the reporting thread is woken only when half a
//! window of outcomes is waiting, when a worker is about to wait for room, or when the
//! workers are done; and a worker is woken only when it is waiting for room.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

/// The hand-off of one run: workers put outcome `i` of the file list, the reporting thread
/// takes them in order. At most `size` outcomes are ahead of the last one taken (a worker
/// does not start file `i` before outcome `i - size` was taken), so a slow file holds back
/// a bounded number of finished ones.
pub struct Handoff<T> {
    size: usize,
    state: Mutex<State<T>>,
    /// The reporting thread waits here.
    arrived: Condvar,
    /// Workers wait here for room in the window.
    room: Condvar,
}

struct State<T> {
    finished: BTreeMap<usize, T>,
    /// The index of the next outcome the reporting thread takes.
    given: usize,
    /// Outcomes handed on by the reporting thread: the window starts here.
    taken: usize,
    workers_left: usize,
    reporter_waiting: bool,
    workers_waiting: usize,
}

impl<T> State<T> {
    /// Removes the finished outcomes from `given` on, as long as they follow each other.
    fn next_in_order(&mut self) -> Vec<T> {
        let mut ready = Vec::new();
        while let Some(outcome) = self.finished.remove(&self.given) {
            ready.push(outcome);
            self.given += 1;
        }
        ready
    }
}

impl<T> Handoff<T> {
    pub fn new(size: usize, workers: usize) -> Self {
        Handoff {
            size: size.max(1),
            state: Mutex::new(State {
                finished: BTreeMap::new(),
                given: 0,
                taken: 0,
                workers_left: workers,
                reporter_waiting: false,
                workers_waiting: 0,
            }),
            arrived: Condvar::new(),
            room: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Returns when outcome `index` fits in the window.
    pub fn wait_for_room(&self, index: usize) {
        let mut state = self.lock();
        while index >= state.taken.saturating_add(self.size) {
            // The reporting thread may be asleep with outcomes ready to take: without them
            // taken there is no room.
            self.wake_reporter(&mut state);
            state.workers_waiting += 1;
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
            state.workers_waiting -= 1;
        }
    }

    /// Outcome `index` is done.
    pub fn put(&self, index: usize, outcome: T) {
        let mut state = self.lock();
        state.finished.insert(index, outcome);
        let unblocks = state.workers_waiting > 0 && state.finished.contains_key(&state.given);
        if unblocks || state.finished.len() * 2 >= self.size {
            self.wake_reporter(&mut state);
        }
    }

    /// A worker takes no more files (also when it unwinds).
    pub fn worker_done(&self) {
        let mut state = self.lock();
        state.workers_left -= 1;
        self.wake_reporter(&mut state);
    }

    fn wake_reporter(&self, state: &mut State<T>) {
        if state.reporter_waiting {
            state.reporter_waiting = false;
            self.arrived.notify_one();
        }
    }

    /// The next outcomes in order (at least one), waiting for them; `None` when every worker
    /// is done and nothing is left in order. The window moves on only with [`Self::taken`].
    pub fn take(&self) -> Option<Vec<T>> {
        let mut state = self.lock();
        loop {
            let ready = state.next_in_order();
            if !ready.is_empty() {
                return Some(ready);
            }
            if state.workers_left == 0 {
                return None;
            }
            state.reporter_waiting = true;
            state = self.arrived.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// `count` more outcomes were handed on: their room is free.
    pub fn taken(&self, count: usize) {
        let mut state = self.lock();
        state.taken = state.taken.saturating_add(count);
        if state.workers_waiting > 0 {
            self.room.notify_all();
        }
    }
}

/// Marks a worker done when it leaves its loop, also by a panic, so that the reporting
/// thread never waits for a worker that is gone.
pub struct WorkerGuard<'a, T>(pub &'a Handoff<T>);

impl<T> Drop for WorkerGuard<'_, T> {
    fn drop(&mut self) {
        self.0.worker_done();
    }
}

/// Opens the window for good when the reporting thread unwinds, so that no worker waits
/// for room forever.
pub struct OpenOnDrop<'a, T>(pub &'a Handoff<T>);

impl<T> Drop for OpenOnDrop<'_, T> {
    fn drop(&mut self) {
        self.0.taken(usize::MAX / 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Workers finishing in any order (each sleeps a pseudo-random while), every outcome
    /// comes out once, in order, and no worker ever runs more than the window ahead.
    #[test]
    fn outcomes_come_out_in_order_within_the_window() {
        for (workers, size, count) in [(1, 1, 20), (2, 8, 100), (3, 4, 57), (4, 16, 200)] {
            let handoff = Handoff::new(size, workers);
            let next = AtomicUsize::new(0);
            let mut out = Vec::new();
            std::thread::scope(|scope| {
                for _ in 0..workers {
                    let (handoff, next) = (&handoff, &next);
                    scope.spawn(move || {
                        let _done = WorkerGuard(handoff);
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            if index >= count {
                                break;
                            }
                            handoff.wait_for_room(index);
                            let taken = handoff.lock().taken;
                            assert!(index < taken + size, "{index} ran ahead of {taken}");
                            let pause = (index * 7919) % 5;
                            std::thread::sleep(std::time::Duration::from_micros(pause as u64));
                            handoff.put(index, index);
                        }
                    });
                }
                while let Some(ready) = handoff.take() {
                    let n = ready.len();
                    out.extend(ready);
                    handoff.taken(n);
                }
            });
            assert_eq!(out, (0..count).collect::<Vec<_>>(), "{workers} workers");
        }
    }

    #[test]
    fn a_panicking_worker_does_not_leave_the_reporter_waiting() {
        let handoff = Handoff::new(4, 2);
        let result = std::thread::scope(|scope| {
            let h = &handoff;
            let failing = scope.spawn(move || {
                let _done = WorkerGuard(h);
                panic!("worker failed");
            });
            let working = scope.spawn(move || {
                let _done = WorkerGuard(h);
                h.put(0, "first");
            });
            let mut out = Vec::new();
            while let Some(ready) = handoff.take() {
                out.extend(ready);
            }
            (failing.join().is_err(), working.join().is_ok(), out)
        });
        assert_eq!(result, (true, true, vec!["first"]));
    }
}
