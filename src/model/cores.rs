//! Counting the cores a page can use, from spinning workers: one worker spins alone, then
//! `workers` spin at once for as long; each counts the rounds of work it did. The rounds of all
//! of them, over the rounds of one worker at full speed, are the cores they had between them.
//!
//! Full speed is the fastest any worker spun, alone or not: on a busy machine (or with code
//! the browser had not yet optimized) the lone worker can spin slower than the workers after
//! it, and over its rounds two workers once counted as 2.5 cores. No worker runs faster than
//! full speed, so the count never exceeds the workers that spun.

/// The cores measured from the lone worker's rounds (`alone`) and each spinning worker's
/// (`together`): at most `together.len()`.
pub fn measured_cores(alone: u64, together: &[u64]) -> f64 {
    let total: u64 = together.iter().sum();
    let full_speed = together.iter().copied().fold(alone, u64::max).max(1);
    total as f64 / full_speed as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_at_full_speed_count_one_core_each() {
        assert_eq!(measured_cores(1000, &[1000, 1000]), 2.0);
        assert_eq!(measured_cores(1000, &[1000, 1000, 500, 500]), 3.0);
    }

    #[test]
    fn never_more_cores_than_workers_spun() {
        // The machine was busy while the lone worker spun (or its code was colder), then two
        // workers each spun faster than it: 2.5 "cores" from 2 workers.
        let cores = measured_cores(800, &[1000, 1000]);
        assert!(cores <= 2.0, "{cores} cores from 2 workers");
        assert_eq!(cores, 2.0, "both ran at least as fast as the lone worker");
        // A reference slowed that way still counts a worker held back as part of a core.
        assert_eq!(measured_cores(800, &[1000, 500]), 1.5);
        assert!(measured_cores(1, &[10, 10, 10]) <= 3.0);
    }

    #[test]
    fn a_lone_worker_that_did_nothing_does_not_divide_by_zero() {
        assert!(measured_cores(0, &[10, 10]).is_finite());
    }
}
