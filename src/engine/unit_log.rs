//! What one execution unit records while it runs: its intervals and the tasks it finished, in
//! absolute times. Recording is a push onto a vector at each change of activity, never per
//! step, so it costs far less than the work it records.

use crate::model::record::{Interval, IntervalKind};
use crate::workloads::TaskOutput;
use serde::{Deserialize, Serialize};

/// A finished task, as its unit saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskDone {
    /// The task's number in the plan.
    pub index: u32,
    /// Start, absolute ms.
    pub start: f64,
    /// End, absolute ms.
    pub end: f64,
    /// What it produced.
    pub output: TaskOutput,
}

/// The most intervals a unit records: enough for any run a student waits for (the old GIL at
/// one tick makes tens of thousands a second), and a bound on the memory a long run's record
/// takes in the unit and on the page (about 32 bytes each, times up to 64 lanes).
pub const MAX_INTERVALS: usize = 20_000;

/// One unit's record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitLog {
    /// The unit's name on the page.
    pub label: String,
    /// What it did, in absolute ms: the first [`MAX_INTERVALS`] intervals.
    pub intervals: Vec<Interval>,
    /// The tasks it finished.
    pub tasks: Vec<TaskDone>,
    /// Intervals not recorded because the log was full.
    #[serde(default)]
    pub dropped: u64,
}

impl UnitLog {
    /// An empty log for the unit called `label`.
    pub fn new(label: impl Into<String>) -> Self {
        UnitLog {
            label: label.into(),
            intervals: Vec::new(),
            tasks: Vec::new(),
            dropped: 0,
        }
    }

    /// Moves every time of the log `by` ms earlier: from a unit's clock onto the page's, when
    /// the unit's clock runs `by` ms ahead.
    pub fn shift(&mut self, by: f64) {
        for iv in &mut self.intervals {
            iv.start -= by;
            iv.end -= by;
        }
        for task in &mut self.tasks {
            task.start -= by;
            task.end -= by;
        }
    }

    /// Records an interval. Empty ones are dropped, except serialization: a message that took
    /// less than the clock's resolution still crossed, and marks when its task started or ended.
    /// One that continues the previous interval (same kind and task, no gap) extends it. Past
    /// [`MAX_INTERVALS`] a new interval is only counted, in `dropped`.
    pub fn push(&mut self, kind: IntervalKind, task: Option<u32>, start: f64, end: f64) {
        if end < start || (end == start && kind != IntervalKind::Serialize) {
            return;
        }
        if let Some(last) = self.intervals.last_mut()
            && last.kind == kind
            && last.task == task
            && last.end == start
        {
            last.end = end;
            return;
        }
        if self.intervals.len() >= MAX_INTERVALS {
            self.dropped += 1;
            return;
        }
        self.intervals.push(Interval {
            kind,
            task,
            start,
            end,
        });
    }
}
