//! The quantities an explanation may name, computed from the record and printed exactly as the
//! results table prints them where the table shows them. A name is `kind.mode` (`speedup.gil`),
//! `setting.NAME` (a setting's value as the form shows it), or `cores`; `@N` picks the lesson's
//! run N (1-based; default 1).

use super::observed::{Observation, RunOutcome};
use crate::model::comparison::{compare, in_order_bound, load_imbalance};
use crate::model::format::{bytes, group_thousands, millis};
use crate::model::record::{IntervalKind, RunRecord};
use crate::settings::Mode;
use crate::settings::spec::Key;

/// How a quantity is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Milliseconds to 0.1, as the table's time columns: `123.4`.
    Ms,
    /// Milliseconds to 0.01: `5.21`.
    FineMs,
    /// A ratio as the table's speedups: `1.93×`.
    Times,
    /// A fraction as the table's efficiency: `96%`.
    Percent,
    /// A whole count: `412`.
    Count,
    /// A rate, to the unit: `198`.
    Rate,
    /// Bytes as the table's result cell: `12.5 KB`.
    Bytes,
    /// A duration with its unit, as the table's result cell: `1.25 ms`.
    Millis,
    /// A whole count grouped by thousands, as the locks lab's tables: `1,412,479`.
    Thousands,
    /// To 0.1, as the locks lab's time per increment and steps per ms: `12.3`.
    Tenths,
}

impl Format {
    /// The value as text.
    pub fn show(self, value: f64) -> String {
        match self {
            Format::Ms => format!("{value:.1}"),
            Format::FineMs => format!("{value:.2}"),
            Format::Times => format!("{value:.2}×"),
            Format::Percent => format!("{:.0}%", value * 100.0),
            Format::Count | Format::Rate => format!("{value:.0}"),
            Format::Bytes => bytes(value.max(0.0) as u64),
            Format::Millis => millis(value),
            Format::Thousands => group_thousands(value.max(0.0).round() as u64),
            Format::Tenths => format!("{value:.1}"),
        }
    }
}

/// Every per-mode kind: its name, how it prints, and what it means.
pub const KINDS: &[(&str, Format, &str)] = &[
    ("wall", Format::Ms, "wall time, ms (table)"),
    ("speedup", Format::Times, "speedup over Sequential (table)"),
    (
        "speedup_startup",
        Format::Times,
        "speedup with start-up (table)",
    ),
    ("efficiency", Format::Percent, "efficiency (table)"),
    ("startup", Format::Ms, "start-up, ms (table)"),
    ("frame_gap", Format::Ms, "longest frame gap, ms (table)"),
    ("workers", Format::Count, "workers (table)"),
    ("switches", Format::Count, "GIL hand-overs (table)"),
    ("bytes", Format::Bytes, "bytes serialized (table)"),
    ("serialize", Format::Millis, "time serializing (table)"),
    (
        "switches_per_s",
        Format::Rate,
        "GIL hand-overs per second of wall time",
    ),
    (
        "median_slice",
        Format::FineMs,
        "median stretch of computing between switches, ms",
    ),
    ("task_sum", Format::Ms, "the tasks' durations added up, ms"),
    ("mean_task", Format::Ms, "a task's mean duration, ms"),
    ("longest_task", Format::Ms, "the longest task, ms"),
    ("shortest_task", Format::Ms, "the shortest task, ms"),
    (
        "ready_total",
        Format::Ms,
        "time coroutines were ready but the loop was busy, ms",
    ),
    ("ready_max", Format::Ms, "the longest such wait, ms"),
    (
        "gil_wait_total",
        Format::Ms,
        "time threads waited for the GIL, ms",
    ),
    ("waits", Format::Count, "IO waits"),
    (
        "served_late_total",
        Format::Ms,
        "time between IO waits ending and computing again, ms",
    ),
    ("served_late_mean", Format::FineMs, "the same per wait, ms"),
    (
        "io_task",
        Format::Ms,
        "the duration of the task that waited most often, ms",
    ),
    (
        "speedup_vs_first",
        Format::Times,
        "run 1's Sequential wall time over this one's",
    ),
    (
        "in_order_bound",
        Format::Times,
        "the best speedup these tasks allow the workers, handed out in order",
    ),
    (
        "imbalance_bound",
        Format::Times,
        "the in-order bound, when the tasks are uneven enough to show it",
    ),
];

/// A parsed name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Name {
    /// A kind of one mode's record.
    Mode {
        /// The kind's name (in [`KINDS`]).
        kind: &'static str,
        /// The mode.
        mode: Mode,
        /// The run, 0-based.
        run: usize,
    },
    /// A setting of a run, as text.
    Setting {
        /// The setting.
        name: Key,
        /// The run, 0-based.
        run: usize,
    },
    /// A quantity of the locks lab's report (see [`super::lab`]).
    Lab {
        /// The kind's name (in [`super::lab::LAB_KINDS`]).
        kind: &'static str,
        /// The run, 0-based.
        run: usize,
    },
    /// The cores the browser reports.
    Cores,
}

impl Name {
    /// Parses `kind.mode@N`, `setting.NAME@N`, `lab.KIND@N` or `cores`; `None` for anything
    /// else, or a run past `runs`.
    pub fn parse(text: &str, runs: usize) -> Option<Name> {
        let (base, run) = match text.split_once('@') {
            Some((base, n)) => (
                base,
                n.parse::<usize>().ok().filter(|n| (1..=runs).contains(n))? - 1,
            ),
            None => (text, 0),
        };
        if base == "cores" {
            return Some(Name::Cores);
        }
        let (kind, rest) = base.split_once('.')?;
        if kind == "setting" {
            return Key::from_name(rest).map(|name| Name::Setting { name, run });
        }
        if kind == "lab" {
            return super::lab::kind(rest).map(|(kind, _)| Name::Lab { kind, run });
        }
        let kind = KINDS.iter().find(|(k, _, _)| *k == kind)?.0;
        Some(Name::Mode {
            kind,
            mode: Mode::from_name(rest)?,
            run,
        })
    }

