//! Warming a unit up until its speed is steady, before its clock starts.
//!
//! Each Web Worker is its own JavaScript VM and compiles the hot wasm code to its optimizing
//! tier on its own, on the browser's background threads, which compete with the workers for
//! the cores. A warm-up of a fixed few milliseconds ended, in a fresh WebKit, long before that
//! was done, and the first run was timed on code still being optimized (Sequential 1.6–2.1 s
//! against 1.1 s warmed, Threads 2.33× on 2 cores). So every unit (and every pool thread)
//! repeats a fixed probe of the task's code (its first steps, from the start each time) until
//! two probes in a row took times within [`SteadyRule::tolerance`] of each other, or until
//! [`SteadyRule::bound_ms`] has passed. A probe too short to time well is made longer, and the
//! next is compared with it only once they are the same size.
//!
//! [`WarmUp`] decides, from the probes' times alone (natively tested with made-up timings);
//! [`warm_until_steady`] runs the probes on a real clock. The warm-up is drawn in the timeline
//! and counted neither as start-up nor in the wall time.

use super::platform::Platform;
use crate::workloads::{Step, TaskSpec};

/// When a warm-up stops.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SteadyRule {
    /// Two probes in a row whose times differ by less than this share of the shorter are
    /// steady (0.05: under 5 %).
    pub tolerance: f64,
    /// The warm-up stops after this long even if never steady, ms.
    pub bound_ms: f64,
    /// A probe shorter than this is made longer before it counts, ms.
    pub min_probe_ms: f64,
}

impl SteadyRule {
    /// The page's rule: under 5 %, at most about a second, probes of at least 4 ms (or 40
    /// steps of a clock as coarse as `resolution_ms`).
    pub fn page(resolution_ms: f64) -> Self {
        SteadyRule {
            tolerance: 0.05,
            bound_ms: 1000.0,
            min_probe_ms: (40.0 * resolution_ms).max(4.0),
        }
    }

    /// A short rule for native tests, whose code is compiled before it runs.
    pub const QUICK: SteadyRule = SteadyRule {
        tolerance: 0.05,
        bound_ms: 20.0,
        min_probe_ms: 0.2,
    };
}

/// What the last probe's time says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Probe again, [`WarmUp::steps`] steps.
    Again,
    /// Two probes in a row agreed: the speed is steady.
    Steady,
    /// The bound passed before the speed was steady.
    Bounded,
}

/// A warm-up in progress: the probes' size and the last one's time.
#[derive(Clone, Debug, PartialEq)]
pub struct WarmUp {
    rule: SteadyRule,
    steps: u64,
    last_ms: Option<f64>,
    spent_ms: f64,
    probes: u32,
}

/// The most a probe grows at once.
const MAX_GROWTH: f64 = 64.0;

impl WarmUp {
    /// A warm-up whose first probe is one step.
    pub fn new(rule: SteadyRule) -> Self {
        WarmUp {
            rule,
            steps: 1,
            last_ms: None,
            spent_ms: 0.0,
            probes: 0,
        }
    }

    /// How many steps the next probe runs.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// How many probes it has run.
    pub fn probes(&self) -> u32 {
        self.probes
    }

    /// Records that a probe of [`WarmUp::steps`] steps took `ms`, and says what next.
    pub fn record(&mut self, ms: f64) -> Verdict {
        let ms = ms.max(0.0);
        self.spent_ms += ms;
        self.probes += 1;
        if ms < self.rule.min_probe_ms {
            // Too short to time: aim the next at twice the minimum. Its time cannot be compared
            // with this one's.
            let growth =
                (2.0 * self.rule.min_probe_ms / ms.max(f64::MIN_POSITIVE)).clamp(2.0, MAX_GROWTH);
            self.steps = ((self.steps as f64) * growth).ceil().min(u64::MAX as f64) as u64;
            self.last_ms = None;
        } else if let Some(last) = self.last_ms.replace(ms)
            && (ms - last).abs() < self.rule.tolerance * ms.min(last)
        {
            return Verdict::Steady;
        }
        if self.spent_ms >= self.rule.bound_ms {
            Verdict::Bounded
        } else {
            Verdict::Again
        }
    }
}

/// How a warm-up ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WarmedUp {
    /// Whether its speed was steady (else the bound stopped it).
    pub steady: bool,
    /// The probes it ran.
    pub probes: u32,
}

