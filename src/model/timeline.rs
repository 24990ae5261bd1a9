//! What the timeline view computes: a time axis with round ticks, and the bars to draw, with
//! intervals narrower than a pixel merged so a run of thousands of intervals stays quick to draw.

use super::record::{Interval, IntervalKind};

/// Round tick positions from 0 to at least `max_ms`, about `target` of them (steps of 1, 2 or
/// 5 times a power of ten).
pub fn ticks(max_ms: f64, target: usize) -> Vec<f64> {
    if !max_ms.is_finite() || max_ms <= 0.0 {
        return vec![0.0];
    }
    let raw = max_ms / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let count = (max_ms / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// A tick's label: "0", "250 ms", "1.5 s".
pub fn tick_label(ms: f64) -> String {
    if ms == 0.0 {
        "0".to_owned()
    } else if ms >= 1000.0 {
        let s = ms / 1000.0;
        if (s - s.round()).abs() < 1e-9 {
            format!("{s:.0} s")
        } else {
            format!("{s:.1} s")
        }
    } else if ms >= 1.0 || ms == ms.round() {
        format!("{} ms", (ms * 1000.0).round() / 1000.0)
    } else {
        format!("{ms:.2} ms")
    }
}

/// A bar to draw: one interval, or several of the same kind merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The kind every merged interval shares.
    pub kind: IntervalKind,
    /// The first interval's start, ms from the mode's start.
    pub start: f64,
    /// The last interval's end, ms from the mode's start.
    pub end: f64,
    /// The first and last task among them (None if none had a task).
    pub tasks: Option<(u32, u32)>,
    /// How many intervals were merged into this bar.
    pub count: usize,
}

/// The bars of one lane when `px_per_ms` pixels show one ms: intervals of the same kind closer
/// than one pixel to each other (whatever lies between them) merge into one bar, and every bar
/// is at least a pixel wide.
pub fn bars(intervals: &[Interval], px_per_ms: f64) -> Vec<Bar> {
    let pixel_ms = if px_per_ms > 0.0 {
        1.0 / px_per_ms
    } else {
        f64::INFINITY
    };
    let mut out: Vec<Bar> = Vec::new();
    for kind in IntervalKind::ALL {
        let mut open: Option<Bar> = None;
        let mut of_kind: Vec<&Interval> = intervals.iter().filter(|iv| iv.kind == kind).collect();
        of_kind.sort_by(|a, b| a.start.total_cmp(&b.start));
        for iv in of_kind {
            let narrow = iv.duration() < pixel_ms;
            match open.as_mut() {
                Some(bar)
                    if iv.start - bar.end < pixel_ms
                        && (narrow || bar.end - bar.start < pixel_ms) =>
                {
                    bar.end = bar.end.max(iv.end);
                    bar.count += 1;
                    bar.tasks = match (bar.tasks, iv.task) {
                        (Some((a, b)), Some(t)) => Some((a.min(t), b.max(t))),
                        (None, Some(t)) => Some((t, t)),
                        (tasks, None) => tasks,
                    };
                }
                _ => {
                    if let Some(bar) = open.take() {
                        out.push(bar);
                    }
                    open = Some(Bar {
                        kind,
                        start: iv.start,
                        end: iv.end,
                        tasks: iv.task.map(|t| (t, t)),
                        count: 1,
                    });
                }
            }
        }
        out.extend(open);
    }
    out.sort_by(|a, b| a.start.total_cmp(&b.start));
    out
}

/// The SVG path that draws these bars (of one kind) as rectangles `height` high, with `x` turning
/// ms into the SVG's units; every bar is at least `min_width` wide. One path per kind keeps the
/// page's element count small however many bars there are.
pub fn path<'a>(
    bars: impl IntoIterator<Item = &'a Bar>,
    x: impl Fn(f64) -> f64,
    height: f64,
    min_width: f64,
) -> String {
    use std::fmt::Write;
    let mut d = String::new();
    for bar in bars {
        let left = x(bar.start);
        let width = (x(bar.end) - left).max(min_width);
        let _ = write!(d, "M{left:.2} 0h{width:.2}v{height}h-{width:.2}z");
    }
    d
}

