//! Amdahl's law, S(n) = 1 / ((1 - p) + p / n), fitted to measured speedups: the parallel
//! fraction p that best explains them (least squares over p in [0, 1], by golden-section search,
//! which needs no derivative and cannot diverge).

/// The speedup Amdahl's law predicts on `n` workers for parallel fraction `p`.
pub fn predicted(p: f64, n: f64) -> f64 {
    1.0 / ((1.0 - p) + p / n)
}

/// The parallel fraction that best fits the `(workers, speedup)` points; `None` without a point
/// on more than one worker.
pub fn fit(points: &[(f64, f64)]) -> Option<f64> {
    if !points.iter().any(|&(n, s)| n > 1.0 && s.is_finite()) {
        return None;
    }
    let error = |p: f64| -> f64 {
        points
            .iter()
            .filter(|(_, s)| s.is_finite())
            .map(|&(n, s)| (predicted(p, n) - s).powi(2))
            .sum()
    };
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut a = hi - ratio * (hi - lo);
    let mut b = lo + ratio * (hi - lo);
    let (mut fa, mut fb) = (error(a), error(b));
    for _ in 0..80 {
        if fa < fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - ratio * (hi - lo);
            fa = error(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + ratio * (hi - lo);
            fb = error(b);
        }
    }
    let best = (lo + hi) / 2.0;
    // The ends are candidates too (a perfectly serial or parallel run).
    [0.0, best, 1.0]
        .into_iter()
        .min_by(|x, y| error(*x).total_cmp(&error(*y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_fraction_of_exact_points() {
        for p in [0.0, 0.5, 0.9, 0.95, 1.0] {
            let points: Vec<(f64, f64)> = (1..=8)
                .map(|n| (f64::from(n), predicted(p, f64::from(n))))
                .collect();
            let found = fit(&points).expect("fits");
            assert!((found - p).abs() < 1e-4, "p = {p}, found {found}");
        }
    }

    #[test]
    fn fits_noisy_points_and_refuses_too_few() {
        let points = [(1.0, 1.0), (2.0, 1.9), (4.0, 3.1)];
        let p = fit(&points).expect("fits");
        assert!((0.85..0.97).contains(&p), "{p}");
        assert_eq!(fit(&[(1.0, 1.0)]), None);
        assert_eq!(predicted(0.5, 1.0), 1.0);
    }
}
