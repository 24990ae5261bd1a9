//! Three counters that several threads increment at once. The unsynchronized one reads the
//! counter and then writes it back plus one as two separate atomic operations (a load, then a
//! store), so another thread's increment between the two is overwritten: the race is real and
//! the Rust stays well defined. The mutex one holds a lock around the same read and write; the
//! atomic one makes the read-modify-write a single `fetch_add`.

use super::{LaneLog, Spawn, run_together};
use crate::engine::Platform;
use crate::model::record::IntervalKind;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError, TryLockError};

/// How the counter is updated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CounterKind {
    /// A load, then a store of the value plus one: updates can be lost.
    Unsynchronized,
    /// The load and store inside a mutex: exact, and threads wait for the lock.
    Mutex,
    /// One atomic `fetch_add`: exact, without a lock.
    Atomic,
}

impl CounterKind {
    /// Every kind, in the order the page shows them.
    pub const ALL: [CounterKind; 3] = [
        CounterKind::Unsynchronized,
        CounterKind::Mutex,
        CounterKind::Atomic,
    ];

    /// The words on the page.
    pub fn title(self) -> &'static str {
        match self {
            CounterKind::Unsynchronized => "Unsynchronized (load, then store)",
            CounterKind::Mutex => "Mutex (lock around load and store)",
            CounterKind::Atomic => "Atomic add (fetch_add)",
        }
    }
}

/// One counter's run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterRun {
    /// How it was updated.
    pub kind: CounterKind,
    /// Threads × increments per thread.
    pub expected: u64,
    /// The counter's value at the end.
    pub actual: u64,
    /// From the first thread's start to the last one's end, ms.
    pub wall_ms: f64,
    /// One log per thread (lock waits for the mutex).
    pub threads: Vec<LaneLog>,
    /// The mutex counter's value, (ms, value), each time a thread took the lock after waiting
    /// for it (the clock is read then anyway), in time order; none for the other kinds. (Every
    /// field is always written: the report crosses from the unit worker in postcard, which
    /// has no field names to skip by.)
    pub samples: Vec<(f64, u64)>,
}

impl CounterRun {
    /// How many increments were lost.
    pub fn lost(&self) -> u64 {
        self.expected.saturating_sub(self.actual)
    }

    /// Wall time per increment, ns.
    pub fn ns_per_increment(&self) -> f64 {
        self.wall_ms * 1e6 / self.expected.max(1) as f64
    }

    /// Every thread's time waiting for the lock, summed, ms.
    pub fn lock_wait_ms(&self) -> f64 {
        self.threads.iter().map(|t| t.wait_ms).sum()
    }
}

/// `threads` threads each add 1 to one counter `increments` times, the way `kind` says.
pub fn run_counter(
    kind: CounterKind,
    threads: usize,
    increments: u64,
    spawn: &dyn Spawn,
    clock: &dyn Platform,
) -> CounterRun {
    let atomic = AtomicU64::new(0);
    let locked = Mutex::new(0u64);
    let logs: Vec<Mutex<LaneLog>> = (1..=threads)
        .map(|i| Mutex::new(LaneLog::new(format!("thread {i}"))))
        .collect();
    let samples: Mutex<Vec<(f64, u64)>> = Mutex::new(Vec::new());
    let origin = clock.now_ms();
    run_together(spawn, threads, &|i| {
        let mut log = LaneLog::new(format!("thread {}", i + 1));
        let mut sampled = Vec::new();
        let start = clock.now_ms() - origin;
        match kind {
            CounterKind::Unsynchronized => {
                for _ in 0..increments {
                    let value = atomic.load(Ordering::Relaxed);
                    atomic.store(value + 1, Ordering::Relaxed);
                }
            }
            CounterKind::Atomic => {
                for _ in 0..increments {
                    atomic.fetch_add(1, Ordering::Relaxed);
                }
            }
            CounterKind::Mutex => {
                for _ in 0..increments {
                    let waits = log.wait_count;
                    let mut guard = lock_timed(&locked, &mut log, clock, origin);
                    if log.wait_count > waits && log.waits.len() > sampled.len() {
                        sampled.push((log.waits[log.waits.len() - 1].end, *guard));
                    }
                    *guard += 1;
                }
            }
        }
        log.span = (start, clock.now_ms() - origin);
        *logs[i].lock().unwrap_or_else(PoisonError::into_inner) = log;
        samples
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .append(&mut sampled);
    });
    let mut samples = samples.into_inner().unwrap_or_else(PoisonError::into_inner);
    samples.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let threads: Vec<LaneLog> = logs
        .into_iter()
        .map(|l| l.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect();
    let actual = match kind {
        CounterKind::Mutex => *locked.lock().unwrap_or_else(PoisonError::into_inner),
        _ => atomic.load(Ordering::Acquire),
    };
    CounterRun {
        kind,
        expected: threads.len() as u64 * increments,
        actual,
        wall_ms: wall(&threads),
        threads,
        samples,
    }
}

/// Takes `lock`; if another thread holds it, notes the wait in `log` (the clock is read only
/// when the lock is taken, so an uncontended lock costs no clock reads).
pub fn lock_timed<'a, T>(
    lock: &'a Mutex<T>,
    log: &mut LaneLog,
    clock: &dyn Platform,
    origin: f64,
) -> std::sync::MutexGuard<'a, T> {
    match lock.try_lock() {
        Ok(guard) => guard,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) => {
            let from = clock.now_ms() - origin;
            let guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
            log.wait(IntervalKind::LockWait, from, clock.now_ms() - origin);
            guard
        }
    }
}

/// From the earliest start to the latest end among the logs, ms.
pub fn wall(logs: &[LaneLog]) -> f64 {
    let first = logs.iter().map(|l| l.span.0).fold(f64::INFINITY, f64::min);
    let last = logs.iter().map(|l| l.span.1).fold(0.0, f64::max);
    if first.is_finite() {
        (last - first).max(0.0)
    } else {
        0.0
    }
}
