//! Workloads: pure computation split into tasks. A task is a [`TaskSpec`] (plain data that can
//! cross to a process as bytes); started, it becomes a [`TaskJob`] that advances in small steps
//! of tens of microseconds, so that the engine can act between steps (check the GIL, yield to
//! an event loop). A step either computes, asks to wait (how is the mode's business), or ends
//! with the task's [`TaskOutput`]. Each workload's `step` is a real call, never inlined into the
//! loop that calls it: wasm engines swap in optimized code only at a call, so steps are also how
//! a long task leaves the browser's baseline compiler behind. Outputs fold into a checksum that is the same however the
//! work is split and whichever mode ran it.

pub mod checksum;
pub mod collatz;
pub mod convoy;
pub mod downloads;
pub mod estimate;
pub mod hashes;
pub mod mandelbrot;
pub mod mixed;
pub mod primes;

use crate::format::group_thousands;
use crate::settings::{Settings, WorkloadKind};
pub use checksum::Checksum;
pub use mixed::Calibration;
use serde::{Deserialize, Serialize};

/// What a task did in one call of [`TaskJob::step`].
#[derive(Debug)]
pub enum Step {
    /// Computed one step; more remain.
    Computed,
    /// Wants to wait this long (for the network, say) before the next step.
    Wait {
        /// The wait in milliseconds.
        ms: f64,
    },
    /// Finished with this output.
    Done(TaskOutput),
}

/// What a task produced: the part of the result it contributes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskOutput {
    /// Its part of the checksum.
    pub checksum: Checksum,
    /// How many items it produced (primes found, pixels, chains, records).
    pub items: u64,
    /// A sum over its items (sum of primes, iterations, Collatz steps...).
    pub total: u64,
    /// Mandelbrot only: the band's iteration counts, row by row.
    pub pixels: Option<Vec<u32>>,
}

/// One task, as plain data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TaskSpec {
    /// Count primes in a range.
    Primes(primes::PrimesTask),
    /// Compute a band of the Mandelbrot image.
    Mandelbrot(mandelbrot::BandTask),
    /// Compute some hash chains.
    Hashes(hashes::ChainsTask),
    /// Sum Collatz stopping times over a range.
    Collatz(collatz::CollatzTask),
    /// Wait for the network, then parse.
    Download(downloads::DownloadTask),
    /// Wait, then compute.
    Mixed(mixed::MixedTask),
    /// Wait many times, a little work after each wait.
    Convoy(convoy::IoTask),
}

/// A task in progress.
#[derive(Clone, Debug)]
pub enum TaskJob {
    /// See [`primes`].
    Primes(primes::PrimesJob),
    /// See [`mandelbrot`].
    Mandelbrot(mandelbrot::BandJob),
    /// See [`hashes`].
    Hashes(hashes::ChainsJob),
    /// See [`collatz`].
    Collatz(collatz::CollatzJob),
    /// See [`downloads`].
    Download(downloads::DownloadJob),
    /// See [`mixed`].
    Mixed(mixed::MixedJob),
    /// See [`convoy`].
    Convoy(convoy::IoJob),
}

impl TaskSpec {
    /// Starts the task.
    pub fn start(&self) -> TaskJob {
        match self {
            TaskSpec::Primes(t) => TaskJob::Primes(t.start()),
            TaskSpec::Mandelbrot(t) => TaskJob::Mandelbrot(t.start()),
            TaskSpec::Hashes(t) => TaskJob::Hashes(t.start()),
            TaskSpec::Collatz(t) => TaskJob::Collatz(t.start()),
            TaskSpec::Download(t) => TaskJob::Download(t.start()),
            TaskSpec::Mixed(t) => TaskJob::Mixed(t.start()),
            TaskSpec::Convoy(t) => TaskJob::Convoy(t.start()),
        }
    }
}

impl TaskJob {
    /// Advances the task by one step.
    #[inline]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        match self {
            TaskJob::Primes(j) => j.step(),
            TaskJob::Mandelbrot(j) => j.step(),
            TaskJob::Hashes(j) => j.step(),
            TaskJob::Collatz(j) => j.step(),
            TaskJob::Download(j) => j.step(),
            TaskJob::Mixed(j) => j.step(),
            TaskJob::Convoy(j) => j.step(),
        }
    }
}

/// Runs a job to its end, waiting for nothing (waits are skipped): for tests and benchmarks.
pub fn run_to_end(job: &mut TaskJob) -> TaskOutput {
    loop {
        if let Step::Done(out) = job.step() {
            return out;
        }
    }
}

/// The work of a run: its tasks, fixed before any mode runs them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The workload the tasks belong to (each task's spec says it too).
    pub workload: WorkloadKind,
    /// The tasks, in order.
    pub tasks: Vec<TaskSpec>,
    /// The calibration the plan was made with.
    pub calibration: Calibration,
}

