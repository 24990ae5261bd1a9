//! The replay's model, checked against brute force and a real run of Threads + GIL.

use super::*;
use crate::model::record::{IntervalKind, Lane};

/// Every moment of `lanes`, found the slow way: all starts and ends, sorted, once each.
fn all_moments(lanes: &[Lane]) -> Vec<f64> {
    let mut times: Vec<f64> = lanes
        .iter()
        .flat_map(|l| l.intervals.iter().flat_map(|iv| [iv.start, iv.end]))
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    times
}

fn iv(kind: IntervalKind, task: Option<u32>, start: f64, end: f64) -> Interval {
    Interval {
        kind,
        task,
        start,
        end,
    }
}

#[test]
fn events_step_forward_and_back_and_an_instant_reads_the_record() {
    let lanes = [
        Lane {
            label: "thread 1".into(),
            intervals: vec![
                iv(IntervalKind::Startup, None, 0.0, 2.0),
                iv(IntervalKind::Compute, Some(0), 2.0, 5.0),
                iv(IntervalKind::GilWait, Some(1), 5.0, 7.0),
            ],
            dropped: 0,
        },
        Lane {
            label: "thread 2".into(),
            intervals: vec![
                iv(IntervalKind::GilWait, Some(1), 2.0, 5.0),
                iv(IntervalKind::Compute, Some(1), 5.0, 9.0),
            ],
            dropped: 0,
        },
    ];
    assert_eq!(all_moments(&lanes), [0.0, 2.0, 5.0, 7.0, 9.0]);
    assert_eq!(next_event(&lanes, 2.0), Some(5.0));
    assert_eq!(next_event(&lanes, 3.0), Some(5.0));
    assert_eq!(previous_event(&lanes, 5.0), Some(2.0));
    assert_eq!(previous_event(&lanes, 0.0), None);
    assert_eq!(next_event(&lanes, 9.0), None);
    assert_eq!(span(&lanes), Some((0.0, 9.0)));
    assert_eq!(keyed(&lanes, "ArrowRight", None), Some(Some(0.0)));
    assert_eq!(keyed(&lanes, "ArrowRight", Some(5.0)), Some(Some(7.0)));
    assert_eq!(
        keyed(&lanes, "ArrowRight", Some(9.0)),
        Some(Some(9.0)),
        "stays at the end"
    );
    assert_eq!(keyed(&lanes, "ArrowLeft", Some(6.0)), Some(Some(5.0)));
    assert_eq!(
        keyed(&lanes, "ArrowLeft", Some(0.0)),
        Some(Some(0.0)),
        "stays at the start"
    );
    assert_eq!(keyed(&lanes, "ArrowLeft", None), Some(None));
    assert_eq!(keyed(&lanes, "Home", Some(7.0)), Some(Some(0.0)));
    assert_eq!(keyed(&lanes, "End", None), Some(Some(9.0)));
    assert_eq!(keyed(&lanes, "x", None), None);
    assert_eq!(
        under_way(&lanes[0].intervals, 2.0).map(|i| i.kind),
        Some(IntervalKind::Compute)
    );
    assert_eq!(under_way(&lanes[0].intervals, 7.0), None, "ended");
    assert_eq!(under_way(&lanes[1].intervals, 1.0), None, "not begun");
    assert_eq!(
        doing_words(under_way(&lanes[1].intervals, 3.0)),
        "waiting for the GIL (task 2)"
    );
    assert_eq!(
        doing_words(under_way(&lanes[0].intervals, 3.0)),
        "computing task 1"
    );
    assert_eq!(doing_words(None), "idle");
}

/// A run of Threads + GIL on real threads, stepped through as the page steps (from the first
/// moment, to the next, to the end): the steps are every moment once, at each at most one
/// thread computes, the replay names it as holding the GIL, and the tasks done only grow.
#[test]
fn a_gil_runs_replay_shows_one_holder_at_every_moment() {
    let mut s = crate::settings::Settings::defaults(2);
    (s.limit, s.tasks) = (300_000, 6);
    let record = crate::engine::tests::gil_record(&s, 2);
    let moments = all_moments(&record.lanes);
    let mut stepped = vec![span(&record.lanes).expect("moments").0];
    while let Some(t) = next_event(&record.lanes, stepped[stepped.len() - 1]) {
        stepped.push(t);
    }
    assert_eq!(stepped, moments);
    let mut last_done = 0;
    for &t in &moments {
        let computing: Vec<&str> = record
            .lanes
            .iter()
            .filter(|lane| {
                under_way(&lane.intervals, t).is_some_and(|iv| iv.kind == IntervalKind::Compute)
            })
            .map(|lane| lane.label.as_str())
            .collect();
        assert!(
            computing.len() <= 1,
            "at {t} ms: {computing:?} compute at once"
        );
        let said = record.said_at(t);
        let holder = match computing.first() {
            Some(label) => format!("{label} held the GIL."),
            None => "No thread held the GIL.".to_owned(),
        };
        assert_eq!(said[said.len() - 2], holder, "at {t} ms");
        let done: usize = said[said.len() - 1]
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("tasks done");
        assert!(done >= last_done);
        last_done = done;
    }
    assert_eq!(last_done, record.tasks.len());
    assert!(moments.len() > 2 * record.tasks.len());
}

