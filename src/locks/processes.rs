//! The counter in processes: each process has its own copy of the module's global counter and
//! increments that copy, so the parent's counter is still 0 when they end; the total is right
//! only once each process sends its count back as a message and the parent adds them up.
//!
//! On the page each process is a unit worker with its own wasm instance and memory (as the
//! main lab's Processes mode runs), so [`GLOBAL_COUNTER`] really is a separate variable in
//! each, as a module's global is in each Python process: `web::locks` sends each worker its
//! [`ProcessJob`], the worker runs [`count_in_global`] and sends its count back as bytes, and
//! [`ProcessesRun::from_messages`] adds them up beside the parent's own, untouched, global.
//! Natively (the tests), where there are no processes, [`run_processes`] gives each thread a
//! copy of the counter moved into it instead.

use super::Spawn;
use crate::engine::Platform;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// The module's global counter. Every wasm instance has its own memory, so each process (a
/// worker with its own instance) and the page each have their own copy of it.
pub static GLOBAL_COUNTER: AtomicU64 = AtomicU64::new(0);

/// What the parent sends a process: how many times to increment its counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessJob {
    /// Increments to do.
    pub increments: u64,
}

/// What a process does with its global: increments it `increments` times (a load, then a
/// separate store, as `counter += 1` on a Python global; a process has one thread, so none is
/// lost) and returns its value, which it sends back to the parent.
pub fn count_in_global(job: ProcessJob) -> u64 {
    for _ in 0..job.increments {
        let value = GLOBAL_COUNTER.load(Ordering::Relaxed);
        GLOBAL_COUNTER.store(std::hint::black_box(value) + 1, Ordering::Relaxed);
    }
    GLOBAL_COUNTER.load(Ordering::Relaxed)
}

/// The state a process starts from: a copy of the parent's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    /// The counter.
    pub value: u64,
}

/// What the processes variant shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessesRun {
    /// Processes × increments per process.
    pub expected: u64,
    /// The parent's own counter after every process ended (each changed only its copy).
    pub parent_value: u64,
    /// Each process's count, as it sent it back.
    pub returned: Vec<u64>,
    /// From sending the first job until the last message arrived, ms.
    pub wall_ms: f64,
}

impl ProcessesRun {
    /// The run from each process's message (`returned`, in process order), with `increments`
    /// asked of each and the parent's own counter read after the last message.
    pub fn from_messages(
        increments: u64,
        parent_value: u64,
        returned: Vec<u64>,
        wall_ms: f64,
    ) -> Self {
        ProcessesRun {
            expected: returned.len() as u64 * increments,
            parent_value,
            returned,
            wall_ms,
        }
    }

    /// The total from the messages.
    pub fn total_from_messages(&self) -> u64 {
        self.returned.iter().sum()
    }
}

/// What one process does natively: increments its copy `increments` times and returns it.
pub fn count_in_copy(mut copy: Counter, increments: u64) -> Counter {
    for _ in 0..increments {
        copy.value = std::hint::black_box(copy.value) + 1;
    }
    copy
}

/// Natively: starts `processes` threads, each with a copy of the parent's counter, and
/// collects the counts they send back (a mailbox of (process, count) messages).
pub fn run_processes(
    processes: usize,
    increments: u64,
    spawn: &dyn Spawn,
    clock: &dyn Platform,
) -> ProcessesRun {
    let parent = Counter::default();
    let start = clock.now_ms();
    let mailbox: Mutex<Vec<(usize, u64)>> = Mutex::default();
    spawn.run(processes, &|i| {
        let copy = parent; // a copy, as a fork or a pickle makes one
        let done = count_in_copy(copy, increments);
        let message = (i, done.value);
        mailbox
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(message);
    });
    let mut returned = vec![0; processes];
    for (i, count) in mailbox.into_inner().unwrap_or_else(PoisonError::into_inner) {
        returned[i] = count;
    }
    ProcessesRun::from_messages(increments, parent.value, returned, clock.now_ms() - start)
}
