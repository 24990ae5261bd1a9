//! What one thread of an experiment did, for its timeline lane: its waits (for a lock, on a
//! full queue, on an empty queue) and its working stretch, with exact totals even when there
//! are too many waits to keep each one.

use crate::model::record::{Interval, IntervalKind, Lane};
use serde::{Deserialize, Serialize};

/// The most intervals one lane keeps; later ones still count in the totals.
pub const MAX_INTERVALS: usize = 4000;

/// One thread's log, on the experiment's clock (ms from its start).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LaneLog {
    /// Its name on the page: "thread 1", "producer 2", "consumer 1".
    pub label: String,
    /// When it started and ended its work, ms.
    pub span: (f64, f64),
    /// Its waits, in time order (at most [`MAX_INTERVALS`]).
    pub waits: Vec<Interval>,
    /// The waits it did not keep.
    pub dropped: u64,
    /// Total time it waited, ms, over every wait (kept or not).
    pub wait_ms: f64,
    /// How many times it waited.
    pub wait_count: u64,
}

impl LaneLog {
    /// An empty log called `label`.
    pub fn new(label: String) -> Self {
        LaneLog {
            label,
            ..LaneLog::default()
        }
    }

    /// Notes a wait of `kind` from `start` to `end` (ms).
    pub fn wait(&mut self, kind: IntervalKind, start: f64, end: f64) {
        let end = end.max(start);
        self.wait_ms += end - start;
        self.wait_count += 1;
        if self.waits.len() < MAX_INTERVALS {
            self.waits.push(Interval {
                kind,
                task: None,
                start,
                end,
            });
        } else {
            self.dropped += 1;
        }
    }

    /// The lane to draw: computing between the waits, and the waits.
    pub fn to_lane(&self) -> Lane {
        let mut intervals = Vec::with_capacity(self.waits.len() * 2 + 1);
        let mut at = self.span.0;
        for wait in &self.waits {
            if wait.start > at {
                intervals.push(compute(at, wait.start));
            }
            intervals.push(*wait);
            at = at.max(wait.end);
        }
        if self.span.1 > at {
            intervals.push(compute(at, self.span.1));
        }
        Lane {
            label: self.label.clone(),
            intervals,
            dropped: self.dropped,
        }
    }
}

fn compute(start: f64, end: f64) -> Interval {
    Interval {
        kind: IntervalKind::Compute,
        task: None,
        start,
        end,
    }
}
