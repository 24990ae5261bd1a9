//! The timeline of a program's run, from its record: a lane per process (the main one, then
//! each child with its parent), showing its start-up (from being asked for to its first line),
//! then what it did: computing, or blocked, on what (a sleep, a join, an empty queue's get, a
//! full queue's put, a lock, an event), or pickling what crosses between processes. Times are
//! ms from Run. Plain Rust: the page draws these lanes with the lab's chart.

use super::processes::ProcessInfo;
use super::program_record::{Ending, ProgramRecord};
use crate::model::record::{Interval, IntervalKind, Lane};

/// The kind of interval a wait of `what` is drawn as.
pub fn wait_kind(what: &str) -> IntervalKind {
    match what {
        "sleep" => IntervalKind::Io,
        "join" => IntervalKind::Join,
        "queue-get" => IntervalKind::QueueEmpty,
        "queue-put" => IntervalKind::QueueFull,
        "lock" => IntervalKind::LockWait,
        "event" => IntervalKind::EventWait,
        _ => IntervalKind::Serialize,
    }
}

/// When the run ended (ms, absolute).
fn run_end(record: &ProgramRecord) -> f64 {
    match record.ending {
        Ending::Exited { ended, .. } => ended,
        Ending::Cancelled { at, .. } | Ending::TimedOut { at, .. } | Ending::Broken { at, .. } => {
            at
        }
    }
}

/// The lane of process `p`, whose run ended at `end` (all times from `origin`).
fn lane(p: &ProcessInfo, origin: f64, end: f64) -> Lane {
    let at = |t: f64| t - origin;
    let finished = p.ended.unwrap_or(end);
    let first_line = p.begun.or(p.ready).unwrap_or(finished).min(finished);
    let mut intervals = vec![Interval {
        kind: IntervalKind::Startup,
        task: None,
        start: at(p.asked),
        end: at(first_line),
    }];
    let mut waits: Vec<&(String, f64, f64)> = p.waits.iter().collect();
    waits.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut now = first_line;
    for (what, from, to) in waits {
        let (from, to) = (from.max(now), to.min(finished));
        if to <= from {
            continue;
        }
        if from > now {
            intervals.push(Interval {
                kind: IntervalKind::Compute,
                task: None,
                start: at(now),
                end: at(from),
            });
        }
        intervals.push(Interval {
            kind: wait_kind(what),
            task: None,
            start: at(from),
            end: at(to),
        });
        now = to;
    }
    if finished > now {
        intervals.push(Interval {
            kind: IntervalKind::Compute,
            task: None,
            start: at(now),
            end: at(finished),
        });
    }
    let label = if p.pid == 1 {
        "process 1 (main)".to_owned()
    } else {
        format!("process {} ({}, child of {})", p.pid, p.name, p.parent)
    };
    Lane {
        label,
        intervals,
        dropped: p.waits_dropped,
    }
}

/// Every process's lane, in the order they were asked for.
pub fn lanes(record: &ProgramRecord) -> Vec<Lane> {
    let end = run_end(record);
    record
        .processes
        .list
        .iter()
        .map(|p| lane(p, record.pressed, end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::own_python::program_lab::{ProgramAction, ProgramLab};

    #[test]
    fn each_process_starts_up_then_computes_between_its_waits() {
        let mut lab = ProgramLab::new(None, None, Vec::new(), 2);
        lab.apply(ProgramAction::RunStarted(1000.0));
        lab.apply(ProgramAction::Ready(1, 2000.0, "3.14".into(), true));
        lab.apply(ProgramAction::Spawned(
            2,
            1,
            "Process-1".into(),
            false,
            2100.0,
        ));
        lab.apply(ProgramAction::Ready(2, 2600.0, "3.14".into(), true));
        let waits = vec![
            ("pickling".to_owned(), 2610.0, 2611.0),
            ("sleep".to_owned(), 2700.0, 3700.0),
        ];
        lab.apply(ProgramAction::Waited(2, waits, 0));
        lab.apply(ProgramAction::Exited(2, 0, 2605.0, 3800.0));
        let main_waits = vec![("join".to_owned(), 2105.0, 3801.0)];
        lab.apply(ProgramAction::Waited(1, main_waits, 3));
        lab.apply(ProgramAction::Ended(Ending::Exited {
            status: 0,
            cut: false,
            begun: 2010.0,
            ended: 3810.0,
        }));
        let record = lab.last.clone().expect("a record");
        let lanes = lanes(&record);
        let kinds = |lane: &Lane| -> Vec<(IntervalKind, f64, f64)> {
            lane.intervals
                .iter()
                .map(|i| (i.kind, i.start, i.end))
                .collect()
        };
        assert_eq!(lanes[0].label, "process 1 (main)");
        assert_eq!(lanes[0].dropped, 3);
        assert_eq!(
            kinds(&lanes[0]),
            vec![
                (IntervalKind::Startup, 0.0, 1010.0),
                (IntervalKind::Compute, 1010.0, 1105.0),
                (IntervalKind::Join, 1105.0, 2801.0),
                (IntervalKind::Compute, 2801.0, 2810.0),
            ]
        );
        assert_eq!(lanes[1].label, "process 2 (Process-1, child of 1)");
        assert_eq!(
            kinds(&lanes[1]),
            vec![
                (IntervalKind::Startup, 1100.0, 1605.0),
                (IntervalKind::Compute, 1605.0, 1610.0),
                (IntervalKind::Serialize, 1610.0, 1611.0),
                (IntervalKind::Compute, 1611.0, 1700.0),
                (IntervalKind::Io, 1700.0, 2700.0),
                (IntervalKind::Compute, 2700.0, 2800.0),
            ]
        );
    }
}
