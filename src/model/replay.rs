//! Replaying a run's record: the moments something changed (an interval began or ended on some
//! lane), the next and previous of them from any instant, and what was true at an instant, read
//! from the record alone: what each unit was doing (computing task 3, waiting for the GIL,
//! waiting for IO), which thread held the GIL, how many tasks had ended. Each lane's intervals
//! are in time order and do not overlap, so an instant costs a binary search per lane, however
//! long the record.

use super::record::{Interval, IntervalKind, RunRecord};
use crate::settings::Mode;

/// The moments a record's replay steps between, in order, without repeats.
#[derive(Clone, Debug, PartialEq)]
pub struct Events {
    times: Vec<f64>,
}

impl Events {
    /// Every interval's start and end, on every lane.
    pub fn new(record: &RunRecord) -> Events {
        let mut times: Vec<f64> = record
            .lanes
            .iter()
            .flat_map(|lane| lane.intervals.iter().flat_map(|iv| [iv.start, iv.end]))
            .filter(|t| t.is_finite())
            .collect();
        times.sort_by(f64::total_cmp);
        times.dedup();
        Events { times }
    }

    /// All of them.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// The first moment after `t`.
    pub fn next(&self, t: f64) -> Option<f64> {
        let i = self.times.partition_point(|&x| x <= t);
        self.times.get(i).copied()
    }

    /// The last moment before `t`.
    pub fn previous(&self, t: f64) -> Option<f64> {
        let i = self.times.partition_point(|&x| x < t);
        i.checked_sub(1).map(|i| self.times[i])
    }

    /// The first and last moments.
    pub fn span(&self) -> Option<(f64, f64)> {
        Some((*self.times.first()?, *self.times.last()?))
    }
}

/// The interval of `intervals` (in time order, not overlapping) under way at `t`: begun at or
/// before `t` and not yet ended.
pub fn under_way(intervals: &[Interval], t: f64) -> Option<&Interval> {
    let i = intervals.partition_point(|iv| iv.start <= t);
    let candidate = intervals.get(i.checked_sub(1)?)?;
    (t < candidate.end).then_some(candidate)
}

/// What was true at one instant of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    /// The instant, ms on the record's clock.
    pub at: f64,
    /// Each lane's interval under way then (none: the unit was idle or had ended).
    pub doing: Vec<Option<Interval>>,
    /// The lane that held the GIL (Threads + GIL only: the one computing).
    pub gil: Option<usize>,
    /// Tasks that had ended.
    pub tasks_done: usize,
}

/// What was true at `t` in `record`.
pub fn moment(record: &RunRecord, t: f64) -> Moment {
    let doing: Vec<Option<Interval>> = record
        .lanes
        .iter()
        .map(|lane| under_way(&lane.intervals, t).copied())
        .collect();
    let gil = (record.mode == Mode::Gil)
        .then(|| {
            doing
                .iter()
                .position(|iv| iv.is_some_and(|iv| iv.kind == IntervalKind::Compute))
        })
        .flatten();
    Moment {
        at: t,
        tasks_done: record.tasks.iter().filter(|task| task.end <= t).count(),
        doing,
        gil,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::Lane;

    fn iv(kind: IntervalKind, task: Option<u32>, start: f64, end: f64) -> Interval {
        Interval {
            kind,
            task,
            start,
            end,
        }
    }

    #[test]
    fn events_step_forward_and_back_and_an_instant_reads_the_record() {
        let lanes = [
            Lane {
                label: "thread 1".into(),
                intervals: vec![
                    iv(IntervalKind::Startup, None, 0.0, 2.0),
                    iv(IntervalKind::Compute, Some(0), 2.0, 5.0),
                    iv(IntervalKind::GilWait, Some(1), 5.0, 7.0),
                ],
                dropped: 0,
            },
            Lane {
                label: "thread 2".into(),
                intervals: vec![
                    iv(IntervalKind::GilWait, Some(1), 2.0, 5.0),
                    iv(IntervalKind::Compute, Some(1), 5.0, 9.0),
                ],
                dropped: 0,
            },
        ];
        let events = Events {
            times: {
                let mut t: Vec<f64> = lanes
                    .iter()
                    .flat_map(|l| l.intervals.iter().flat_map(|iv| [iv.start, iv.end]))
                    .collect();
                t.sort_by(f64::total_cmp);
                t.dedup();
                t
            },
        };
        assert_eq!(events.times(), [0.0, 2.0, 5.0, 7.0, 9.0]);
        assert_eq!(events.next(2.0), Some(5.0));
        assert_eq!(events.next(3.0), Some(5.0));
        assert_eq!(events.previous(5.0), Some(2.0));
        assert_eq!(events.previous(0.0), None);
        assert_eq!(events.next(9.0), None);
        assert_eq!(events.span(), Some((0.0, 9.0)));
        assert_eq!(
            under_way(&lanes[0].intervals, 2.0).map(|i| i.kind),
            Some(IntervalKind::Compute)
        );
        assert_eq!(under_way(&lanes[0].intervals, 7.0), None, "ended");
        assert_eq!(under_way(&lanes[1].intervals, 1.0), None, "not begun");
        assert_eq!(
            doing_words(under_way(&lanes[1].intervals, 3.0)),
            "waiting for the GIL (task 2)"
        );
        assert_eq!(
            doing_words(under_way(&lanes[0].intervals, 3.0)),
            "computing task 1"
        );
        assert_eq!(doing_words(None), "idle");
    }

    /// A run of Threads + GIL on real threads: at every moment of its replay at most one thread
    /// computes, the one the moment names as holding the GIL, and the tasks done only grow.
    #[test]
    fn a_gil_runs_replay_shows_one_holder_at_every_moment() {
        use crate::engine::platform::{NativePlatform, Platform};
        use crate::engine::threads::run_on_pool;
        use crate::engine::warm_up::SteadyRule;
        use crate::engine::{RunLogs, assemble};
        use crate::model::gil::Gil;
        use crate::settings::Settings;
        use crate::workloads::{Calibration, Plan};
        let mut s = Settings::defaults(2);
        (s.limit, s.tasks, s.workers) = (300_000, 6, 2);
        let plan = Plan::new(&s, Calibration::default());
        let platform = NativePlatform::new();
        let gil = Gil::new(s.gil, s.switch_ms, s.ticks);
        let done = std::sync::atomic::AtomicU32::new(0);
        let origin = platform.now_ms();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool");
        let units = pool
            .install(|| {
                run_on_pool(
                    &plan.tasks,
                    Some(&gil),
                    &platform,
                    None,
                    &done,
                    SteadyRule::QUICK,
                )
            })
            .expect("runs");
        let record = assemble(RunLogs {
            mode: Mode::Gil,
            settings: s,
            on_main_thread: false,
            origin,
            ready_at: origin,
            units,
            bytes_serialized: 0,
            gil_switches: gil.switches(),
            timer_resolution_ms: 0.001,
        })
        .record;
        let events = Events::new(&record);
        let mut last_done = 0;
        for &t in events.times() {
            let now = moment(&record, t);
            let computing: Vec<usize> = (0..now.doing.len())
                .filter(|&l| now.doing[l].is_some_and(|iv| iv.kind == IntervalKind::Compute))
                .collect();
            assert!(
                computing.len() <= 1,
                "at {t} ms: {computing:?} compute at once"
            );
            assert_eq!(now.gil, computing.first().copied(), "at {t} ms");
            assert!(now.tasks_done >= last_done);
            last_done = now.tasks_done;
        }
        assert_eq!(last_done, record.tasks.len());
        assert!(events.times().len() > 2 * record.tasks.len());
    }
}
