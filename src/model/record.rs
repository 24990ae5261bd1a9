//! The record of a run, the same for every mode: for each execution unit (a lane), the
//! intervals it spent computing, waiting for IO, waiting for the GIL, being serialized or
//! starting up; for each task, which unit ran it and when; for the run, wall time, start-up
//! cost, bytes serialized and the result's checksum. Times are milliseconds from the moment
//! the mode was started, on one clock for every unit.

use super::stopping::Stopped;
use crate::settings::{Mode, Settings};
use crate::workloads::{Checksum, WorkloadResult};
use serde::{Deserialize, Serialize};

/// What a unit was doing during an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IntervalKind {
    /// Running the task's computation.
    Compute,
    /// Waiting for IO (a sleep standing for the network).
    Io,
    /// Waiting to hold the GIL.
    GilWait,
    /// Ready to run, but its event loop was busy with another coroutine.
    Ready,
    /// Serializing or deserializing a task or its result (the cost of pickling).
    Serialize,
    /// Starting up: spawning a worker, instantiating its wasm, starting a pool's threads. Counted
    /// as the mode's start-up.
    Startup,
    /// Running the first task's code briefly before the run, so that no mode is timed on code
    /// the browser has not optimized yet. Counted neither as start-up nor in the wall time.
    WarmUp,
    /// Waiting to take a lock another thread holds (the locks lab).
    LockWait,
    /// A producer blocked on a full queue (the locks lab).
    QueueFull,
    /// A consumer waiting on an empty queue (the locks lab).
    QueueEmpty,
    /// Copying a dispatch's parameters to the GPU (the GPU mode).
    Upload,
    /// Copying a dispatch's output back from the GPU and mapping it (the GPU mode).
    ReadBack,
    /// Waiting for the GPU's queue beyond its computing, where the GPU timed its own passes
    /// (timestamp queries): submission, launch and the notice that the work was done.
    Dispatch,
    /// Waiting for other processes to finish: a join (the Python lab's programs).
    Join,
    /// Waiting for an event to be set (the Python lab's programs).
    EventWait,
}

impl IntervalKind {
    /// Every kind, in legend order.
    pub const ALL: [IntervalKind; 15] = [
        IntervalKind::Compute,
        IntervalKind::Io,
        IntervalKind::GilWait,
        IntervalKind::Ready,
        IntervalKind::Serialize,
        IntervalKind::Startup,
        IntervalKind::WarmUp,
        IntervalKind::LockWait,
        IntervalKind::QueueFull,
        IntervalKind::QueueEmpty,
        IntervalKind::Join,
        IntervalKind::EventWait,
        IntervalKind::Upload,
        IntervalKind::Dispatch,
        IntervalKind::ReadBack,
    ];

    /// The short name used in exports and CSS classes.
    pub fn name(self) -> &'static str {
        match self {
            IntervalKind::Compute => "compute",
            IntervalKind::Io => "io",
            IntervalKind::GilWait => "gil-wait",
            IntervalKind::Ready => "ready",
            IntervalKind::Serialize => "serialize",
            IntervalKind::Startup => "startup",
            IntervalKind::WarmUp => "warm-up",
            IntervalKind::LockWait => "lock-wait",
            IntervalKind::QueueFull => "queue-full",
            IntervalKind::QueueEmpty => "queue-empty",
            IntervalKind::Upload => "upload",
            IntervalKind::ReadBack => "read-back",
            IntervalKind::Dispatch => "dispatch",
            IntervalKind::Join => "join",
            IntervalKind::EventWait => "event-wait",
        }
    }

    /// The words used on the page.
    pub fn label(self) -> &'static str {
        match self {
            IntervalKind::Compute => "computing",
            IntervalKind::Io => "waiting for IO",
            IntervalKind::GilWait => "waiting for the GIL",
            IntervalKind::Ready => "ready, waiting for the event loop",
            IntervalKind::Serialize => "serializing",
            IntervalKind::Startup => "starting up",
            IntervalKind::WarmUp => "warming up (not timed)",
            IntervalKind::LockWait => "waiting for a lock",
            IntervalKind::QueueFull => "blocked on a full queue",
            IntervalKind::QueueEmpty => "waiting on an empty queue",
            IntervalKind::Upload => "copying to the GPU",
            IntervalKind::ReadBack => "copying back from the GPU",
            IntervalKind::Dispatch => "waiting for the GPU's queue",
            IntervalKind::Join => "waiting for other processes to finish",
            IntervalKind::EventWait => "waiting for an event",
        }
    }
}

