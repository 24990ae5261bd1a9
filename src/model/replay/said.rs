//! The replay's sentences: what each unit was doing at an instant ("computing task 3",
//! "waiting for the GIL (task 2)"), the first units by name and the rest counted, who held the
//! GIL, the tasks done, and the last sample of each quantity a run sampled.

use super::under_way;
use crate::model::record::{Interval, IntervalKind, Lane};
use std::fmt::Write as _;

/// The most units the replay names one by one; the others are counted by what they did.
pub const NAMED_UNITS: usize = 12;
/// A quantity sampled during a run, shown at the playhead: the queue's depth, a counter.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Its name in a sentence: "the queue's depth".
    pub name: String,
    /// Its samples, (ms, value), in time order.
    pub points: Vec<(f64, u64)>,
    /// When a sample was taken, in words ("when a thread took the lock after waiting").
    pub when: String,
}

/// The last sample at or before `t`.
pub fn sampled_at(points: &[(f64, u64)], t: f64) -> Option<(f64, u64)> {
    let i = points.partition_point(|&(at, _)| at <= t);
    points.get(i.checked_sub(1)?).copied()
}

/// What was true at `t`, as the lines the replay shows: each unit's doing (the first
/// [`NAMED_UNITS`] by name, the rest counted), who held the GIL (where a unit computing holds
/// it), and the tasks done (`tasks`: done, of all).
pub fn said_at(lanes: &[Lane], gil: bool, tasks: Option<(usize, usize)>, t: f64) -> Vec<String> {
    let doing: Vec<Option<&Interval>> = lanes
        .iter()
        .map(|lane| under_way(&lane.intervals, t))
        .collect();
    let named = if lanes.len() > NAMED_UNITS {
        NAMED_UNITS - 1
    } else {
        lanes.len()
    };
    let mut lines: Vec<String> = lanes
        .iter()
        .zip(&doing)
        .take(named)
        .map(|(lane, iv)| format!("{}: {}", lane.label, doing_words(*iv)))
        .collect();
    if lanes.len() > named {
        // Counted in the order of `IntervalKind::ALL`, then the idle ones.
        let mut counts: Vec<(&str, usize)> = IntervalKind::ALL
            .iter()
            .map(|kind| kind.label())
            .chain(["idle"])
            .map(|words| (words, 0))
            .collect();
        for iv in &doing[named..] {
            let words = iv.map_or("idle", |iv| iv.kind.label());
            if let Some(count) = counts.iter_mut().find(|(w, _)| *w == words) {
                count.1 += 1;
            }
        }
        counts.retain(|&(_, count)| count > 0);
        let mut line = format!("{} more:", lanes.len() - named);
        for (i, (words, count)) in counts.iter().enumerate() {
            let _ = write!(line, "{} {count} {words}", if i == 0 { "" } else { "," });
        }
        lines.push(line);
    }
    if gil {
        let holder = doing
            .iter()
            .position(|iv| iv.is_some_and(|iv| iv.kind == IntervalKind::Compute));
        lines.push(match holder {
            Some(lane) => format!("{} held the GIL.", lanes[lane].label),
            None => "No thread held the GIL.".to_owned(),
        });
    }
    if let Some((done, all)) = tasks {
        lines.push(format!("{done} of {all} tasks done."));
    }
    lines
}

/// Each sampled quantity's last value at `t`, a line each.
pub fn sampled_said(series: &[Series], t: f64) -> impl Iterator<Item = String> {
    series
        .iter()
        .map(move |series| match sampled_at(&series.points, t) {
            Some((at, value)) => format!(
                "{}: {} (sampled at {at:.3} ms, {})",
                capitalized(&series.name),
                crate::format::group_thousands(value),
                series.when
            ),
            None => format!("{}: not sampled yet.", capitalized(&series.name)),
        })
}

fn capitalized(words: &str) -> String {
    let mut out = words.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}
/// A unit's doing in words: "computing task 3", "waiting for the GIL (task 2)", "idle".
pub fn doing_words(interval: Option<&Interval>) -> String {
    match interval {
        None => "idle".to_owned(),
        Some(iv) => match (iv.kind, iv.task) {
            (IntervalKind::Compute, Some(task)) => format!("computing task {}", task + 1),
            (kind, Some(task)) => format!("{} (task {})", kind.label(), task + 1),
            (kind, None) => kind.label().to_owned(),
        },
    }
}
