//! The rules on what the timeline shows: a convoy, contention, uneven tasks, a frozen page.

use super::{Reason, Verdict, need, ok, rule_family, structural, v, value};
use crate::lessons::observed::Observation;
use crate::lessons::quantity::Kind;
use crate::settings::Mode;

rule_family! {
    /// A rule on what the timeline shows.
    TimelineRule {
        Convoy = "convoy": "The task that waits often takes much longer beside computing threads under the GIL than alone.",
        Contention = "contention": "More workers than cores (run 2) give no more speedup than one per core (run 1); each task takes longer.",
        Imbalance = "imbalance": "Uneven tasks handed out in order cap the pool's speedup below the workers.",
        MainThreadFreezes = "main_thread_freezes": "Computing on the page's main thread (run 1) freezes it for the whole run; in a worker (run 2) it does not.",
    }
}

impl TimelineRule {
    /// Decides from what the runs recorded.
    pub(super) fn check(self, seen: &Observation) -> Result<Verdict, Reason> {
        match self {
            TimelineRule::Convoy => {
                need(seen, 0, Mode::Sequential)?;
                let gil = need(seen, 0, Mode::Gil)?;
                if let Some(reason) = structural(seen, gil, false) {
                    return Err(reason);
                }
                Ok(ok(v(seen, Kind::IoTask.of(Mode::Gil))
                    >= 1.5 * v(seen, Kind::IoTask.of(Mode::Sequential))))
            }
            TimelineRule::Contention => contention(seen),
            TimelineRule::Imbalance => imbalance(seen),
            TimelineRule::MainThreadFreezes => {
                let main = need(seen, 0, Mode::Sequential)?;
                need(seen, 1, Mode::Sequential)?;
                let frame_gap = Kind::FrameGap.of(Mode::Sequential);
                let frozen = v(seen, frame_gap.at(1));
                Ok(ok(main.record.on_main_thread
                    && frozen
                        >= 0.8
                            * v(seen, Kind::Wall.of(Mode::Sequential).at(1))
                    && v(seen, frame_gap.at(2)) < 0.5 * frozen))
            }
        }
    }
}

fn contention(seen: &Observation) -> Result<Verdict, Reason> {
    need(seen, 0, Mode::Sequential)?;
    need(seen, 0, Mode::Threads)?;
    let many = need(seen, 1, Mode::Threads)?;
    let s = &many.record.settings;
    if s.workers.min(s.tasks) <= seen.cores {
        return Err(Reason::NoOversubscription);
    }
    let gain = v(seen, Kind::SpeedupVsFirst.of(Mode::Threads).at(2))
        / v(seen, Kind::Speedup.of(Mode::Threads));
    let mean_task = Kind::MeanTask.of(Mode::Threads);
    Ok(ok(gain <= 1.2
        && v(seen, mean_task.at(2))
            >= 1.5 * v(seen, mean_task.at(1))))
}

fn imbalance(seen: &Observation) -> Result<Verdict, Reason> {
    let seq = need(seen, 0, Mode::Sequential)?;
    let pooled = [Mode::Threads, Mode::Processes]
        .into_iter()
        .filter_map(|m| need(seen, 0, m).ok())
        .map(|m| m.record.mode)
        .next();
    let Some(mode) = pooled else {
        need(seen, 0, Mode::Threads)?;
        return Err(Reason::NotRun {
            mode: Mode::Processes,
        });
    };
    if seq.record.settings.workers <= 1 {
        return Err(Reason::OneWorker);
    }
    let bound = Kind::ImbalanceBound.of(Mode::Sequential);
    if value(seen, bound).is_none() {
        let coarse =
            v(seen, Kind::MeanTask.of(Mode::Sequential)) < 50.0 * seq.record.timer_resolution_ms;
        return Err(if coarse {
            Reason::CoarseClock
        } else {
            Reason::Noisy
        });
    }
    Ok(ok(v(seen, Kind::Speedup.of(mode)) <= 1.1 * v(seen, bound)))
}