/// A stretch of time a unit spent one way.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// What the unit was doing.
    pub kind: IntervalKind,
    /// The task it was for, if any.
    pub task: Option<u32>,
    /// Its start, ms from the mode's start.
    pub start: f64,
    /// Its end, ms from the mode's start.
    pub end: f64,
}

impl Interval {
    /// The interval's length in ms.
    pub fn duration(&self) -> f64 {
        self.end - self.start
    }
}

/// One execution unit (the main thread, a worker, a thread, a process, a coroutine).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// Its name on the page: "thread 2", "process 1", "coroutine 7", "main thread".
    pub label: String,
    /// What it did, in time order.
    pub intervals: Vec<Interval>,
    /// Intervals its unit did not record, its log being full (`engine::unit_log::MAX_INTERVALS`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dropped: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One task's life.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskRecord {
    /// Its number in the plan.
    pub index: u32,
    /// The lane that ran it.
    pub lane: u32,
    /// When it started, ms.
    pub start: f64,
    /// When it ended, ms.
    pub end: f64,
    /// Its part of the checksum.
    pub checksum: Checksum,
}

/// The record of one mode's run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The mode that ran.
    pub mode: Mode,
    /// The settings it ran with.
    pub settings: Settings,
    /// Whether it ran on the page's main thread.
    pub on_main_thread: bool,
    /// The execution units and what they did.
    pub lanes: Vec<Lane>,
    /// Every task.
    pub tasks: Vec<TaskRecord>,
    /// From the first task's start to the last task's end, ms.
    pub wall_ms: f64,
    /// From the mode's start until its units could take work, ms.
    pub startup_ms: f64,
    /// Bytes serialized to cross between units (tasks and results).
    pub bytes_serialized: u64,
    /// Time spent serializing and deserializing, summed over units, ms.
    pub serialize_ms: f64,
    /// How many times the GIL passed from one thread to another.
    pub gil_switches: u64,
    /// The result, folded from every task.
    pub result: WorkloadResult,
    /// The finest step of the clock the units read, ms.
    pub timer_resolution_ms: f64,
    /// The absolute time of 0 on this record's clock (`timeOrigin + now()`), ms.
    pub origin_ms: f64,
    /// How its unit workers were ended (none for a run on the page's own thread).
    #[serde(default)]
    pub stopped: Option<Stopped>,
    /// The GPU mode's facts: the adapter, the invocations and how exact the result is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu: Option<GpuFacts>,
}

/// What a GPU run ran on and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GpuFacts {
    /// The adapter as the browser named it.
    pub adapter: String,
    /// Whether it is emulated on the CPU (its times say nothing about a real GPU).
    pub software: bool,
    /// The most invocations one dispatch started: the units of work in flight.
    pub invocations: u32,
    /// Dispatches submitted.
    pub dispatches: u32,
    /// How exact the result is, and why.
    pub exactness: String,
    /// Whether the result is compared within a tolerance (floats) instead of by checksum.
    #[serde(default)]
    pub approximate: bool,
    /// How the GPU's intervals were timed.
    pub timing: String,
}

impl RunRecord {
    /// Every interval of every lane, with its lane's number.
    pub fn intervals(&self) -> impl Iterator<Item = (usize, &Interval)> {
        self.lanes
            .iter()
            .enumerate()
            .flat_map(|(i, lane)| lane.intervals.iter().map(move |iv| (i, iv)))
    }

    /// The total time of one kind of interval, over all lanes, ms.
    pub fn total_of(&self, kind: IntervalKind) -> f64 {
        self.intervals()
            .filter(|(_, iv)| iv.kind == kind)
            .map(|(_, iv)| iv.duration())
            .sum()
    }

    /// The end of the last interval, ms: how long the timeline is.
    pub fn span_ms(&self) -> f64 {
        self.intervals().map(|(_, iv)| iv.end).fold(0.0, f64::max)
    }
}