/// The bar to show at time `ms` on a lane: one that spans it (the last such, as it is drawn on
/// top), else the nearest. `bars` must be sorted by start, as [`bars`] returns them.
pub fn bar_at(bars: &[Bar], ms: f64) -> Option<usize> {
    let after = bars.partition_point(|b| b.start <= ms);
    let spanning = (0..after).rev().take(64).find(|&i| bars[i].end >= ms);
    spanning.or_else(|| {
        let before = after.checked_sub(1);
        let next = (after < bars.len()).then_some(after);
        match (before, next) {
            (Some(b), Some(n)) => Some(if ms - bars[b].end <= bars[n].start - ms {
                b
            } else {
                n
            }),
            (b, n) => b.or(n),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(kind: IntervalKind, task: u32, start: f64, end: f64) -> Interval {
        Interval {
            kind,
            task: Some(task),
            start,
            end,
        }
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            ticks(1000.0, 5),
            vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
        );
        assert_eq!(ticks(7.3, 4), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 4), vec![0.0]);
        let many = ticks(123_456.0, 6);
        assert!(many.len() <= 8 && *many.last().expect("ticks") >= 123_456.0);
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(250.0), "250 ms");
        assert_eq!(tick_label(1500.0), "1.5 s");
        assert_eq!(tick_label(2000.0), "2 s");
        assert_eq!(tick_label(0.25), "0.25 ms");
    }

    #[test]
    fn wide_intervals_stay_apart() {
        let lane = [
            iv(IntervalKind::Compute, 0, 0.0, 10.0),
            iv(IntervalKind::Compute, 1, 10.0, 20.0),
        ];
        let drawn = bars(&lane, 1.0);
        assert_eq!(drawn.len(), 2, "each is 10 px wide");
    }

    #[test]
    fn paths_and_picking() {
        let lane = [
            iv(IntervalKind::Compute, 0, 0.0, 10.0),
            iv(IntervalKind::Io, 1, 20.0, 20.0),
        ];
        let drawn = bars(&lane, 1.0);
        assert_eq!(
            path(&drawn[..1], |ms| ms * 2.0, 10.0, 1.0),
            "M0.00 0h20.00v10h-20.00z"
        );
        assert_eq!(
            path(&drawn[1..], |ms| ms, 10.0, 1.0),
            "M20.00 0h1.00v10h-1.00z",
            "a bar is at least a unit wide"
        );
        assert_eq!(bar_at(&drawn, 5.0), Some(0));
        assert_eq!(bar_at(&drawn, 14.0), Some(0), "nearest to the gap's left");
        assert_eq!(bar_at(&drawn, 16.0), Some(1));
        assert_eq!(bar_at(&drawn, 99.0), Some(1));
        assert_eq!(bar_at(&[], 1.0), None);
    }

    #[test]
    fn narrow_intervals_merge_by_kind() {
        // 10,000 alternating slivers of 0.01 ms: at 1 px per ms they are 100 per pixel.
        let mut lane = Vec::new();
        for i in 0..10_000 {
            let t = f64::from(i) * 0.01;
            let kind = if i % 2 == 0 {
                IntervalKind::Compute
            } else {
                IntervalKind::GilWait
            };
            lane.push(iv(kind, i % 7, t, t + 0.01));
        }
        let drawn = bars(&lane, 1.0);
        assert_eq!(drawn.len(), 2, "one bar per kind: {drawn:?}");
        assert_eq!(drawn.iter().map(|b| b.count).sum::<usize>(), 10_000);
        assert_eq!(drawn[0].tasks, Some((0, 6)));
        // Zoomed in (1,000 px per ms) the slivers are 10 px wide and stay apart.
        assert_eq!(bars(&lane[..10], 1000.0).len(), 10);
    }
}
