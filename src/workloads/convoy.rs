//! The convoy effect's IO task: it waits `waits` times for `wait_ms` (a short network or disk
//! wait) and after each wait does a little work (one SHA-256 round over what it read). The
//! other tasks of a convoy plan compute, as [`MixedTask`](super::mixed::MixedTask)s without a
//! wait. Under a GIL, the IO task must get the lock back after every wait from a thread that
//! computes and keeps it until the switch interval has passed: it is served late, every time.
//! (CPython 3.11 on a 2-core machine: 100 waits of 1 ms take 107 ms alone, 618 ms beside one
//! computing thread.)

use super::hashes::{chain_input, rehash, sha256};
use super::mixed::{Calibration, MixedTask};
use super::{Step, TaskOutput};
use serde::{Deserialize, Serialize};

/// Wait `wait_ms`, `waits` times, with a little work after each wait.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IoTask {
    /// How many waits.
    pub waits: u32,
    /// Each wait, ms.
    pub wait_ms: f64,
    /// Seeds what it reads.
    pub seed: u32,
}

/// The IO task in progress.
#[derive(Clone, Debug)]
pub struct IoJob {
    task: IoTask,
    done: u32,
    waiting: bool,
    digest: [u8; 32],
}

impl IoTask {
    /// Task 0 waits; tasks 1.. each compute `cpu_ms` calibrated milliseconds.
    pub fn split(
        tasks: u32,
        waits: u32,
        wait_ms: u32,
        cpu_ms: u32,
        seed: u32,
        calibration: &Calibration,
    ) -> (IoTask, Vec<MixedTask>) {
        let io = IoTask {
            waits,
            wait_ms: f64::from(wait_ms),
            seed,
        };
        let mut computing = MixedTask::split(tasks, 0, cpu_ms, seed, calibration);
        computing.remove(0);
        (io, computing)
    }

    /// Starts the task.
    pub fn start(&self) -> IoJob {
        IoJob {
            task: self.clone(),
            done: 0,
            waiting: false,
            digest: sha256(&chain_input(self.seed, u32::MAX)),
        }
    }
}

impl IoJob {
    /// Alternates: wait, then one round of work, until every wait is done.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        if self.done < self.task.waits {
            if !self.waiting {
                self.waiting = true;
                return Step::Wait {
                    ms: self.task.wait_ms,
                };
            }
            self.waiting = false;
            rehash(&mut self.digest, 1);
            self.done += 1;
            return Step::Computed;
        }
        let head = u64::from_le_bytes(self.digest[..8].try_into().expect("8 bytes"));
        let mut out = TaskOutput {
            items: 1,
            total: u64::from(self.task.waits),
            ..TaskOutput::default()
        };
        out.checksum.add_item(head);
        Step::Done(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workloads::{TaskSpec, run_to_end};

    #[test]
    fn the_io_task_waits_each_time_then_works() {
        let (io, computing) = IoTask::split(3, 4, 1, 2, 9, &Calibration::default());
        assert_eq!(computing.len(), 2, "task 0 is the IO task");
        assert!(computing.iter().all(|t| t.io_ms == 0.0 && t.rounds > 0));
        assert_eq!(computing[0].index, 1);
        let mut job = io.start();
        let mut waits = 0;
        loop {
            match job.step() {
                Step::Wait { ms } => {
                    assert_eq!(ms, 1.0);
                    waits += 1;
                    assert!(
                        matches!(job.step(), Step::Computed),
                        "work follows each wait"
                    );
                }
                Step::Computed => panic!("no work without a wait first"),
                Step::Done(out) => {
                    assert_eq!(out.total, 4);
                    break;
                }
            }
        }
        assert_eq!(waits, 4);
        let again = run_to_end(&mut TaskSpec::Convoy(io.clone()).start());
        assert_eq!(
            again.checksum,
            run_to_end(&mut TaskSpec::Convoy(io).start()).checksum
        );
    }
}