impl Plan {
    /// The tasks for these settings. The settings must be valid (`Settings::check` empty).
    pub fn new(settings: &Settings, calibration: Calibration) -> Plan {
        let s = settings;
        let tasks = match s.workload {
            WorkloadKind::Primes => primes::PrimesTask::split(s.limit, s.tasks)
                .into_iter()
                .map(TaskSpec::Primes)
                .collect(),
            WorkloadKind::Mandelbrot => {
                mandelbrot::BandTask::split(s.width, s.height, s.iterations, s.precision, s.tasks)
                    .into_iter()
                    .map(TaskSpec::Mandelbrot)
                    .collect()
            }
            WorkloadKind::Hashes => hashes::ChainsTask::split(s.chains, s.rounds, s.seed, s.tasks)
                .into_iter()
                .map(TaskSpec::Hashes)
                .collect(),
            WorkloadKind::Collatz => collatz::CollatzTask::split(s.numbers, s.tasks, s.split)
                .into_iter()
                .map(TaskSpec::Collatz)
                .collect(),
            WorkloadKind::Downloads => {
                downloads::DownloadTask::split(s.tasks, s.latency_ms, s.jitter_ms, s.seed)
                    .into_iter()
                    .map(TaskSpec::Download)
                    .collect()
            }
            WorkloadKind::Mixed => {
                mixed::MixedTask::split(s.tasks, s.io_ms, s.cpu_ms, s.seed, &calibration)
                    .into_iter()
                    .map(TaskSpec::Mixed)
                    .collect()
            }
            WorkloadKind::Convoy => {
                let (io, computing) = convoy::IoTask::split(
                    s.tasks,
                    s.waits,
                    s.wait_ms,
                    s.cpu_ms,
                    s.seed,
                    &calibration,
                );
                std::iter::once(TaskSpec::Convoy(io))
                    .chain(computing.into_iter().map(TaskSpec::Mixed))
                    .collect()
            }
        };
        Plan {
            workload: s.workload,
            tasks,
            calibration,
        }
    }
}

/// The result of a whole run, folded from its tasks' outputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkloadResult {
    /// The checksum, equal across modes for the same plan.
    pub checksum: Checksum,
    /// Items over all tasks.
    pub items: u64,
    /// The sum over all tasks.
    pub total: u64,
}

impl WorkloadResult {
    /// Folds task outputs, in any order.
    pub fn fold<'a>(outputs: impl IntoIterator<Item = &'a TaskOutput>) -> Self {
        let mut result = WorkloadResult {
            checksum: Checksum::default(),
            items: 0,
            total: 0,
        };
        for out in outputs {
            result.checksum = result.checksum.combine(out.checksum);
            result.items += out.items;
            result.total = result.total.wrapping_add(out.total);
        }
        result
    }

    /// A sentence for the page: "148,933 primes below 2,000,000".
    pub fn describe(&self, settings: &Settings) -> String {
        let items = group_thousands(self.items);
        match settings.workload {
            WorkloadKind::Primes => format!(
                "{items} primes below {}",
                group_thousands(settings.limit.into())
            ),
            WorkloadKind::Mandelbrot => {
                format!("{items} pixels, {} iterations", group_thousands(self.total))
            }
            WorkloadKind::Hashes => format!(
                "{items} chains of {} rounds",
                group_thousands(settings.rounds.into())
            ),
            WorkloadKind::Collatz => format!(
                "{} Collatz steps for 1 to {items}",
                group_thousands(self.total)
            ),
            WorkloadKind::Downloads => format!("{items} records parsed"),
            WorkloadKind::Mixed => {
                format!("{items} tasks, {} hash rounds", group_thousands(self.total))
            }
            WorkloadKind::Convoy => format!(
                "{} waits beside {} computing tasks",
                group_thousands(settings.waits.into()),
                settings.tasks.saturating_sub(1)
            ),
        }
    }
}

/// A plain-language description of the workload for the page.
pub fn describe(kind: WorkloadKind) -> &'static str {
    match kind {
        WorkloadKind::Primes => {
            "Counts primes by trial division, as the lecture's Python does. The range is split into equal parts, \
             but larger numbers take more divisions, so later tasks take longer."
        }
        WorkloadKind::Mandelbrot => {
            "Computes a Mandelbrot image in bands of rows. Bands through the set's middle take far more \
             iterations than bands at the edges; the image shows which unit computed each band."
        }
        WorkloadKind::Hashes => {
            "Applies SHA-256 over and over to independent chains (as in proof-of-work). Every chain costs the \
             same, so the tasks are even."
        }
        WorkloadKind::Collatz => {
            "Counts Collatz steps (halve if even, 3n+1 if odd) for every number up to a limit. With an uneven \
             split the last task is much longer than the others: everyone waits for the straggler."
        }
        WorkloadKind::Downloads => {
            "Simulates downloads: each task waits for the network, then parses a small JSON payload. \
             Almost all the time is waiting, so it is IO-bound."
        }
        WorkloadKind::Mixed => {
            "Each task waits, then computes. Move the two sliders to go from IO-bound to CPU-bound. The \
             computing is a fixed amount of hashing calibrated on this machine."
        }
        WorkloadKind::Convoy => {
            "The first task waits for IO many times, with a little work after each wait; the other tasks \
             compute. Under a GIL the waiting task must win the lock back after every wait from a thread \
             that computes: the convoy effect. Its timeline lane shows how late it was served each time."
        }
    }
}

#[cfg(test)]
mod tests;
