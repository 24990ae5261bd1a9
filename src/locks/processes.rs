//! The counter in processes: each process starts from a copy of the parent's memory and
//! increments its own copy, so the parent's counter is still 0 when they end; the total is
//! right only once each process sends its count back as a message and the parent adds them up.
//!
//! Here each "process" is a thread given its own copy of the counter (moved in, shared with
//! no one) and a mailbox back to the parent, which is what `multiprocessing` gives a child: a
//! copy of the state and a pipe.

use super::Spawn;
use crate::engine::Platform;
use serde::{Deserialize, Serialize};
use std::sync::{Mutex, PoisonError};

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
    /// From the start until the last message arrived, ms.
    pub wall_ms: f64,
}

impl ProcessesRun {
    /// The total from the messages.
    pub fn total_from_messages(&self) -> u64 {
        self.returned.iter().sum()
    }
}

/// What one process does: increments its copy `increments` times and returns it.
pub fn count_in_copy(mut copy: Counter, increments: u64) -> Counter {
    for _ in 0..increments {
        copy.value = std::hint::black_box(copy.value) + 1;
    }
    copy
}

/// Starts `processes` processes, each with a copy of the parent's counter, and collects the
/// counts they send back (a mailbox of (process, count) messages).
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
    ProcessesRun {
        expected: processes as u64 * increments,
        parent_value: parent.value,
        returned,
        wall_ms: clock.now_ms() - start,
    }
}
