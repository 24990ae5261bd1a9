//! A task of the plan as GPU work, and the dispatches it is cut into: a range of numbers or
//! pixels is cut into sub-ranges (one invocation per item); hash chains are all started at once (one
//! invocation per chain) and their rounds cut into dispatches, their digests staying on the
//! GPU in between.

use super::kernel::{Kernel, MAX_INVOCATIONS};
use crate::settings::Precision;
use crate::workloads::TaskSpec;

/// One task as GPU work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GpuTask {
    /// The items `first..end`, one invocation each: numbers (primes, Collatz) or pixels
    /// numbered row by row (Mandelbrot).
    Items {
        /// First item.
        first: u32,
        /// One past the last.
        end: u32,
        /// The kernel's further parameters: Mandelbrot's width, height and iteration cap (zero
        /// for numbers).
        more: [u32; 3],
    },
    /// `count` chains from chain `first`, each `rounds` SHA-256 applications long.
    Chains {
        /// First chain's number.
        first: u32,
        /// How many chains.
        count: u32,
        /// Rounds per chain.
        rounds: u32,
        /// The workload's seed.
        seed: u32,
    },
}

impl GpuTask {
    /// The GPU work of a task, if `kernel` computes it.
    pub fn from_spec(kernel: Kernel, spec: &TaskSpec) -> Option<GpuTask> {
        match (kernel, spec) {
            (Kernel::Primes, TaskSpec::Primes(t)) => Some(GpuTask::Items {
                first: t.from,
                end: t.to,
                more: [0; 3],
            }),
            (Kernel::Collatz, TaskSpec::Collatz(t)) => Some(GpuTask::Items {
                first: t.from,
                end: t.to,
                more: [0; 3],
            }),
            (Kernel::Mandelbrot, TaskSpec::Mandelbrot(b)) if b.precision == Precision::F32 => {
                Some(GpuTask::Items {
                    first: b.rows_from * b.width,
                    end: b.rows_to * b.width,
                    more: [b.width, b.height, b.iterations],
                })
            }
            (Kernel::Hashes, TaskSpec::Hashes(t)) => Some(GpuTask::Chains {
                first: t.first,
                count: t.count,
                rounds: t.rounds,
                seed: t.seed,
            }),
            _ => None,
        }
    }

    /// The items it covers: numbers, or chains' numbers.
    pub fn items(self) -> (u32, u32) {
        match self {
            GpuTask::Items { first, end, .. } => (first, end),
            GpuTask::Chains { first, count, .. } => (first, first + count),
        }
    }

    /// One piece of GPU work covering every task's items (the plan's tasks are consecutive
    /// ranges of one workload), so that a dispatch starts as many invocations as it can.
    pub fn whole(tasks: &[GpuTask]) -> Option<GpuTask> {
        let first = tasks.iter().map(|t| t.items().0).min()?;
        let end = tasks.iter().map(|t| t.items().1).max()?;
        Some(match tasks[0] {
            GpuTask::Items { more, .. } => GpuTask::Items { first, end, more },
            GpuTask::Chains { rounds, seed, .. } => GpuTask::Chains {
                first,
                count: end - first,
                rounds,
                seed,
            },
        })
    }

    /// The output words the task needs on the GPU at once (its largest dispatch's).
    pub fn output_words(self, kernel: Kernel) -> u32 {
        match self {
            GpuTask::Items { .. } => match kernel {
                Kernel::Primes => MAX_INVOCATIONS.div_ceil(32),
                _ => MAX_INVOCATIONS,
            },
            GpuTask::Chains { count, .. } => count * 8,
        }
    }
}

/// One dispatch: the parameters the kernel reads, how many invocations it starts, and what the
/// page reads back after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dispatch {
    /// The task it belongs to.
    pub task: u32,
    /// The kernel's uniform parameters: first, count, rounds, start, seed, then padding.
    pub params: [u32; 8],
    /// Invocations started (numbers, or chains).
    pub invocations: u32,
    /// Output words read back after it (0: nothing yet, the chains go on).
    pub read_words: u32,
    /// Work units it does (numbers, or chain-rounds), for the sizer.
    pub units: u64,
    /// Whether it ends its task.
    pub ends_task: bool,
}

/// Where a task is: the next number, or the rounds done so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    task: u32,
    work: GpuTask,
    done: u32,
}

impl Cursor {
    /// At the start of task `task`.
    pub fn new(task: u32, work: GpuTask) -> Cursor {
        Cursor {
            task,
            work,
            done: 0,
        }
    }

    /// The next dispatch, of about `units` work units (at least one number or round), or
    /// `None` when the task is done.
    pub fn next(&mut self, kernel: Kernel, units: u64) -> Option<Dispatch> {
        match self.work {
            GpuTask::Items { first, end, more } => {
                let from = first + self.done;
                if from >= end {
                    return None;
                }
                let count = (end - from)
                    .min(MAX_INVOCATIONS)
                    .min(units.clamp(1, u64::from(u32::MAX)) as u32);
                self.done += count;
                let read_words = match kernel {
                    Kernel::Primes => count.div_ceil(32),
                    _ => count,
                };
                Some(Dispatch {
                    task: self.task,
                    params: [from, count, more[0], more[1], more[2], 0, 0, 0],
                    invocations: count,
                    read_words,
                    units: u64::from(count),
                    ends_task: from + count >= end,
                })
            }
            GpuTask::Chains {
                first,
                count,
                rounds,
                seed,
            } => {
                if self.done >= rounds || count == 0 {
                    return None;
                }
                let per_chain = (units / u64::from(count)).clamp(1, u64::from(u32::MAX)) as u32;
                let now = per_chain.min(rounds - self.done);
                let start = u32::from(self.done == 0);
                self.done += now;
                let ends_task = self.done >= rounds;
                Some(Dispatch {
                    task: self.task,
                    params: [first, count, now, start, seed, 0, 0, 0],
                    invocations: count,
                    read_words: if ends_task { count * 8 } else { 0 },
                    units: u64::from(now) * u64::from(count),
                    ends_task,
                })
            }
        }
    }
}
