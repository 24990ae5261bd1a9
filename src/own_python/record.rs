//! The record of a Python lab run, the same shape for every mode: a lane per interpreter (and,
//! for coroutines, per coroutine) with what it did and when; each task's worker, times, value,
//! output and traceback; the mode's wall time, start-up and bytes. [`ModeLog`] gathers a mode's
//! messages as they arrive (absolute times); [`ModeLog::finish`] puts them on the mode's clock.

use super::protocol::TaskOutcome;
use super::settings::{PyMode, PySettings};
use crate::model::record::{Interval, IntervalKind, Lane};
use serde::{Deserialize, Serialize};

/// One task's life.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PyTaskRecord {
    /// Which task (`task(i, n)`).
    pub index: u32,
    /// The lane of the worker (or coroutine) that ran it.
    pub lane: u32,
    /// When it started, ms from the mode's start.
    pub start: f64,
    /// When it ended, ms.
    pub end: f64,
    /// `repr()` of its value, if it returned.
    pub value: Option<String>,
    /// What it printed (cut at the worker's cap).
    pub output: String,
    /// Whether it printed more than `output` holds.
    pub output_cut: bool,
    /// Its traceback, if it raised.
    pub error: Option<String>,
    /// Bytes of its message and its pickled result.
    pub bytes: u64,
}

/// The record of one mode's run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PyModeRecord {
    /// The mode.
    pub mode: PyMode,
    /// How many interpreters it started.
    pub interpreters: u32,
    /// What each unit did.
    pub lanes: Vec<Lane>,
    /// Every task that ended, in task order.
    pub tasks: Vec<PyTaskRecord>,
    /// From the mode's start until its last interpreter was ready, ms.
    pub startup_ms: f64,
    /// From the first task's start to the last task's end, ms.
    pub wall_ms: f64,
    /// From the mode's start to its end, start-up included, ms.
    pub total_ms: f64,
    /// Bytes that crossed between the page and the workers for the tasks (messages and
    /// pickled results).
    pub bytes: u64,
    /// Time spent pickling results, summed over workers, ms.
    pub serialize_ms: f64,
    /// Why the mode did not finish, if it did not.
    pub failure: Option<String>,
    /// The absolute time of 0 on this mode's clock, ms.
    pub origin_ms: f64,
}

impl PyModeRecord {
    /// The values of the tasks, in task order, if every task returned one.
    pub fn values(&self) -> Option<Vec<&str>> {
        self.tasks.iter().map(|t| t.value.as_deref()).collect()
    }
}

/// A whole run: what ran, where, and each mode's record (the JSON a student downloads).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PyRunRecord {
    /// What this file is.
    pub format: String,
    /// Its version.
    pub version: u32,
    /// The Python that ran it (`sys.version`'s first word).
    pub python: String,
    /// The cores the browser reports.
    pub cores: u32,
    /// The settings.
    pub settings: PySettings,
    /// The code.
    pub code: String,
    /// Each mode that ran, in order.
    pub modes: Vec<PyModeRecord>,
}

/// The `format` of a [`PyRunRecord`].
pub const FORMAT: &str = "concurrency-playground/python-run";

/// A worker's start, as the page saw it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkerLog {
    /// When the page created it (absolute ms).
    pub spawned: f64,
    /// When its interpreter was ready (absolute ms).
    pub ready: Option<f64>,
}

/// A mode's messages as they arrive.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeLog {
    /// The mode.
    pub mode: PyMode,
    /// When the mode started (absolute ms): its clock's 0.
    pub origin: f64,
    /// Each worker.
    pub workers: Vec<WorkerLog>,
    /// Each task that ended, with the worker that ran it and its bytes.
    pub tasks: Vec<(u32, TaskOutcome, u64)>,
    /// When the mode ended (absolute ms).
    pub ended: Option<f64>,
    /// Why it did not finish, if it did not.
    pub failure: Option<String>,
}

impl ModeLog {
    /// A mode started at `origin`.
    pub fn new(mode: PyMode, origin: f64) -> Self {
        ModeLog {
            mode,
            origin,
            workers: Vec::new(),
            tasks: Vec::new(),
            ended: None,
            failure: None,
        }
    }

    /// A lane per worker, with its start-up.
    fn worker_lanes(&self) -> Vec<Lane> {
        let at = |t: f64| t - self.origin;
        self.workers
            .iter()
            .enumerate()
            .map(|(w, log)| Lane {
                label: match self.mode {
                    PyMode::Processes => format!("process {}", w + 1),
                    _ => "interpreter".to_owned(),
                },
                intervals: log
                    .ready
                    .map(|ready| Interval {
                        kind: IntervalKind::Startup,
                        task: None,
                        start: at(log.spawned),
                        end: at(ready),
                    })
                    .into_iter()
                    .collect(),
                dropped: 0,
            })
            .collect()
    }

