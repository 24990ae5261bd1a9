//! Turns what the units of a run recorded (absolute times, one log per unit) into the
//! [`RunRecord`] the page draws: times relative to the mode's start, tasks with their lanes,
//! wall time from the first task's start to the last task's end, and the folded result.

use super::unit_log::UnitLog;
use crate::model::record::{IntervalKind, Lane, RunRecord, TaskRecord};
use crate::settings::{Mode, Settings, WorkloadKind};
use crate::workloads::{TaskOutput, WorkloadResult};
use std::rc::Rc;

/// What the units of one mode's run logged, in absolute times: what [`assemble`] turns into
/// the mode's [`ModeResult`].
#[derive(Clone, Debug)]
pub struct RunLogs {
    /// The mode that ran.
    pub mode: Mode,
    /// The settings it ran with (copied into the record).
    pub settings: Settings,
    /// Whether it ran on the page's main thread.
    pub on_main_thread: bool,
    /// When the mode was started, absolute ms: 0 on the record's clock.
    pub origin: f64,
    /// When its units could first take work, absolute ms.
    pub ready_at: f64,
    /// One log per unit, in lane order.
    pub units: Vec<UnitLog>,
    /// Bytes that crossed between units as serialized tasks and results.
    pub bytes_serialized: u64,
    /// Hand-overs of the GIL.
    pub gil_switches: u64,
    /// The finest clock step the units saw, ms.
    pub timer_resolution_ms: f64,
}

/// A Mandelbrot image, with the lane that computed each row.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The iteration cap (the colour of points inside the set).
    pub cap: u32,
    /// Iteration counts, row by row.
    pub counts: Vec<u32>,
    /// For each row, the lane that computed it.
    pub row_lane: Vec<u32>,
}

/// How one mode's run ended, the one value for it from the engine to the page and the lessons:
/// its record, the image it computed (Mandelbrot only), and the longest gap between the page's
/// frames while it ran. The record and image are shared (`Rc`): the page's state, its views and
/// the lessons hold the same ones, and two results are equal when they hold the same record
/// (compared by address, so that redrawing the page never walks every interval of every run).
#[derive(Clone, Debug)]
pub struct ModeResult {
    /// What every unit did, and the result.
    pub record: Rc<RunRecord>,
    /// The Mandelbrot image, for that workload.
    pub image: Option<Rc<Image>>,
    /// The longest gap between the page's animation frames while the mode ran, ms: set by the
    /// page that drove the run, `None` where no page was drawing (a native run).
    pub frame_gap_ms: Option<f64>,
}

impl PartialEq for ModeResult {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.record, &other.record) && self.frame_gap_ms == other.frame_gap_ms
    }
}

/// Assembles the record and, for Mandelbrot runs, the image; the frame gap is left to the page.
pub fn assemble(outcome: RunLogs) -> ModeResult {
    let origin = outcome.origin;
    let mut tasks = Vec::new();
    let mut outputs: Vec<(u32, u32, TaskOutput)> = Vec::new();
    let mut lanes = Vec::with_capacity(outcome.units.len());
    for (lane_index, unit) in outcome.units.into_iter().enumerate() {
        let lane = lane_index as u32;
        let mut intervals: Vec<_> = unit
            .intervals
            .into_iter()
            .map(|mut iv| {
                iv.start -= origin;
                iv.end -= origin;
                iv
            })
            .collect();
        intervals.sort_by(|a, b| a.start.total_cmp(&b.start));
        lanes.push(Lane {
            label: unit.label,
            intervals,
            dropped: unit.dropped,
        });
        for done in unit.tasks {
            tasks.push(TaskRecord {
                index: done.index,
                lane,
                start: done.start - origin,
                end: done.end - origin,
                checksum: done.output.checksum,
            });
            outputs.push((done.index, lane, done.output));
        }
    }
    tasks.sort_by_key(|t| t.index);
    outputs.sort_by_key(|(index, _, _)| *index);
    let first = tasks.iter().map(|t| t.start).fold(f64::INFINITY, f64::min);
    let last = tasks
        .iter()
        .map(|t| t.end)
        .fold(f64::NEG_INFINITY, f64::max);
    let wall_ms = if tasks.is_empty() { 0.0 } else { last - first };
    let result = WorkloadResult::fold(outputs.iter().map(|(_, _, out)| out));
    let image = image_of(&outcome.settings, &outputs);
    let mut record = RunRecord {
        mode: outcome.mode,
        settings: outcome.settings,
        on_main_thread: outcome.on_main_thread,
        lanes,
        tasks,
        wall_ms,
        startup_ms: (outcome.ready_at - origin).max(0.0),
        bytes_serialized: outcome.bytes_serialized,
        serialize_ms: 0.0,
        gil_switches: outcome.gil_switches,
        result,
        timer_resolution_ms: outcome.timer_resolution_ms,
        origin_ms: origin,
        stopped: None,
        gpu: None,
    };
    record.serialize_ms = record.total_of(IntervalKind::Serialize);
    ModeResult {
        record: Rc::new(record),
        image: image.map(Rc::new),
        frame_gap_ms: None,
    }
}

fn image_of(settings: &Settings, outputs: &[(u32, u32, TaskOutput)]) -> Option<Image> {
    if settings.workload != WorkloadKind::Mandelbrot {
        return None;
    }
    let mut counts = Vec::with_capacity(settings.width as usize * settings.height as usize);
    let mut row_lane = Vec::with_capacity(settings.height as usize);
    for (_, lane, out) in outputs {
        let pixels = out.pixels.as_deref().unwrap_or(&[]);
        counts.extend_from_slice(pixels);
        row_lane.extend(std::iter::repeat_n(
            *lane,
            pixels.len() / settings.width.max(1) as usize,
        ));
    }
    let complete = counts.len() == settings.width as usize * settings.height as usize;
    complete.then_some(Image {
        width: settings.width,
        height: settings.height,
        cap: settings.iterations,
        counts,
        row_lane,
    })
}