/// Runs probes of `spec`'s code (its first steps, from its start each time; waits skipped) on
/// `platform`'s clock until `rule` says stop.
pub fn warm_until_steady(spec: &TaskSpec, platform: &dyn Platform, rule: SteadyRule) -> WarmedUp {
    let mut warm = WarmUp::new(rule);
    loop {
        let start = platform.now_ms();
        let mut job = spec.start();
        for _ in 0..warm.steps() {
            if let Step::Done(output) = job.step() {
                std::hint::black_box(output);
                job = spec.start();
            }
        }
        std::hint::black_box(&job);
        match warm.record(platform.now_ms() - start) {
            Verdict::Again => {}
            verdict => {
                return WarmedUp {
                    steady: verdict == Verdict::Steady,
                    probes: warm.probes(),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: SteadyRule = SteadyRule {
        tolerance: 0.05,
        bound_ms: 1000.0,
        min_probe_ms: 4.0,
    };

    /// Feeds `times` to a warm-up until it stops; the verdict and how many probes it took.
    fn feed(times: impl IntoIterator<Item = f64>) -> (Verdict, u32) {
        let mut warm = WarmUp::new(RULE);
        for ms in times {
            match warm.record(ms) {
                Verdict::Again => {}
                verdict => return (verdict, warm.probes()),
            }
        }
        panic!("the warm-up never stopped");
    }

    #[test]
    fn steady_speed_stops_at_the_second_probe_that_agrees() {
        // Long enough probes from the start: cold, faster, then two alike.
        assert_eq!(feed([20.0, 12.0, 8.0, 8.2]), (Verdict::Steady, 4));
        assert_eq!(feed([10.0, 10.4]), (Verdict::Steady, 2));
    }

    #[test]
    fn probes_five_percent_apart_are_not_steady() {
        assert_eq!(feed([10.0, 10.6, 11.2, 11.25]), (Verdict::Steady, 4));
        assert_eq!(feed([10.0, 9.5, 9.49]), (Verdict::Steady, 3));
    }

    #[test]
    fn never_steady_stops_at_the_bound() {
        // Alternating 10 and 20 ms never agree; about a second of them.
        let (verdict, probes) = feed((0..).map(|i| if i % 2 == 0 { 10.0 } else { 20.0 }));
        assert_eq!(verdict, Verdict::Bounded);
        assert_eq!(probes, 67, "1000 ms of probes averaging 15 ms");
        // Each probe 10 % faster than the last never agrees either: 200, 180, ... ms.
        assert_eq!(
            feed((0..).map(|i| 200.0 * 0.9f64.powi(i))),
            (Verdict::Bounded, 7)
        );
    }

    #[test]
    fn short_probes_grow_and_are_not_compared_across_sizes() {
        let mut warm = WarmUp::new(RULE);
        assert_eq!(warm.steps(), 1);
        // 0.1 ms for one step: the next aims at 8 ms, 64 times as many steps at most.
        assert_eq!(warm.record(0.1), Verdict::Again);
        assert_eq!(warm.steps(), 64);
        // 64 steps in 2 ms: still short, 4 times as many.
        assert_eq!(warm.record(2.0), Verdict::Again);
        assert_eq!(warm.steps(), 256);
        // The first probe of the new size has nothing of its size to agree with.
        assert_eq!(warm.record(8.0), Verdict::Again);
        assert_eq!(warm.record(8.1), Verdict::Steady);
        assert_eq!(warm.steps(), 256);
    }

    #[test]
    fn a_clock_that_does_not_move_grows_the_probe_fast() {
        let mut warm = WarmUp::new(RULE);
        assert_eq!(warm.record(0.0), Verdict::Again);
        assert_eq!(warm.steps(), 64);
        assert_eq!(warm.record(0.0), Verdict::Again);
        assert_eq!(warm.steps(), 64 * 64);
    }

    #[test]
    fn the_page_rule_times_probes_of_forty_clock_steps() {
        assert_eq!(SteadyRule::page(0.005).min_probe_ms, 4.0);
        assert_eq!(SteadyRule::page(1.0).min_probe_ms, 40.0);
        assert_eq!(SteadyRule::page(0.1).bound_ms, 1000.0);
    }

    #[test]
    fn a_real_task_warms_up_natively() {
        use crate::engine::platform::NativePlatform;
        use crate::settings::Settings;
        use crate::workloads::{Calibration, Plan};
        let plan = Plan::new(&Settings::defaults(2), Calibration::default());
        let platform = NativePlatform::new();
        let warmed = warm_until_steady(&plan.tasks[0], &platform, SteadyRule::QUICK);
        assert!(warmed.probes >= 2, "{warmed:?}");
        assert!(
            platform.now_ms() < 1000.0,
            "bounded by the rule's 20 ms (and one probe)"
        );
    }
}
