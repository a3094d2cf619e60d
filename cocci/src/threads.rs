//! Starting a run's helper threads on CPUs of their own.
//!
//! On the 2-core machines of the figures (a VM whose scheduler packs threads onto busy
//! vCPUs) a thread spawned by a busy thread is queued on its parent's CPU while the other
//! CPU idles, and waits there for the next periodic balance: it started 1.8–2.6 ms late
//! (median of 50 spawns), and a run that only reads and prefilters a tree takes 10 ms. A
//! woken thread goes to its waker's CPU the same way. So a helper, as soon as it runs, binds
//! itself to a CPU other than its spawner's, which moves it there at once, then takes back
//! every CPU the process may use: nothing stays pinned, so that several rcocci processes on
//! one machine do not pile onto the same CPUs. The spawner yields until its helpers have
//! moved (a helper queued on its CPU runs then); it does not sleep, since it would be woken
//! on a helper's CPU. With this the helper started in 40–70 µs and ran beside its spawner,
//! and the prefilter-only run took 9.3–10.0 ms instead of 12.8–12.9 ms
//! (`docs/design/performance.md`, eleventh round).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{Scope, ScopedJoinHandle};

/// Spawns a thread on `scope` for each of `works`, each moved to a CPU other than the
/// calling thread's while there are such CPUs, then round all of them; returns once each
/// has moved.
pub fn spawn_placed<'scope, T, F>(
    scope: &'scope Scope<'scope, '_>,
    works: impl IntoIterator<Item = F>,
) -> Vec<ScopedJoinHandle<'scope, T>>
where
    T: Send + 'scope,
    F: FnOnce() -> T + Send + 'scope,
{
    let mut cpus = placement::CpusInTurn::of_caller();
    let moved = Arc::new(AtomicUsize::new(0));
    let mut placed = 0;
    let threads = works
        .into_iter()
        .map(|work| {
            let target = cpus.as_mut().map(placement::CpusInTurn::next);
            placed += usize::from(target.is_some());
            let moved = moved.clone();
            scope.spawn(move || {
                if let Some(target) = target {
                    target.move_there();
                    moved.fetch_add(1, Ordering::Release);
                }
                work()
            })
        })
        .collect();
    while moved.load(Ordering::Acquire) < placed {
        std::thread::yield_now();
    }
    threads
}

/// Spawns one thread on `scope` for `work`, placed as [`spawn_placed`] places them.
pub fn spawn_one_placed<'scope, T, F>(
    scope: &'scope Scope<'scope, '_>,
    work: F,
) -> ScopedJoinHandle<'scope, T>
where
    T: Send + 'scope,
    F: FnOnce() -> T + Send + 'scope,
{
    match spawn_placed(scope, [work]).pop() {
        Some(thread) => thread,
        None => unreachable!("one work, one thread"),
    }
}

#[cfg(target_os = "linux")]
mod placement {
    /// Where one helper goes: its CPU, and the CPUs it takes back once there.
    pub(super) struct Target {
        pub(super) cpu: usize,
        allowed: libc::cpu_set_t,
    }

    impl Target {
        /// Moves the calling thread to its CPU (binding it there moves it at once), then
        /// lets it run on all of them again. A failure leaves it where it is, which is only
        /// slower.
        pub(super) fn move_there(&self) {
            let mut only = empty_cpu_set();
            // SAFETY: `self.cpu` is below CPU_SETSIZE (it was read from a cpu_set_t).
            unsafe { libc::CPU_SET(self.cpu, &mut only) };
            set_affinity(&only);
            set_affinity(&self.allowed);
        }
    }

    /// The CPUs the process may use, handed out in turn: the others than the caller's
    /// first, then the caller's (more helpers than CPUs are spread over all of them).
    pub(super) struct CpusInTurn {
        allowed: libc::cpu_set_t,
        /// The other CPUs, then the caller's.
        pub(super) in_turn: Vec<usize>,
        next: usize,
    }

