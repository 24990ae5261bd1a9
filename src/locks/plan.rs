//! One run of the locks lab: the experiment and its sizes, read from the settings, and what it
//! produced. The page sends a [`LocksPlan`] to a unit worker, which runs it on its pool with
//! [`run_experiment`] and sends the [`LocksReport`] back.

use super::contention::{ContentionPoint, STEP_ROUNDS, run_contention, sweep};
use super::coroutines::{AwaitAt, CoroutineRun, run_coroutines};
use super::counters::{CounterKind, CounterRun, run_counter};
use super::loop_queue::{LOOP_QUEUE_CAPACITY, LoopQueueRun, run_loop_queue};
use super::processes::{ProcessesRun, run_processes};
use super::queue::{QueueParams, QueueRun, run_queue};
use super::{LaneLog, Spawn};
use crate::engine::Platform;
use crate::model::replay::Series;
use crate::settings::{Experiment, Mode, Settings};
use serde::{Deserialize, Serialize};

/// The most items the coroutines' queue carries (the increments, up to this).
pub const LOOP_QUEUE_ITEMS: u64 = 100_000;

/// Computing per item for a producer and a consumer (consumers are slower, so the queue fills
/// and producers block on it now and then).
pub const PRODUCE_ROUNDS: u32 = 1000;
/// See [`PRODUCE_ROUNDS`].
pub const CONSUME_ROUNDS: u32 = 2000;

/// What to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocksPlan {
    /// Which experiment.
    pub experiment: Experiment,
    /// Threads (processes, coroutines).
    pub threads: u32,
    /// Increments per thread.
    pub increments: u64,
    /// Percent of each contention step inside the lock.
    pub lock_share: u32,
    /// Contention steps in all.
    pub steps: u64,
    /// The queue experiment.
    pub queue: QueueParams,
}

impl LocksPlan {
    /// The plan for these settings.
    pub fn new(settings: &Settings) -> Self {
        LocksPlan {
            experiment: settings.experiment,
            threads: settings.threads,
            increments: settings.increments.into(),
            lock_share: settings.lock_share,
            steps: settings.steps.into(),
            queue: QueueParams {
                producers: settings.producers,
                consumers: settings.consumers,
                capacity: settings.capacity,
                items: settings.items.into(),
                produce_rounds: PRODUCE_ROUNDS,
                consume_rounds: CONSUME_ROUNDS,
            },
        }
    }

    /// A small copy of this plan (a hundredth of the work) to run first, so that the timed
    /// run does not measure code the browser has not optimized yet.
    pub fn warm_up(&self) -> Self {
        let mut small = self.clone();
        small.increments = (self.increments / 100).max(1);
        small.steps = (self.steps / 100).max(1);
        small.queue.items = (self.queue.items / 100).max(1);
        small
    }

    /// A rough estimate of the run's duration on `cores` cores, ms (for `run=1`'s limit and
    /// the page's "Expected"): a lock-step costs about 50 ns, a round of work about 1.5 ns.
    pub fn estimated_ms(&self, cores: u32) -> f64 {
        let cores = f64::from(cores.max(1));
        let threads = f64::from(self.threads);
        let updates = threads * self.increments as f64;
        let step_ms = f64::from(STEP_ROUNDS) * 1.5e-6;
        match self.experiment {
            Experiment::Counters => updates * 3.0 * 50e-6,
            Experiment::Contention => {
                let points = super::contention::sweep_threads(self.threads).len() as f64;
                // At worst every step is inside the lock: no parallelism at all.
                (2.0 * points + 1.0) * self.steps as f64 * (step_ms + 50e-6)
            }
            Experiment::Queue => {
                let per_item = f64::from(PRODUCE_ROUNDS + CONSUME_ROUNDS) * 1.5e-6 + 0.1e-3;
                self.queue.items as f64 * per_item / cores.min(2.0)
            }
            // Each process is a worker to start (tens of ms), then a tight loop.
            Experiment::Processes => 100.0 + updates * 2e-6,
            Experiment::Coroutines => {
                let items = self.increments.min(LOOP_QUEUE_ITEMS) as f64;
                updates * 3.0 * 100e-6 + items * 200e-6
            }
        }
    }

    /// The most threads the experiment runs at once (the size of the page's pool; none for
    /// the processes, each a worker of its own, or the coroutines, on one event loop).
    pub fn pool_threads(&self) -> u32 {
        match self.experiment {
            Experiment::Counters => self.threads,
            Experiment::Contention => *super::contention::sweep_threads(self.threads)
                .last()
                .expect("the sweep has at least one point"),
            Experiment::Queue => self.queue.producers + self.queue.consumers,
            Experiment::Processes | Experiment::Coroutines => 0,
        }
    }
}

