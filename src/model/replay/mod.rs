//! Replaying a run's record: the moments something changed (an interval began or ended on some
//! lane), the next and previous of them from any instant, and what was true at an instant, read
//! from the record alone: what each unit was doing (computing task 3, waiting for the GIL,
//! waiting for IO), which thread held the GIL, how many tasks had ended. Each lane's intervals
//! are in time order and do not overlap, so an instant, or the next moment, costs a binary
//! search per lane, however long the record, and nothing is built in advance. What a replay
//! needs of a chart is [`Replayable`]: a run's record, or the locks and Python labs' lanes with
//! their sampled quantities (a queue's depth, a counter) as a [`Chart`].

mod said;
#[cfg(test)]
mod tests;

pub use said::{NAMED_UNITS, Series, doing_words, said_at, sampled_at, sampled_said};

use super::record::{Interval, Lane, RunRecord};
use crate::settings::Mode;
use std::collections::BTreeMap;

/// The slow-down a replay plays at until the student chooses another (1/10 of real time; the
/// page offers 1/100 and 1/1000 too).
pub const DEFAULT_SLOWDOWN: f64 = 10.0;
/// What a replay steps through and tells.
pub trait Replayable {
    /// The lanes, each unit's intervals in time order.
    fn lanes(&self) -> &[Lane];
    /// What was true at `t`, a line each.
    fn said_at(&self, t: f64) -> Vec<String>;
}

impl Replayable for RunRecord {
    fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    fn said_at(&self, t: f64) -> Vec<String> {
        let done = self.tasks.iter().filter(|task| task.end <= t).count();
        said_at(
            &self.lanes,
            self.mode == Mode::Gil,
            Some((done, self.tasks.len())),
            t,
        )
    }
}

/// A chart of lanes on its own (the locks and Python labs'), with its tasks' ends and what the
/// run sampled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The lanes.
    pub lanes: Vec<Lane>,
    /// Each task's end, ms, in any order (none: the chart has no tasks).
    pub task_ends: Vec<f64>,
    /// Quantities the run sampled.
    pub series: Vec<Series>,
}

impl Replayable for Chart {
    fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    fn said_at(&self, t: f64) -> Vec<String> {
        let tasks = (!self.task_ends.is_empty()).then(|| {
            let done = self.task_ends.iter().filter(|&&end| end <= t).count();
            (done, self.task_ends.len())
        });
        let mut lines = said_at(&self.lanes, false, tasks, t);
        lines.extend(sampled_said(&self.series, t));
        lines
    }
}

/// The first moment after `t` on any lane (an interval's start or end).
pub fn next_event(lanes: &[Lane], t: f64) -> Option<f64> {
    lanes
        .iter()
        .filter_map(|lane| {
            let iv = lane
                .intervals
                .get(lane.intervals.partition_point(|iv| iv.end <= t))?;
            Some(if iv.start > t { iv.start } else { iv.end })
        })
        .filter(|x| x.is_finite())
        .reduce(f64::min)
}

/// The last moment before `t` on any lane.
pub fn previous_event(lanes: &[Lane], t: f64) -> Option<f64> {
    lanes
        .iter()
        .filter_map(|lane| {
            let i = lane.intervals.partition_point(|iv| iv.start < t);
            let iv = lane.intervals.get(i.checked_sub(1)?)?;
            Some(if iv.end < t { iv.end } else { iv.start })
        })
        .filter(|x| x.is_finite())
        .reduce(f64::max)
}

/// The first and last moments.
pub fn span(lanes: &[Lane]) -> Option<(f64, f64)> {
    let first = lanes
        .iter()
        .filter_map(|l| l.intervals.first())
        .map(|iv| iv.start);
    let last = lanes
        .iter()
        .filter_map(|l| l.intervals.last())
        .map(|iv| iv.end);
    Some((first.reduce(f64::min)?, last.reduce(f64::max)?))
}

/// Where a key on a replay's slider moves a playhead at `at`: the arrows to the next or
/// previous moment, Home and End to the first and last; None for any other key.
pub fn keyed(lanes: &[Lane], key: &str, at: Option<f64>) -> Option<Option<f64>> {
    let (first, last) = span(lanes)?;
    Some(match key {
        "ArrowRight" | "ArrowUp" => at.map_or(Some(first), |t| next_event(lanes, t).or(Some(t))),
        "ArrowLeft" | "ArrowDown" => at.map(|t| previous_event(lanes, t).unwrap_or(t)),
        "Home" => Some(first),
        "End" => Some(last),
        _ => return None,
    })
}

/// The interval of `intervals` (in time order, not overlapping) under way at `t`: begun at or
/// before `t` and not yet ended.
pub fn under_way(intervals: &[Interval], t: f64) -> Option<&Interval> {
    let i = intervals.partition_point(|iv| iv.start <= t);
    let candidate = intervals.get(i.checked_sub(1)?)?;
    (t < candidate.end).then_some(candidate)
}
/// Where a playhead playing at 1/`slowdown` of real time is after `elapsed` ms of real time
/// from `at`, and whether it has reached `end` (where it stops).
pub fn played(at: f64, elapsed: f64, slowdown: f64, end: f64) -> (f64, bool) {
    let next = at + elapsed.max(0.0) / slowdown.max(1.0);
    if next >= end {
        (end, true)
    } else {
        (next, false)
    }
}
/// `value` as JSON with where each of its charts' playheads was (`"playheads": {chart: ms}`),
/// when any was placed and `value` is an object.
pub fn with_playheads<T: serde::Serialize>(
    value: &T,
    playheads: BTreeMap<&str, f64>,
) -> serde_json::Value {
    let mut json = serde_json::to_value(value).unwrap_or_default();
    if let Some(object) = json.as_object_mut()
        && !playheads.is_empty()
    {
        object.insert("playheads".into(), serde_json::json!(playheads));
    }
    json
}