    impl CpusInTurn {
        /// `None` when the CPUs cannot be read, or there is no other CPU.
        pub(super) fn of_caller() -> Option<CpusInTurn> {
            let mut allowed = empty_cpu_set();
            // SAFETY: `allowed` is a valid, writable set of the size given.
            let read = unsafe {
                libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut allowed)
            };
            // SAFETY: no argument; -1 on failure.
            let mine = usize::try_from(unsafe { libc::sched_getcpu() }).ok()?;
            if read != 0 {
                return None;
            }
            let mut in_turn: Vec<usize> = (0..libc::CPU_SETSIZE as usize)
                // SAFETY: `cpu` is below CPU_SETSIZE.
                .filter(|&cpu| cpu != mine && unsafe { libc::CPU_ISSET(cpu, &allowed) })
                .collect();
            if in_turn.is_empty() {
                return None;
            }
            in_turn.push(mine);
            Some(CpusInTurn {
                allowed,
                in_turn,
                next: 0,
            })
        }

        pub(super) fn next(&mut self) -> Target {
            let cpu = self.in_turn[self.next % self.in_turn.len()];
            self.next += 1;
            Target {
                cpu,
                allowed: self.allowed,
            }
        }
    }

    fn empty_cpu_set() -> libc::cpu_set_t {
        // SAFETY: cpu_set_t is a plain bit array; all zeros is the empty set.
        unsafe { std::mem::zeroed() }
    }

    /// Binds the calling thread to `cpus`; a failure changes nothing.
    pub(super) fn set_affinity(cpus: &libc::cpu_set_t) {
        // SAFETY: `cpus` is a valid set of the size given.
        unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), cpus) };
    }

    /// The CPUs the calling thread may run on.
    #[cfg(test)]
    pub(super) fn allowed_cpus() -> Vec<usize> {
        let mut set = empty_cpu_set();
        // SAFETY: `set` is a valid, writable set of the size given.
        unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
        (0..libc::CPU_SETSIZE as usize)
            // SAFETY: `cpu` is below CPU_SETSIZE.
            .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
            .collect()
    }
}

/// Elsewhere threads are spawned where the system puts them.
#[cfg(not(target_os = "linux"))]
mod placement {
    pub(super) enum Target {}

    impl Target {
        pub(super) fn move_there(&self) {
            match *self {}
        }
    }

    pub(super) enum CpusInTurn {}

    impl CpusInTurn {
        pub(super) fn of_caller() -> Option<CpusInTurn> {
            None
        }

        pub(super) fn next(&mut self) -> Target {
            match *self {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Each work runs once on its own thread, the spawner gets the results back through
    /// the handles, and it does not wait for the work itself.
    #[test]
    fn every_work_runs_once() {
        for count in [0, 1, 3, 8] {
            let ran = AtomicUsize::new(0);
            let gate = Mutex::new(());
            let indexes = std::thread::scope(|scope| {
                let held = gate.lock().unwrap();
                let (gate, ran) = (&gate, &ran);
                let threads = spawn_placed(
                    scope,
                    (0..count).map(|i| {
                        move || {
                            drop(gate.lock());
                            ran.fetch_add(1, Ordering::SeqCst);
                            i
                        }
                    }),
                );
                drop(held);
                let mut indexes: Vec<usize> =
                    threads.into_iter().map(|t| t.join().unwrap()).collect();
                indexes.sort_unstable();
                indexes
            });
            assert_eq!(indexes, (0..count).collect::<Vec<_>>());
            assert_eq!(ran.into_inner(), count);
        }
    }

    /// A placed thread ends up allowed on every CPU its spawner may use: the binding that
    /// moved it does not stay.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_placed_thread_takes_back_every_cpu() {
        let spawner = placement::allowed_cpus();
        let seen = std::thread::scope(|scope| {
            spawn_one_placed(scope, placement::allowed_cpus)
                .join()
                .unwrap()
        });
        assert_eq!(seen, spawner);
    }

    /// Helpers go to the CPUs other than the spawner's first, then round all of them.
    #[cfg(target_os = "linux")]
    #[test]
    fn helpers_go_round_the_other_cpus_first() {
        let Some(mut cpus) = placement::CpusInTurn::of_caller() else {
            return; // one CPU: nothing to spread over
        };
        let allowed = placement::allowed_cpus();
        let in_turn = cpus.in_turn.clone();
        let mut sorted = in_turn.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, allowed, "every allowed CPU, once");
        let picked: Vec<usize> = (0..2 * in_turn.len()).map(|_| cpus.next().cpu).collect();
        assert_eq!(picked[..in_turn.len()], in_turn[..]);
        assert_eq!(picked[in_turn.len()..], in_turn[..]);
    }
}
