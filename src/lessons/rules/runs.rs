//! The rules that compare runs of one mode.

use super::{Reason, Verdict, need, ok, rule_family, structural, v};
use crate::lessons::observed::Observation;
use crate::lessons::quantity::Kind;
use crate::settings::Mode;

rule_family! {
    /// A rule that compares runs of one mode.
    RunsRule {
        BlockingLoop = "blocking_loop": "A coroutine that never awaits keeps the others waiting far longer (run 1) than one that yields (run 2).",
        SwitchInterval = "switch_interval": "A longer switch interval (runs 1, 2, 3) means fewer hand-overs, about the same total.",
        OldGilSlower = "old_gil_slower": "On several cores the old GIL (run 2) is slower than one thread.",
    }
}

impl RunsRule {
    /// Decides from what the runs recorded.
    pub(super) fn check(self, seen: &Observation) -> Result<Verdict, Reason> {
        match self {
            RunsRule::BlockingLoop => blocking_loop(seen),
            RunsRule::SwitchInterval => switch_interval(seen),
            RunsRule::OldGilSlower => {
                need(seen, 0, Mode::Sequential)?;
                let new = need(seen, 0, Mode::Gil)?;
                need(seen, 1, Mode::Gil)?;
                if let Some(reason) = structural(seen, new, true) {
                    return Err(reason);
                }
                let old = v(seen, Kind::SpeedupVsFirst.of(Mode::Gil).at(2));
                Ok(ok(old < 1.0 && old < v(seen, Kind::Speedup.of(Mode::Gil))))
            }
        }
    }
}

fn blocking_loop(seen: &Observation) -> Result<Verdict, Reason> {
    let first = need(seen, 0, Mode::Coroutines)?;
    need(seen, 1, Mode::Coroutines)?;
    if first.record.settings.tasks <= 1 {
        return Err(Reason::OneTask);
    }
    let ready_max = Kind::ReadyMax.of(Mode::Coroutines);
    let (blocked, yielding) = (v(seen, ready_max.at(1)), v(seen, ready_max.at(2)));
    if blocked < 20.0 * first.record.timer_resolution_ms {
        return Err(Reason::CoarseClock);
    }
    Ok(ok(blocked >= 3.0 * yielding))
}

fn switch_interval(seen: &Observation) -> Result<Verdict, Reason> {
    let first = need(seen, 0, Mode::Gil)?;
    need(seen, 1, Mode::Gil)?;
    need(seen, 2, Mode::Gil)?;
    if let Some(reason) = structural(seen, first, false) {
        return Err(reason);
    }
    let rates: Vec<f64> = (1..=3)
        .map(|r| v(seen, Kind::SwitchesPerS.of(Mode::Gil).at(r)))
        .collect();
    let walls: Vec<f64> = (1..=3)
        .map(|r| v(seen, Kind::Wall.of(Mode::Gil).at(r)))
        .collect();
    let (low, high) = walls
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(l, h), w| (l.min(*w), h.max(*w)));
    Ok(ok(rates[0] > rates[1]
        && rates[1] > rates[2]
        && high <= 1.3 * low))
}