    /// The record, on the mode's clock.
    pub fn finish(mut self) -> PyModeRecord {
        let at = |t: f64| t - self.origin;
        self.tasks.sort_by_key(|(_, outcome, _)| outcome.i);
        let mut lanes = self.worker_lanes();
        let mut tasks = Vec::new();
        for (worker, outcome, bytes) in &self.tasks {
            let lane = if self.mode == PyMode::Coroutines {
                lanes.push(coroutine_lane(outcome, &at));
                lanes.len() as u32 - 1
            } else {
                if let Some(l) = lanes.get_mut(*worker as usize) {
                    l.intervals.push(Interval {
                        kind: IntervalKind::Compute,
                        task: Some(outcome.i),
                        start: at(outcome.start),
                        end: at(outcome.end),
                    });
                    if outcome.pickle_ms > 0.0 {
                        l.intervals.push(Interval {
                            kind: IntervalKind::Serialize,
                            task: Some(outcome.i),
                            start: at(outcome.end),
                            end: at(outcome.end) + outcome.pickle_ms,
                        });
                    }
                }
                *worker
            };
            tasks.push(PyTaskRecord {
                index: outcome.i,
                lane,
                start: at(outcome.start),
                end: at(outcome.end),
                value: outcome.repr.clone(),
                output: outcome.out.clone(),
                output_cut: outcome.out_cut,
                error: outcome.error.clone(),
                bytes: *bytes,
            });
        }
        let startup_ms = self
            .workers
            .iter()
            .filter_map(|w| w.ready)
            .map(at)
            .fold(0.0, f64::max);
        let first = tasks.iter().map(|t| t.start).fold(f64::INFINITY, f64::min);
        let last = tasks.iter().map(|t| t.end).fold(0.0, f64::max);
        let wall_ms = if tasks.is_empty() { 0.0 } else { last - first };
        PyModeRecord {
            mode: self.mode,
            interpreters: self.workers.len() as u32,
            total_ms: self.ended.map_or(last, at),
            startup_ms,
            wall_ms,
            bytes: self.tasks.iter().map(|(_, _, b)| b).sum(),
            serialize_ms: self.tasks.iter().map(|(_, o, _)| o.pickle_ms).sum(),
            lanes,
            tasks,
            failure: self.failure,
            origin_ms: self.origin,
        }
    }
}

/// A coroutine's lane: the loop ran it in its steps (computing), and between them it waited.
fn coroutine_lane(outcome: &TaskOutcome, at: &impl Fn(f64) -> f64) -> Lane {
    let mut intervals = Vec::new();
    let mut last_end: Option<f64> = None;
    let steps: Vec<(f64, f64)> = if outcome.steps.is_empty() {
        vec![(outcome.start, outcome.end)]
    } else {
        outcome.steps.clone()
    };
    for (start, end) in steps {
        if let Some(previous) = last_end.filter(|p| start > *p) {
            intervals.push(Interval {
                kind: IntervalKind::Io,
                task: Some(outcome.i),
                start: at(previous),
                end: at(start),
            });
        }
        intervals.push(Interval {
            kind: IntervalKind::Compute,
            task: Some(outcome.i),
            start: at(start),
            end: at(end),
        });
        last_end = Some(end);
    }
    Lane {
        label: format!("coroutine {}", outcome.i),
        intervals,
        dropped: 0,
    }
}

/// One row of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The mode.
    pub mode: PyMode,
    /// Interpreters it started.
    pub interpreters: u32,
    /// Start-up, ms.
    pub startup_ms: f64,
    /// The tasks' wall time, ms.
    pub wall_ms: f64,
    /// Start-up and tasks, ms.
    pub total_ms: f64,
    /// Sequential's wall time over this one's, if Sequential ran and both finished.
    pub speedup: Option<f64>,
    /// Sequential's total over this one's.
    pub speedup_total: Option<f64>,
    /// Bytes.
    pub bytes: u64,
    /// Time spent pickling results, ms.
    pub serialize_ms: f64,
    /// Whether every value equals Sequential's (None if either has no values).
    pub same_values: Option<bool>,
    /// Why it did not finish.
    pub failure: Option<String>,
}

/// The comparison table of a run's modes.
pub fn rows(modes: &[PyModeRecord]) -> Vec<Row> {
    let sequential = modes
        .iter()
        .find(|m| m.mode == PyMode::Sequential && m.failure.is_none());
    modes
        .iter()
        .map(|m| {
            let ratio =
                |base: f64, this: f64| (m.failure.is_none() && this > 0.0).then(|| base / this);
            Row {
                mode: m.mode,
                interpreters: m.interpreters,
                startup_ms: m.startup_ms,
                wall_ms: m.wall_ms,
                total_ms: m.total_ms,
                speedup: sequential.and_then(|s| ratio(s.wall_ms, m.wall_ms)),
                speedup_total: sequential.and_then(|s| ratio(s.total_ms, m.total_ms)),
                bytes: m.bytes,
                serialize_ms: m.serialize_ms,
                same_values: sequential.and_then(|s| Some(s.values()? == m.values()?)),
                failure: m.failure.clone(),
            }
        })
        .collect()
}
