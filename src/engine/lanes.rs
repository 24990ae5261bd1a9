//! The lanes of a mode that ran on one thread or one unit: the logs its unit sent back,
//! moved onto the page's clock, with the unit's start-up and warm-up drawn; for an event loop, a
//! lane of its own that shows which coroutine it ran when.
//!
//! Start-up means the same in every mode: from the mode's start until its units could take work
//! (spawning the workers, instantiating their wasm, starting a pool's threads). Each unit then
//! warms up on the first task's code until its speed is steady (`engine::warm_up`), drawn apart
//! and counted neither as start-up nor in the wall time, so that no mode is timed on code the
//! browser has not optimized yet.

use super::placement::{OneThread, UnitJob};
use super::unit_log::UnitLog;
use crate::model::record::{Interval, IntervalKind};

/// Starting up from `from` to `to` (never backwards), absolute ms.
pub fn startup(from: f64, to: f64) -> Interval {
    Interval {
        kind: IntervalKind::Startup,
        task: None,
        start: from,
        end: to.max(from),
    }
}

/// When a unit had started and when it had warmed up, on its own clock, and its clock's finest
/// step (what a unit reports when it is ready for work).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prepared {
    /// Started (with its pool, if any), ms on its clock.
    pub ready_at: f64,
    /// Warmed up, ms on its clock (equal to `ready_at` if it did not warm up).
    pub warmed_at: f64,
    /// The finest step of its clock, ms.
    pub resolution_ms: f64,
}

impl Prepared {
    /// The unit's start-up from the mode's start at `origin` (page's clock), then its warm-up
    /// if it had one, on the page's clock (the unit's runs `clock_offset` ms ahead).
    pub fn intervals(&self, origin: f64, clock_offset: f64) -> Vec<Interval> {
        let ready = (self.ready_at - clock_offset).max(origin);
        let warmed = (self.warmed_at - clock_offset).max(ready);
        let mut intervals = vec![startup(origin, ready)];
        if warmed > ready {
            intervals.push(Interval {
                kind: IntervalKind::WarmUp,
                task: None,
                start: ready,
                end: warmed,
            });
        }
        intervals
    }
}

/// The event loop's own lane, called `label`: its start-up (`from`, `to`, if it had one),
/// then the computing of whichever coroutine it ran, in time order.
pub fn event_loop_lane(
    label: &str,
    coroutines: &[UnitLog],
    startup_span: Option<(f64, f64)>,
) -> UnitLog {
    let mut lane = UnitLog::new(label);
    if let Some((from, to)) = startup_span {
        lane.intervals.push(startup(from, to));
    }
    let mut computes: Vec<Interval> = coroutines
        .iter()
        .flat_map(|c| c.intervals.iter())
        .filter(|iv| iv.kind == IntervalKind::Compute)
        .copied()
        .collect();
    computes.sort_by(|a, b| a.start.total_cmp(&b.start));
    lane.intervals.extend(computes);
    lane
}

/// The lanes of a mode that ran in one unit: `logs` as the unit sent them (on its clock, which
/// runs `clock_offset` ms ahead of the page's), from the mode's start at `origin` (page's clock)
/// until the unit was `prepared`. Each lane starts with the unit's start-up and warm-up, except
/// under an event loop, where they are drawn on the loop's own lane, put first. (A pool's
/// threads draw their own warm-up.)
pub fn one_unit_lanes(
    job: UnitJob,
    mut logs: Vec<UnitLog>,
    clock_offset: f64,
    origin: f64,
    prepared: Prepared,
) -> Vec<UnitLog> {
    let event_loop = matches!(job, UnitJob::Thread(OneThread::EventLoop { .. }));
    let before = prepared.intervals(origin, clock_offset);
    for log in &mut logs {
        log.shift(clock_offset);
        if !event_loop {
            log.intervals.splice(0..0, before.iter().copied());
        }
    }
    if event_loop {
        let mut lane = event_loop_lane(job.label(), &logs, None);
        lane.intervals.splice(0..0, before);
        logs.insert(0, lane);
    }
    logs
}

/// The lanes of a mode that ran on the page's main thread, which had no start-up.
pub fn main_thread_lanes(how: OneThread, mut logs: Vec<UnitLog>) -> Vec<UnitLog> {
    if let OneThread::EventLoop { .. } = how {
        let lane = event_loop_lane("event loop (main thread)", &logs, None);
        logs.insert(0, lane);
    }
    logs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(label: &str, computes: &[(f64, f64)]) -> UnitLog {
        let mut log = UnitLog::new(label);
        for (i, &(start, end)) in computes.iter().enumerate() {
            log.push(IntervalKind::Io, Some(i as u32), start - 1.0, start);
            log.push(IntervalKind::Compute, Some(i as u32), start, end);
        }
        log
    }

    #[test]
    fn a_unit_lane_moves_onto_the_page_clock_after_its_startup() {
        let job = UnitJob::Thread(OneThread::InOrder);
        let prepared = Prepared {
            ready_at: 105.0,
            warmed_at: 108.0,
            resolution_ms: 0.005,
        };
        let lanes = one_unit_lanes(
            job,
            vec![log("worker", &[(110.0, 120.0)])],
            100.0,
            0.0,
            prepared,
        );
        assert_eq!(lanes.len(), 1);
        let [first, second] = [lanes[0].intervals[0], lanes[0].intervals[1]];
        assert_eq!(
            (first.kind, first.start, first.end),
            (IntervalKind::Startup, 0.0, 5.0)
        );
        assert_eq!(
            (second.kind, second.start, second.end),
            (IntervalKind::WarmUp, 5.0, 8.0),
            "warming up follows start-up and is not part of it"
        );
        let compute = lanes[0].intervals.last().expect("the compute interval");
        assert_eq!((compute.start, compute.end), (10.0, 20.0));
    }

    #[test]
    fn an_event_loop_gets_its_own_lane_with_every_coroutine_turn_in_order() {
        let job = UnitJob::Thread(OneThread::EventLoop { yield_every: 0 });
        let coroutines = vec![log("a", &[(30.0, 40.0)]), log("b", &[(10.0, 20.0)])];
        let prepared = Prepared {
            ready_at: 2.0,
            warmed_at: 2.0,
            resolution_ms: 0.005,
        };
        let lanes = one_unit_lanes(job, coroutines, 0.0, 0.0, prepared);
        assert_eq!(lanes.len(), 3, "the loop's lane, then one per coroutine");
        assert_eq!(lanes[0].label, "event loop");
        let kinds: Vec<_> = lanes[0]
            .intervals
            .iter()
            .map(|iv| (iv.kind, iv.start))
            .collect();
        assert_eq!(
            kinds,
            [
                (IntervalKind::Startup, 0.0),
                (IntervalKind::Compute, 10.0),
                (IntervalKind::Compute, 30.0)
            ]
        );
        assert!(
            lanes[1..].iter().all(|l| l
                .intervals
                .iter()
                .all(|iv| iv.kind != IntervalKind::Startup)),
            "coroutines do not start up: their loop does"
        );
        let on_page = main_thread_lanes(
            OneThread::EventLoop { yield_every: 1 },
            vec![log("a", &[(1.0, 2.0)])],
        );
        assert_eq!(on_page[0].label, "event loop (main thread)");
        assert_eq!(on_page[0].intervals.len(), 1, "no start-up on the page");
    }

    #[test]
    fn startup_never_runs_backwards() {
        let iv = startup(10.0, 5.0);
        assert_eq!((iv.start, iv.end), (10.0, 10.0));
    }
}