#[test]
fn an_instant_in_words_names_each_unit_the_gil_the_tasks_and_the_samples() {
    let lane = |label: &str, intervals: Vec<Interval>| Lane {
        label: label.into(),
        intervals,
        dropped: 0,
    };
    let lanes = vec![
        lane(
            "thread 1",
            vec![iv(IntervalKind::Compute, Some(0), 0.0, 4.0)],
        ),
        lane(
            "thread 2",
            vec![iv(IntervalKind::GilWait, Some(1), 0.0, 4.0)],
        ),
    ];
    let chart = Chart {
        lanes: lanes.clone(),
        task_ends: vec![9.0, 4.0],
        series: Vec::new(),
    };
    assert_eq!(
        said_at(&lanes, true, Some((0, 2)), 2.0),
        [
            "thread 1: computing task 1",
            "thread 2: waiting for the GIL (task 2)",
            "thread 1 held the GIL.",
            "0 of 2 tasks done.",
        ]
    );
    let series = [Series {
        name: "the queue's depth".into(),
        points: vec![(1.0, 3), (2.5, 4)],
        when: "every 10th operation".into(),
    }];
    assert_eq!(
        sampled_said(&series, 2.0).collect::<Vec<_>>(),
        ["The queue's depth: 3 (sampled at 1.000 ms, every 10th operation)"]
    );
    let later = said_at(&lanes, true, None, 4.0);
    assert_eq!(later[0], "thread 1: idle");
    assert_eq!(later[2], "No thread held the GIL.");
    assert_eq!(later.len(), 3, "no tasks line without tasks");
    // A chart counts its tasks' ends, and says its samples after its lanes.
    assert_eq!(chart.said_at(4.0)[2], "1 of 2 tasks done.");
    let sampled = Chart {
        series: series.to_vec(),
        ..chart
    };
    assert_eq!(
        sampled.said_at(2.0).last().map(String::as_str),
        Some("The queue's depth: 3 (sampled at 1.000 ms, every 10th operation)")
    );
    assert_eq!(
        sampled_said(&series, 0.5).collect::<Vec<_>>(),
        ["The queue's depth: not sampled yet."]
    );
    assert_eq!(sampled_at(&series[0].points, 2.5), Some((2.5, 4)));
    assert_eq!(played(1.0, 100.0, 100.0, 5.0), (2.0, false));
    let placed = with_playheads(
        &serde_json::json!({"a": 1}),
        BTreeMap::from([("queue", 2.5)]),
    );
    assert_eq!(
        placed,
        serde_json::json!({"a": 1, "playheads": {"queue": 2.5}})
    );
    let none = with_playheads(&serde_json::json!({"a": 1}), BTreeMap::new());
    assert_eq!(none, serde_json::json!({"a": 1}));
    assert_eq!(played(4.5, 100.0, 10.0, 5.0), (5.0, true));
}

/// Past [`NAMED_UNITS`] lanes, the rest are counted by what they did.
#[test]
fn many_units_are_counted_by_what_they_did() {
    let lane = |label: &str, intervals: Vec<Interval>| Lane {
        label: label.into(),
        intervals,
        dropped: 0,
    };
    let many: Vec<Lane> = (0..20)
        .map(|i| {
            let kind = if i % 2 == 0 {
                IntervalKind::Compute
            } else {
                IntervalKind::Io
            };
            lane(&format!("coroutine {i}"), vec![iv(kind, None, 0.0, 1.0)])
        })
        .collect();
    let lines = said_at(&many, false, None, 0.5);
    assert_eq!(lines.len(), NAMED_UNITS);
    assert_eq!(lines[0], "coroutine 0: computing");
    assert_eq!(
        lines[NAMED_UNITS - 1],
        "9 more: 4 computing, 5 waiting for IO"
    );
}

/// The next and previous moment found by a binary search per lane are those of every
/// moment sorted, from any instant, for any number of lanes.
#[test]
fn the_next_and_previous_moments_are_those_of_every_moment_sorted() {
    let mut seed = 7u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 40) as f64 / (1u64 << 24) as f64
    };
    for count in [0, 1, 2, 5, 8] {
        let lanes: Vec<Lane> = (0..count)
            .map(|_| {
                let mut at = 0.0;
                let intervals = (0..20)
                    .map(|_| {
                        let start = at + (next() * 4.0).floor() / 4.0;
                        at = start + 0.25 + (next() * 4.0).floor() / 4.0;
                        iv(IntervalKind::Compute, None, start, at)
                    })
                    .collect();
                Lane {
                    label: String::new(),
                    intervals,
                    dropped: 0,
                }
            })
            .collect();
        let sorted = all_moments(&lanes);
        assert_eq!(
            span(&lanes),
            sorted.first().zip(sorted.last()).map(|(a, b)| (*a, *b))
        );
        for k in 0..400 {
            let t = f64::from(k) / 8.0 - 1.0;
            let after = sorted.iter().copied().find(|&x| x > t);
            let before = sorted.iter().copied().rev().find(|&x| x < t);
            assert_eq!(next_event(&lanes, t), after, "{count} lanes, after {t}");
            assert_eq!(
                previous_event(&lanes, t),
                before,
                "{count} lanes, before {t}"
            );
        }
    }
}
