//! The quantities an explanation may name, computed from the record and printed exactly as the
//! results table prints them where the table shows them. A name is `kind.mode` (`speedup.gil`: a
//! [`Kind`] of the mode's record), `lab.KIND` (a [`LabKind`] of the locks lab's report),
//! `setting.NAME` (a setting's value as the form shows it), or `cores`; `@N` picks the lesson's
//! run N (1-based; default 1).

use super::lab::LabKind;
use super::observed::{Observation, RunOutcome};
use crate::format::{bytes, group_thousands, millis};
use crate::model::comparison::{compare, in_order_bound, load_imbalance};
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

/// Defines a kind of quantity from one row per kind: its variant, its name in the lessons file,
/// how it prints, and what it means ("(table)": the results table shows it). The kind's value is
/// a `match` with no wildcard arm, so a new row does not compile until its value is computed.
macro_rules! quantity_kinds {
    ($(#[$meta:meta])* $kind:ident {
        $($variant:ident = $name:literal, $format:ident, $meaning:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $kind {
            $(#[doc = $meaning] $variant),+
        }

        impl $kind {
            /// Every kind, in the table's order.
            pub const ALL: &'static [$kind] = &[$($kind::$variant),+];

            /// Its name in the lessons file.
            pub fn name(self) -> &'static str {
                match self { $($kind::$variant => $name),+ }
            }

            /// How it prints.
            pub fn format(self) -> $crate::lessons::quantity::Format {
                match self { $($kind::$variant => $crate::lessons::quantity::Format::$format),+ }
            }

            /// What it means; "(table)" at the end: the results table shows it.
            pub fn meaning(self) -> &'static str {
                match self { $($kind::$variant => $meaning),+ }
            }

            /// The kind with this name, if there is one.
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.name() == name)
            }
        }
    };
}
pub(crate) use quantity_kinds;

quantity_kinds! {
    /// A kind of one mode's record (`kind.mode`).
    Kind {
        Wall = "wall", Ms, "wall time, ms (table)";
        Speedup = "speedup", Times, "speedup over Sequential (table)";
        SpeedupStartup = "speedup_startup", Times, "speedup with start-up (table)";
        Efficiency = "efficiency", Percent, "efficiency (table)";
        Startup = "startup", Ms, "start-up, ms (table)";
        FrameGap = "frame_gap", Ms, "longest frame gap, ms (table)";
        Workers = "workers", Count, "workers (table)";
        Switches = "switches", Count, "GIL hand-overs (table)";
        Bytes = "bytes", Bytes, "bytes serialized (table)";
        Serialize = "serialize", Millis, "time serializing (table)";
        SwitchesPerS = "switches_per_s", Rate, "GIL hand-overs per second of wall time";
        MedianSlice = "median_slice", FineMs, "median stretch of computing between switches, ms";
        TaskSum = "task_sum", Ms, "the tasks' durations added up, ms";
        MeanTask = "mean_task", Ms, "a task's mean duration, ms";
        LongestTask = "longest_task", Ms, "the longest task, ms";
        ShortestTask = "shortest_task", Ms, "the shortest task, ms";
        ReadyTotal = "ready_total", Ms, "time coroutines were ready but the loop was busy, ms";
        ReadyMax = "ready_max", Ms, "the longest such wait, ms";
        GilWaitTotal = "gil_wait_total", Ms, "time threads waited for the GIL, ms";
        Waits = "waits", Count, "IO waits";
        ServedLateTotal = "served_late_total", Ms, "time between IO waits ending and computing again, ms";
        ServedLateMean = "served_late_mean", FineMs, "the same per wait, ms";
        IoTask = "io_task", Ms, "the duration of the task that waited most often, ms";
        SpeedupVsFirst = "speedup_vs_first", Times, "run 1's Sequential wall time over this one's";
        InOrderBound = "in_order_bound", Times, "the best speedup these tasks allow the workers, handed out in order";
        ImbalanceBound = "imbalance_bound", Times, "the in-order bound, when the tasks are uneven enough to show it";
        GpuCompute = "gpu_compute", Ms, "time the GPU computed (its dispatches), ms";
        GpuCopies = "gpu_copies", Ms, "time copying parameters to the GPU and results back, ms";
        Dispatches = "dispatches", Count, "dispatches submitted to the GPU";
    }
}

/// A parsed name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    /// A kind of one mode's record.
    Mode {
        /// The kind.
        kind: Kind,
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
        /// The kind.
        kind: LabKind,
        /// The run, 0-based.
        run: usize,
    },
    /// The cores the browser reports.
    Cores,
}

