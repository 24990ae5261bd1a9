//! Collatz stopping times: how many steps of n → n/2 (even) or 3n+1 (odd) bring n to 1. Each
//! number costs about the same, so how the numbers are divided decides how even the tasks are:
//! with `split=uneven`, task k gets k times the numbers of task 1 and the last task becomes a
//! straggler that the other units wait for (load imbalance).

use super::{Step, TaskOutput};
use crate::settings::Split;
use serde::{Deserialize, Serialize};

/// Collatz steps per compute step: about 20–50 µs of work.
const STEPS_PER_STEP: u64 = 16_000;

/// Sum the stopping times of `from..to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollatzTask {
    /// First number.
    pub from: u32,
    /// One past the last number.
    pub to: u32,
}

/// A range in progress.
#[derive(Clone, Debug)]
pub struct CollatzJob {
    next: u32,
    to: u32,
    out: TaskOutput,
}

impl CollatzTask {
    /// Splits `1..=numbers` into `tasks` ranges, evenly or with task k (1-based) getting a share
    /// proportional to k.
    pub fn split(numbers: u32, tasks: u32, split: Split) -> Vec<CollatzTask> {
        let n = u128::from(numbers);
        let t = u128::from(tasks);
        let boundary = |i: u128| -> u32 {
            let share = match split {
                Split::Even => n * i / t,
                Split::Uneven => n * (i * (i + 1) / 2) / (t * (t + 1) / 2),
            };
            1 + share as u32
        };
        (0..t)
            .map(|i| CollatzTask {
                from: boundary(i),
                to: boundary(i + 1),
            })
            .collect()
    }

    /// Starts the range.
    pub fn start(&self) -> CollatzJob {
        CollatzJob {
            next: self.from,
            to: self.to,
            out: TaskOutput::default(),
        }
    }
}

/// Steps from `n` to 1 (0 for 0 and 1). Each run of halvings is taken at once (as many as the
/// trailing zero bits), and 3n + 1, always even, is halved at once: the same steps are counted
/// with far fewer unpredictable branches (Firefox ran the plainer loop 1.5 times slower than
/// native code; this one as fast).
#[inline(never)]
#[optimize(speed)]
pub fn stopping_time(n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let halvings = n.trailing_zeros();
    let mut n = n >> halvings;
    let mut steps = u64::from(halvings);
    while n > 1 {
        n = (3 * n + 1) >> 1;
        let halvings = n.trailing_zeros();
        n >>= halvings;
        steps += 2 + u64::from(halvings);
    }
    steps
}

impl CollatzJob {
    /// Handles numbers until a step's worth of Collatz steps is spent.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        let mut spent = 0;
        while self.next < self.to {
            let n = self.next;
            self.next += 1;
            let steps = stopping_time(u64::from(n));
            spent += steps + 1;
            self.out.items += 1;
            self.out.total += steps;
            self.out.checksum.add_item((u64::from(n) << 24) ^ steps);
            if spent >= STEPS_PER_STEP {
                return Step::Computed;
            }
        }
        Step::Done(std::mem::take(&mut self.out))
    }
}
