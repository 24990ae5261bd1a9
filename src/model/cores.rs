//! Counting the cores a page can use, from spinning workers: one worker spins alone, then
//! `workers` spin at once for as long; each counts the rounds of work it did. A worker that did
//! as many rounds as the lone one ran at full speed, so the rounds of all of them, over a full
//! speed's rounds, are the cores they had between them.

/// The cores measured from the lone worker's rounds (`alone`) and each spinning worker's
/// (`together`).
pub fn measured_cores(alone: u64, together: &[u64]) -> f64 {
    let total: u64 = together.iter().sum();
    total as f64 / alone.max(1) as f64
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
    fn a_lone_worker_that_did_nothing_does_not_divide_by_zero() {
        assert!(measured_cores(0, &[10, 10]).is_finite());
    }
}