impl Kind {
    /// This kind of `mode`'s record in run 1 (see [`Name::at`] for another run).
    pub fn of(self, mode: Mode) -> Name {
        Name::Mode {
            kind: self,
            mode,
            run: 0,
        }
    }
}

impl From<LabKind> for Name {
    /// This kind of the locks lab's report in run 1.
    fn from(kind: LabKind) -> Name {
        Name::Lab { kind, run: 0 }
    }
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
            return LabKind::from_name(rest).map(|kind| Name::Lab { kind, run });
        }
        Some(Name::Mode {
            kind: Kind::from_name(kind)?,
            mode: Mode::from_name(rest)?,
            run,
        })
    }

    /// The same quantity in run `n`, 1-based as the lessons file writes `@N` (the browser's
    /// cores are the same in every run).
    pub fn at(self, n: usize) -> Name {
        let run = n.saturating_sub(1);
        match self {
            Name::Mode { kind, mode, .. } => Name::Mode { kind, mode, run },
            Name::Setting { name, .. } => Name::Setting { name, run },
            Name::Lab { kind, .. } => Name::Lab { kind, run },
            Name::Cores => Name::Cores,
        }
    }

    /// How this quantity prints.
    pub fn format(&self) -> Format {
        match self {
            Name::Mode { kind, .. } => kind.format(),
            Name::Lab { kind, .. } => kind.format(),
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
                kind.value(settings, report)
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

fn mode_value(kind: Kind, mode: Mode, run: &RunOutcome, seen: &Observation) -> Option<f64> {
    let records = run.records();
    let rows = compare(&records);
    let row = rows.iter().find(|r| r.mode == mode);
    let mode_run = run.mode_run(mode)?;
    let record = &mode_run.record;
    let durations: Vec<f64> = record.tasks.iter().map(|t| t.end - t.start).collect();
    match kind {
        Kind::Wall => Some(record.wall_ms),
        Kind::Speedup => row?.speedup,
        Kind::SpeedupStartup => row?.speedup_with_startup,
        Kind::Efficiency => row?.efficiency,
        Kind::Startup => Some(record.startup_ms),
        Kind::FrameGap => mode_run.frame_gap_ms,
        Kind::Workers => row.map(|r| f64::from(r.workers)),
        Kind::Switches => Some(record.gil_switches as f64),
        Kind::Bytes => Some(record.bytes_serialized as f64),
        Kind::Serialize => Some(record.serialize_ms),
        Kind::SwitchesPerS => {
            (record.wall_ms > 0.0).then(|| record.gil_switches as f64 * 1000.0 / record.wall_ms)
        }
        Kind::MedianSlice => median(
            record
                .intervals()
                .filter(|(_, iv)| iv.kind == IntervalKind::Compute)
                .map(|(_, iv)| iv.duration())
                .collect(),
        ),
        Kind::TaskSum => Some(durations.iter().sum()),
        Kind::MeanTask => {
            (!durations.is_empty()).then(|| durations.iter().sum::<f64>() / durations.len() as f64)
        }
        Kind::LongestTask => durations.iter().copied().reduce(f64::max),
        Kind::ShortestTask => durations.iter().copied().reduce(f64::min),
        Kind::ReadyTotal => Some(record.total_of(IntervalKind::Ready)),
        Kind::ReadyMax => Some(longest(record, IntervalKind::Ready)),
        Kind::GilWaitTotal => Some(record.total_of(IntervalKind::GilWait)),
        Kind::Waits => Some(served_late(record).0 as f64),
        Kind::ServedLateTotal => Some(served_late(record).1),
        Kind::ServedLateMean => {
            let (waits, late) = served_late(record);
            (waits > 0).then(|| late / waits as f64)
        }
        Kind::IoTask => io_task(record),
        Kind::GpuCompute => record
            .gpu
            .as_ref()
            .map(|_| record.total_of(IntervalKind::Compute)),
        Kind::GpuCopies => record.gpu.as_ref().map(|_| {
            record.total_of(IntervalKind::Upload) + record.total_of(IntervalKind::ReadBack)
        }),
        Kind::Dispatches => record.gpu.as_ref().map(|gpu| f64::from(gpu.dispatches)),
        Kind::SpeedupVsFirst => {
            let first = seen.run(0)?.record(Mode::Sequential)?;
            crate::model::comparison::speedup(first.wall_ms, record.wall_ms)
        }
        Kind::InOrderBound => in_order_bound(&durations, record.settings.workers),
        Kind::ImbalanceBound => load_imbalance(
            &durations,
            record.settings.workers,
            record.timer_resolution_ms,
        ),
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
