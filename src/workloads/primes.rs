//! Prime counting by trial division, the lecture's CPU-bound example, written as the Python
//! reference writes it (divide by 2, 3, 4, ... while d*d <= n), so the work is the same shape.
//! Equal ranges are unequal tasks: testing a larger number costs more divisions.

use super::checksum::Checksum;
use super::{Step, TaskOutput};
use serde::{Deserialize, Serialize};

/// Count the primes in `from..to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimesTask {
    /// First number tested.
    pub from: u32,
    /// One past the last number tested.
    pub to: u32,
}

/// Divisions per step: about 20–60 µs of work.
const DIVISIONS_PER_STEP: u64 = 8_000;

/// A prime count in progress.
#[derive(Clone, Debug)]
pub struct PrimesJob {
    next: u32,
    to: u32,
    out: TaskOutput,
}

impl PrimesTask {
    /// The tasks that split `2..limit` into `tasks` equal ranges, as the Python reference does.
    pub fn split(limit: u32, tasks: u32) -> Vec<PrimesTask> {
        let (limit, tasks) = (u64::from(limit), u64::from(tasks));
        (0..tasks)
            .map(|i| PrimesTask {
                from: (i * limit / tasks) as u32,
                to: ((i + 1) * limit / tasks) as u32,
            })
            .collect()
    }

    /// Starts the count.
    pub fn start(&self) -> PrimesJob {
        PrimesJob {
            next: self.from.max(2),
            to: self.to,
            out: TaskOutput::default(),
        }
    }
}

impl PrimesJob {
    /// Tests numbers until a step's worth of divisions is spent.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        let mut spent = 0u64;
        while self.next < self.to {
            let n = self.next;
            self.next += 1;
            let (prime, divisions) = trial_division(n);
            spent += divisions;
            if prime {
                self.out.items += 1;
                self.out.total += u64::from(n);
                self.out.checksum.add_item(u64::from(n));
            }
            if spent >= DIVISIONS_PER_STEP {
                return Step::Computed;
            }
        }
        Step::Done(std::mem::take(&mut self.out))
    }
}

/// Whether `n` is prime, and how many divisions it took to find out.
#[inline]
fn trial_division(n: u32) -> (bool, u64) {
    let mut d: u32 = 2;
    let mut divisions = 0;
    while u64::from(d) * u64::from(d) <= u64::from(n) {
        divisions += 1;
        if n.is_multiple_of(d) {
            return (false, divisions);
        }
        d += 1;
    }
    (true, divisions + 1)
}

/// The result's checksum if computed in one piece (for tests and benchmarks).
pub fn count(limit: u32) -> (u64, Checksum) {
    let out = super::run_to_end(&mut super::TaskJob::Primes(
        PrimesTask { from: 0, to: limit }.start(),
    ));
    (out.items, out.checksum)
}
