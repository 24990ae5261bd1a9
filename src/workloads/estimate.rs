//! Rough cost estimates, made before a run so the page can warn about long runs and keep
//! `run=1` links and main-thread runs short. Each workload counts its basic operations; the
//! machine's speed comes from the calibration (SHA-256 rounds per ms) times how many of each
//! operation cost as much as one round (measured natively with the portable SHA-256, as in wasm:
//! `RUSTFLAGS='--cfg sha2_backend="soft"' cargo test --release -- --ignored
//! estimate_ratios --nocapture` prints the ratios).

use super::Calibration;
use crate::settings::{Mode, Settings, WorkloadKind};

/// Trial divisions that cost as much as one SHA-256 round.
const DIVISIONS_PER_ROUND: f64 = 94.0;
/// Mandelbrot iterations that cost as much as one SHA-256 round.
const ITERATIONS_PER_ROUND: f64 = 67.0;
/// Collatz steps that cost as much as one SHA-256 round.
const COLLATZ_STEPS_PER_ROUND: f64 = 360.0;
/// Parsing one download's payload, in rounds.
const PAYLOAD_ROUNDS: f64 = 75.0;

/// The expected cost of a workload run on one unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Computing, summed over all tasks, in ms.
    pub cpu_ms: f64,
    /// Waiting, summed over all tasks, in ms.
    pub io_ms: f64,
    /// The longest single wait of a task, in ms.
    pub longest_wait_ms: f64,
}

/// Estimates the cost of these settings' workload.
pub fn estimate(s: &Settings, calibration: &Calibration) -> Estimate {
    let rounds_per_ms = calibration.hash_rounds_per_ms.max(1.0);
    let tasks = f64::from(s.tasks);
    let (rounds, io_ms, longest_wait_ms) = match s.workload {
        WorkloadKind::Primes => {
            let l = f64::from(s.limit).max(3.0);
            // Primes cost sqrt(p) divisions each: sum ≈ (2/3) L^1.5 / ln L; composites add a third.
            let divisions = 1.3 * (2.0 / 3.0) * l.powf(1.5) / l.ln() + l;
            (divisions / DIVISIONS_PER_ROUND, 0.0, 0.0)
        }
        WorkloadKind::Mandelbrot => {
            // About 16% of the default view lies inside the set (the set's area is about 1.5).
            let pixels = f64::from(s.width) * f64::from(s.height);
            let iterations = pixels
                * (0.16 * f64::from(s.iterations) + 0.84 * 12.0_f64.min(f64::from(s.iterations)));
            (iterations / ITERATIONS_PER_ROUND, 0.0, 0.0)
        }
        WorkloadKind::Hashes => (f64::from(s.chains) * f64::from(s.rounds), 0.0, 0.0),
        WorkloadKind::Collatz => {
            let n = f64::from(s.numbers).max(2.0);
            // The mean stopping time below n grows like 10.4 ln n.
            (n * 10.4 * n.ln() / COLLATZ_STEPS_PER_ROUND, 0.0, 0.0)
        }
        WorkloadKind::Downloads => {
            let mean_wait = f64::from(s.latency_ms) + f64::from(s.jitter_ms) / 2.0;
            (
                tasks * PAYLOAD_ROUNDS,
                tasks * mean_wait,
                f64::from(s.latency_ms + s.jitter_ms),
            )
        }
        WorkloadKind::Mixed => {
            let rounds = tasks * f64::from(calibration.rounds_for(s.cpu_ms));
            (rounds, tasks * f64::from(s.io_ms), f64::from(s.io_ms))
        }
        WorkloadKind::Convoy => {
            // The IO task's waits come one after another: they are its longest "wait".
            let computing = (tasks - 1.0).max(0.0) * f64::from(calibration.rounds_for(s.cpu_ms));
            let waiting = f64::from(s.waits) * f64::from(s.wait_ms);
            (computing + f64::from(s.waits), waiting, waiting)
        }
    };
    Estimate {
        cpu_ms: rounds / rounds_per_ms,
        io_ms,
        longest_wait_ms,
    }
}

impl Estimate {
    /// The expected wall time of one mode, in ms, with `workers` units on `cores` cores.
    pub fn wall_ms(&self, mode: Mode, workers: u32, cores: u32, tasks: u32) -> f64 {
        let parallel = f64::from(workers.min(cores.max(1)).min(tasks.max(1)));
        let overlapping_waits = f64::from(workers.min(tasks).max(1));
        let waits = (self.io_ms / overlapping_waits).max(self.longest_wait_ms);
        match mode {
            Mode::Sequential => self.cpu_ms + self.io_ms,
            Mode::Threads | Mode::Processes => self.cpu_ms / parallel + waits,
            Mode::Gil => self.cpu_ms + waits,
            // A GPU's speed is not known before it runs; its dispatches are kept short, and
            // Cancel stops it. The CPU's time is what a slow (emulated) adapter may approach.
            Mode::Gpu => self.cpu_ms,
            Mode::Coroutines => {
                self.cpu_ms
                    + self
                        .longest_wait_ms
                        .max(self.io_ms / f64::from(tasks.max(1)))
            }
        }
    }

    /// The expected time of a whole run of every chosen mode, in ms.
    pub fn run_ms(&self, s: &Settings, cores: u32) -> f64 {
        s.modes
            .iter()
            .map(|&m| self.wall_ms(m, s.workers, cores, s.tasks))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workloads::{Plan, run_to_end};
    use std::time::Instant;

    fn time_ms(s: &Settings) -> f64 {
        let plan = Plan::new(s, Calibration::default());
        let start = Instant::now();
        for task in &plan.tasks {
            std::hint::black_box(run_to_end(&mut task.start()));
        }
        start.elapsed().as_secs_f64() * 1000.0
    }

    fn settings(workload: WorkloadKind) -> Settings {
        let mut s = Settings::defaults(1);
        s.workload = workload;
        s.latency_ms = 0;
        s
    }

    /// Prints how each workload's estimate compares with its real time here, to set the
    /// constants above: `cargo test --release -- --ignored estimate_ratios --nocapture`.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn estimate_ratios() {
        let hashes = settings(WorkloadKind::Hashes);
        let rounds_per_ms = f64::from(hashes.chains) * f64::from(hashes.rounds) / time_ms(&hashes);
        let calibration = Calibration {
            hash_rounds_per_ms: rounds_per_ms,
            measured: true,
        };
        println!("{rounds_per_ms:.0} SHA-256 rounds per ms");
        for &kind in WorkloadKind::ALL {
            let s = settings(kind);
            let real = time_ms(&s);
            let guess = estimate(&s, &calibration).cpu_ms;
            println!(
                "{kind}: estimated {guess:.1} ms, measured {real:.1} ms, ratio {:.2}",
                real / guess
            );
        }
    }

    #[test]
    fn estimates_grow_with_the_work() {
        let calibration = Calibration::default();
        let mut s = settings(WorkloadKind::Primes);
        let small = estimate(&s, &calibration).cpu_ms;
        s.limit *= 10;
        assert!(estimate(&s, &calibration).cpu_ms > 20.0 * small);
        let mut d = settings(WorkloadKind::Downloads);
        d.latency_ms = 200;
        d.tasks = 16;
        let e = estimate(&d, &calibration);
        assert_eq!(e.io_ms, 3200.0);
        assert!(e.wall_ms(Mode::Sequential, 16, 2, 16) > 3200.0);
        assert!(e.wall_ms(Mode::Coroutines, 16, 2, 16) < 300.0);
        assert!(e.wall_ms(Mode::Threads, 16, 2, 16) < 300.0);
    }
}
