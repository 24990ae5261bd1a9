//! The rules on one run's speedups over Sequential.

use super::{Reason, Verdict, need, ok, rule_family, structural, v};
use crate::lessons::observed::Observation;
use crate::lessons::quantity::Kind;
use crate::settings::Mode;

rule_family! {
    /// A rule on one run's speedups.
    SpeedupRule {
        SumOfTasks = "sum_of_tasks": "Sequential's wall time is its tasks' durations added up.",
        GilAboutOne = "gil_about_one": "CPU-bound threads under the GIL run about as fast as one thread.",
        ThreadsScale = "threads_scale": "Threads without a GIL speed up with the cores.",
        ProcessesScale = "processes_scale": "Processes speed up with the cores.",
        IoOverlapGil = "io_overlap_gil": "Threads under the GIL overlap their IO waits.",
        IoOverlapCoroutines = "io_overlap_coroutines": "Coroutines on one thread overlap their IO waits.",
        GpuGainsWithSize = "gpu_gains_with_size": "On small work a GPU loses to two CPU threads; the larger the work, the more it gains.",
    }
}

impl SpeedupRule {
    /// Decides from what the runs recorded.
    pub(super) fn check(self, seen: &Observation) -> Result<Verdict, Reason> {
        need(seen, 0, Mode::Sequential)?;
        match self {
            SpeedupRule::SumOfTasks => Ok(ok(v(seen, Kind::TaskSum.of(Mode::Sequential))
                >= 0.95 * v(seen, Kind::Wall.of(Mode::Sequential)))),
            SpeedupRule::GilAboutOne => {
                let gil = need(seen, 0, Mode::Gil)?;
                if gil.record.settings.workers <= 1 {
                    return Err(Reason::OneWorker);
                }
                Ok(ok(v(seen, Kind::Speedup.of(Mode::Gil)) <= 1.25))
            }
            SpeedupRule::ThreadsScale => scales(seen, Mode::Threads),
            SpeedupRule::ProcessesScale => scales(seen, Mode::Processes),
            SpeedupRule::IoOverlapGil => overlaps(seen, Mode::Gil),
            SpeedupRule::IoOverlapCoroutines => overlaps(seen, Mode::Coroutines),
            SpeedupRule::GpuGainsWithSize => {
                for (run, mode) in [(0, Mode::Gpu), (0, Mode::Threads), (1, Mode::Gpu)] {
                    need(seen, run, mode)?;
                }
                need(seen, 1, Mode::Sequential)?;
                let gpu_small = v(seen, Kind::Wall.of(Mode::Gpu));
                let threads_small = v(seen, Kind::Wall.of(Mode::Threads));
                let gain = |run: usize| v(seen, Kind::Speedup.of(Mode::Gpu).at(run));
                Ok(ok(gpu_small > threads_small && gain(2) > gain(1)))
            }
        }
    }
}

/// `mode` speeds up with the cores it could use.
fn scales(seen: &Observation, mode: Mode) -> Result<Verdict, Reason> {
    let m = need(seen, 0, mode)?;
    if let Some(reason) = structural(seen, m, true) {
        return Err(reason);
    }
    let s = &m.record.settings;
    let parallel = s.workers.min(seen.cores).min(s.tasks);
    Ok(ok(
        v(seen, Kind::Speedup.of(mode)) >= (0.6 * f64::from(parallel)).max(1.3)
    ))
}

/// `mode` overlaps its tasks' IO waits: every task at once on the loop, or one per worker.
fn overlaps(seen: &Observation, mode: Mode) -> Result<Verdict, Reason> {
    let m = need(seen, 0, mode)?;
    let s = &m.record.settings;
    let units = if mode == Mode::Coroutines {
        s.tasks
    } else {
        s.workers.min(s.tasks)
    };
    if mode == Mode::Gil && s.workers <= 1 {
        return Err(Reason::OneWorker);
    }
    if s.tasks <= 1 {
        return Err(Reason::OneTask);
    }
    Ok(ok(v(seen, Kind::Speedup.of(mode)) >= 0.5 * f64::from(units)))
}