    /// How this quantity prints.
    pub fn format(&self) -> Format {
        match self {
            Name::Mode { kind, .. } => KINDS
                .iter()
                .find(|(k, _, _)| k == kind)
                .map_or(Format::Ms, |k| k.1),
            Name::Lab { kind, .. } => super::lab::kind(kind).map_or(Format::Count, |k| k.1),
            Name::Setting { .. } | Name::Cores => Format::Count,
        }
    }

    /// The quantity's value in this observation, if the run and mode are there.
    pub fn value(&self, seen: &Observation) -> Option<f64> {
        match *self {
            Name::Cores => Some(f64::from(seen.cores)),
            Name::Setting { .. } => None,
            Name::Mode { kind, mode, run } => mode_value(kind, mode, seen.run(run)?, seen),
            Name::Lab { kind, run } => {
                let (settings, report) = &**seen.run(run)?.locks.as_ref()?;
                super::lab::value(kind, settings, report)
            }
        }
    }

    /// The quantity as the page shows it.
    pub fn text(&self, seen: &Observation) -> Option<String> {
        if let Name::Setting { name, run } = *self {
            let outcome = seen.run(run)?;
            let settings = match &outcome.locks {
                Some(locks) => &locks.0,
                None => &outcome.modes.first()?.record.settings,
            };
            return Some(settings.get(name));
        }
        self.value(seen).map(|v| self.format().show(v))
    }
}

fn mode_value(kind: &str, mode: Mode, run: &RunOutcome, seen: &Observation) -> Option<f64> {
    let records = run.records();
    let rows = compare(&records);
    let row = rows.iter().find(|r| r.mode == mode);
    let mode_run = run.mode_run(mode)?;
    let record = &mode_run.record;
    let durations: Vec<f64> = record.tasks.iter().map(|t| t.end - t.start).collect();
    match kind {
        "wall" => Some(record.wall_ms),
        "speedup" => row?.speedup,
        "speedup_startup" => row?.speedup_with_startup,
        "efficiency" => row?.efficiency,
        "startup" => Some(record.startup_ms),
        "frame_gap" => mode_run.frame_gap_ms,
        "workers" => row.map(|r| f64::from(r.workers)),
        "switches" => Some(record.gil_switches as f64),
        "bytes" => Some(record.bytes_serialized as f64),
        "serialize" => Some(record.serialize_ms),
        "switches_per_s" => {
            (record.wall_ms > 0.0).then(|| record.gil_switches as f64 * 1000.0 / record.wall_ms)
        }
        "median_slice" => median(
            record
                .intervals()
                .filter(|(_, iv)| iv.kind == IntervalKind::Compute)
                .map(|(_, iv)| iv.duration())
                .collect(),
        ),
        "task_sum" => Some(durations.iter().sum()),
        "mean_task" => {
            (!durations.is_empty()).then(|| durations.iter().sum::<f64>() / durations.len() as f64)
        }
        "longest_task" => durations.iter().copied().reduce(f64::max),
        "shortest_task" => durations.iter().copied().reduce(f64::min),
        "ready_total" => Some(record.total_of(IntervalKind::Ready)),
        "ready_max" => Some(longest(record, IntervalKind::Ready)),
        "gil_wait_total" => Some(record.total_of(IntervalKind::GilWait)),
        "waits" => Some(served_late(record).0 as f64),
        "served_late_total" => Some(served_late(record).1),
        "served_late_mean" => {
            let (waits, late) = served_late(record);
            (waits > 0).then(|| late / waits as f64)
        }
        "io_task" => io_task(record),
        "speedup_vs_first" => {
            let first = seen.run(0)?.record(Mode::Sequential)?;
            crate::model::comparison::speedup(first.wall_ms, record.wall_ms)
        }
        "in_order_bound" => in_order_bound(&durations, record.settings.workers),
        "imbalance_bound" => load_imbalance(
            &durations,
            record.settings.workers,
            record.timer_resolution_ms,
        ),
        _ => None,
    }
}

/// The median of some values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

fn longest(record: &RunRecord, kind: IntervalKind) -> f64 {
    record
        .intervals()
        .filter(|(_, iv)| iv.kind == kind)
        .map(|(_, iv)| iv.duration())
        .fold(0.0, f64::max)
}

/// The IO waits, and how long after their ends their tasks waited to compute again (for the
/// GIL, or for a busy event loop), summed.
pub fn served_late(record: &RunRecord) -> (usize, f64) {
    let mut waits = 0;
    let mut late = 0.0;
    for lane in &record.lanes {
        for (i, iv) in lane.intervals.iter().enumerate() {
            if iv.kind != IntervalKind::Io {
                continue;
            }
            waits += 1;
            if let Some(next) = lane.intervals[i + 1..]
                .iter()
                .find(|n| n.task == iv.task && n.kind != IntervalKind::Io)
                && matches!(next.kind, IntervalKind::GilWait | IntervalKind::Ready)
            {
                late += next.duration();
            }
        }
    }
    (waits, late)
}

fn io_task(record: &RunRecord) -> Option<f64> {
    let count = |index: u32| {
        record
            .intervals()
            .filter(|(_, iv)| iv.kind == IntervalKind::Io && iv.task == Some(index))
            .count()
    };
    let task = record
        .tasks
        .iter()
        .max_by_key(|t| (count(t.index), std::cmp::Reverse(t.index)))?;
    (count(task.index) > 0).then_some(task.end - task.start)
}
