//! The comparison of modes that ran the same plan: speedup over Sequential (with and without
//! start-up), efficiency, and whether each result agrees with Sequential's.

use super::record::RunRecord;
use crate::settings::Mode;
use crate::workloads::Checksum;

/// One row of the results table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The mode.
    pub mode: Mode,
    /// Threads or processes (1 for the single-unit modes).
    pub workers: u32,
    /// From the first task's start to the last task's end, ms.
    pub wall_ms: f64,
    /// Start-up, ms.
    pub startup_ms: f64,
    /// Sequential's wall time over this one's, if Sequential ran.
    pub speedup: Option<f64>,
    /// Sequential's wall time over this one's wall time plus its start-up.
    pub speedup_with_startup: Option<f64>,
    /// Speedup per worker, for the modes with several workers (Sequential: 1).
    pub efficiency: Option<f64>,
    /// Whether the checksum equals Sequential's (None if Sequential did not run).
    pub agrees: Option<bool>,
    /// The checksum.
    pub checksum: Checksum,
}

/// How many units a mode computes with.
pub fn workers_of(record: &RunRecord) -> u32 {
    match record.mode {
        Mode::Threads | Mode::Gil | Mode::Processes => record.settings.workers,
        Mode::Sequential | Mode::Coroutines => 1,
    }
}

/// `baseline / time`, when both are positive.
pub fn speedup(baseline_ms: f64, time_ms: f64) -> Option<f64> {
    (baseline_ms > 0.0 && time_ms > 0.0).then(|| baseline_ms / time_ms)
}

/// The rows for these records, in their order; Sequential (the first one found) is the baseline.
pub fn compare(records: &[&RunRecord]) -> Vec<Row> {
    let baseline = records.iter().find(|r| r.mode == Mode::Sequential);
    records
        .iter()
        .map(|r| {
            let workers = workers_of(r);
            let speedup_now = baseline.and_then(|b| speedup(b.wall_ms, r.wall_ms));
            let efficiency = match r.mode {
                Mode::Sequential => speedup_now.map(|_| 1.0),
                Mode::Coroutines => None,
                _ => speedup_now.map(|s| s / f64::from(workers)),
            };
            Row {
                mode: r.mode,
                workers,
                wall_ms: r.wall_ms,
                startup_ms: r.startup_ms,
                speedup: speedup_now,
                speedup_with_startup: baseline
                    .and_then(|b| speedup(b.wall_ms, r.wall_ms + r.startup_ms)),
                efficiency,
                agrees: baseline.map(|b| b.result.checksum == r.result.checksum),
                checksum: r.result.checksum,
            }
        })
        .collect()
}

/// The best speedup `workers` units can reach when tasks of these durations are handed out in
/// order to whichever unit is free first, as a pool does, with no overhead at all: the total work
/// over the time the last unit finishes. Below `workers` when the tasks are uneven and the long
/// ones come last (load imbalance).
pub fn in_order_bound(durations: &[f64], workers: u32) -> Option<f64> {
    let total: f64 = durations.iter().sum();
    if workers == 0 || total <= 0.0 {
        return None;
    }
    let mut free_at = vec![0.0f64; workers as usize];
    for &d in durations {
        let first_free = free_at
            .iter_mut()
            .min_by(|a, b| a.total_cmp(b))
            .expect("at least one worker");
        *first_free += d;
    }
    let makespan = free_at.into_iter().fold(0.0, f64::max);
    Some(total / makespan)
}

/// The in-order bound of tasks measured with a clock of this resolution, when it shows load
/// imbalance: below 97% of `workers`, and from tasks that last on average at least 50 of the
/// clock's steps (with a coarse clock, equal tasks measure unequal and would seem imbalanced).
pub fn load_imbalance(durations: &[f64], workers: u32, resolution_ms: f64) -> Option<f64> {
    let mean = durations.iter().sum::<f64>() / durations.len().max(1) as f64;
    if mean < 50.0 * resolution_ms {
        return None;
    }
    in_order_bound(durations, workers).filter(|bound| *bound < 0.97 * f64::from(workers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::workloads::WorkloadResult;

    fn record(mode: Mode, wall_ms: f64, startup_ms: f64, checksum: u64) -> RunRecord {
        RunRecord {
            mode,
            settings: Settings::defaults(4),
            on_main_thread: false,
            lanes: vec![],
            tasks: vec![],
            wall_ms,
            startup_ms,
            bytes_serialized: 0,
            serialize_ms: 0.0,
            gil_switches: 0,
            result: WorkloadResult {
                checksum: Checksum(checksum),
                items: 0,
                total: 0,
            },
            timer_resolution_ms: 0.005,
            origin_ms: 0.0,
        }
    }

    #[test]
    fn speedup_and_efficiency_against_sequential() {
        let seq = record(Mode::Sequential, 400.0, 50.0, 7);
        let threads = record(Mode::Threads, 100.0, 100.0, 7);
        let coroutines = record(Mode::Coroutines, 400.0, 10.0, 8);
        let rows = compare(&[&seq, &threads, &coroutines]);
        assert_eq!(rows[0].speedup, Some(1.0));
        assert_eq!(rows[0].efficiency, Some(1.0));
        assert_eq!(rows[1].workers, 4);
        assert_eq!(rows[1].speedup, Some(4.0));
        assert_eq!(rows[1].speedup_with_startup, Some(2.0));
        assert_eq!(rows[1].efficiency, Some(1.0));
        assert_eq!(rows[1].agrees, Some(true));
        assert_eq!(
            rows[2].efficiency, None,
            "one thread: efficiency does not apply"
        );
        assert_eq!(rows[2].agrees, Some(false));
    }

    #[test]
    fn the_in_order_bound_shows_load_imbalance() {
        // Even tasks: two workers can double the speed.
        assert_eq!(in_order_bound(&[1.0; 8], 2), Some(2.0));
        // Growing tasks handed out in order: the last, longest one leaves a worker idle.
        let growing = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        let bound = in_order_bound(&growing, 2).expect("bound");
        assert!((bound - 36.0 / 20.0).abs() < 1e-9, "{bound}");
        assert_eq!(in_order_bound(&growing, 8), Some(36.0 / 8.0));
        assert_eq!(in_order_bound(&[], 2), None);
    }

    #[test]
    fn imbalance_is_claimed_only_where_the_clock_can_show_it() {
        let growing = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        assert!(load_imbalance(&growing, 2, 0.005).is_some());
        assert_eq!(load_imbalance(&[1.0; 8], 2, 0.005), None, "even tasks");
        // Equal 6 ms tasks read from a 1 ms clock: 5, 6 or 7 ms each.
        let coarse = [5.0, 7.0, 6.0, 6.0, 5.0, 7.0, 7.0, 7.0];
        assert!(in_order_bound(&coarse, 2).is_some_and(|b| b < 1.94));
        assert_eq!(
            load_imbalance(&coarse, 2, 1.0),
            None,
            "rounding, not imbalance"
        );
        assert_eq!(load_imbalance(&[], 2, 0.005), None);
    }

    #[test]
    fn without_sequential_there_is_no_baseline() {
        let rows = compare(&[&record(Mode::Threads, 100.0, 0.0, 1)]);
        assert_eq!(rows[0].speedup, None);
        assert_eq!(rows[0].agrees, None);
        assert_eq!(speedup(0.0, 1.0), None);
    }
}