/// The main lab's mode whose units an experiment needs, for saying it cannot run here: its
/// own workers for the processes, one worker's event loop for the coroutines, a pool of
/// threads for the others.
pub fn units_mode(experiment: Experiment) -> Mode {
    match experiment {
        Experiment::Processes => Mode::Processes,
        Experiment::Coroutines => Mode::Coroutines,
        Experiment::Counters | Experiment::Contention | Experiment::Queue => Mode::Threads,
    }
}

/// What a run produced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LocksReport {
    /// The three counters, in [`CounterKind::ALL`] order.
    Counters(Vec<CounterRun>),
    /// The sweep's points, and the threads' logs at the chosen share with `threads` threads.
    Contention {
        /// Every point of the sweep.
        points: Vec<ContentionPoint>,
        /// The logs of one run, for the timeline.
        threads: Vec<LaneLog>,
    },
    /// The queue.
    Queue(QueueRun),
    /// The counter in processes.
    Processes(ProcessesRun),
    /// The counter on one event loop, in [`AwaitAt::ALL`] order, and the bounded queue on the
    /// same loop.
    Coroutines(Vec<CoroutineRun>, LoopQueueRun),
}

impl LocksReport {
    /// The logs the timeline draws, one lane per thread, with the quantities the run sampled
    /// on the same clock (the replay says their values at its playhead).
    pub fn lanes(&self) -> Vec<(String, &[LaneLog], Vec<Series>)> {
        match self {
            LocksReport::Counters(runs) => runs
                .iter()
                .filter(|r| r.kind == CounterKind::Mutex)
                .map(|r| {
                    let counter = Series {
                        name: "the counter".to_owned(),
                        points: r.samples.clone(),
                        when: "as a thread took the lock after waiting for it".to_owned(),
                    };
                    (
                        r.kind.title().to_owned(),
                        r.threads.as_slice(),
                        vec![counter],
                    )
                })
                .collect(),
            LocksReport::Contention { threads, .. } => {
                vec![("Contention".to_owned(), threads.as_slice(), Vec::new())]
            }
            LocksReport::Queue(run) => {
                let depth = Series {
                    name: "the queue's depth".to_owned(),
                    points: run
                        .depth
                        .iter()
                        .map(|&(at, d)| (at, u64::from(d)))
                        .collect(),
                    when: match super::queue::sample_every(run.params.items) {
                        1 => "after every put and take".to_owned(),
                        n => format!("after every {n}th put or take"),
                    },
                };
                vec![("Queue".to_owned(), run.threads.as_slice(), vec![depth])]
            }
            LocksReport::Processes(_) | LocksReport::Coroutines(..) => Vec::new(),
        }
    }
}

/// Runs `plan` on threads from `spawn`, timed on `clock`; `cancelled` is asked between the
/// sweep's points.
pub fn run_experiment(
    plan: &LocksPlan,
    spawn: &dyn Spawn,
    clock: &dyn Platform,
    cancelled: &dyn Fn() -> bool,
) -> LocksReport {
    let threads = plan.threads as usize;
    match plan.experiment {
        Experiment::Counters => LocksReport::Counters(
            CounterKind::ALL
                .iter()
                .map(|&kind| run_counter(kind, threads, plan.increments, spawn, clock))
                .collect(),
        ),
        Experiment::Contention => {
            let points = sweep(
                plan.threads,
                plan.steps,
                plan.lock_share,
                spawn,
                clock,
                cancelled,
            );
            let (_, logs) = run_contention(threads, plan.steps, plan.lock_share, spawn, clock);
            LocksReport::Contention {
                points,
                threads: logs,
            }
        }
        Experiment::Queue => LocksReport::Queue(run_queue(plan.queue, spawn, clock)),
        Experiment::Processes => {
            LocksReport::Processes(run_processes(threads, plan.increments, spawn, clock))
        }
        Experiment::Coroutines => LocksReport::Coroutines(
            AwaitAt::ALL
                .iter()
                .map(|&at| run_coroutines(threads, plan.increments, at))
                .collect(),
            run_loop_queue(
                plan.threads,
                plan.threads,
                LOOP_QUEUE_CAPACITY,
                plan.increments.min(LOOP_QUEUE_ITEMS),
            ),
        ),
    }
}
