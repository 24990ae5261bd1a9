//! The modes on real threads: the same checksum everywhere, and the shapes the lecture claims,
//! with generous bounds (the machine is shared and noisy).

use super::coroutines::run_blocking;
use super::lanes::Prepared;
use super::parent::Parent;
use super::platform::NativePlatform;
use super::processes::serve_task;
use super::sequential::run_sequential;
use super::threads::run_on_pool;
use super::warm_up::SteadyRule;
use super::*;
use crate::model::gil::Gil;
use crate::model::record::{Interval, IntervalKind};
use crate::settings::{GilVersion, WorkloadKind};
use crate::workloads::{Calibration, WorkloadResult, run_to_end};
use std::sync::atomic::AtomicU32;

fn settings(workload: WorkloadKind, tasks: u32) -> Settings {
    let mut s = Settings::defaults(2);
    s.workload = workload;
    s.tasks = tasks;
    s.limit = 200_000;
    s.chains = 16;
    s.rounds = 2000;
    s.latency_ms = 50;
    s.io_ms = 20;
    s.cpu_ms = 5;
    s
}

fn plan(s: &Settings) -> Plan {
    Plan::new(s, Calibration::default())
}

fn expected(plan: &Plan) -> WorkloadResult {
    let outs: Vec<_> = plan
        .tasks
        .iter()
        .map(|t| run_to_end(&mut t.start()))
        .collect();
    WorkloadResult::fold(&outs)
}

fn outcome(mode: Mode, s: &Settings, units: Vec<UnitLog>, origin: f64) -> ModeResult {
    assemble(RunLogs {
        mode,
        settings: s.clone(),
        on_main_thread: false,
        origin,
        ready_at: origin,
        units,
        bytes_serialized: 0,
        gil_switches: 0,
        timer_resolution_ms: 0.001,
    })
}

/// The record of `s`'s tasks run on `threads` native threads under the GIL `s` describes (its
/// version, switch interval and ticks), with the GIL's switches counted.
pub(crate) fn gil_record(s: &Settings, threads: usize) -> crate::model::record::RunRecord {
    let p = plan(s);
    let platform = NativePlatform::new();
    let gil = Gil::new(s.gil, s.switch_ms, s.ticks);
    let done = AtomicU32::new(0);
    let origin = platform.now_ms();
    let units = pool(threads)
        .install(|| {
            run_on_pool(
                &p.tasks,
                Some(&gil),
                &platform,
                None,
                &done,
                SteadyRule::QUICK,
            )
        })
        .expect("runs");
    let mut record = std::rc::Rc::unwrap_or_clone(outcome(Mode::Gil, s, units, origin).record);
    record.gil_switches = gil.switches();
    record
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a native pool starts")
}

fn compute_intervals(record: &crate::model::record::RunRecord) -> Vec<Interval> {
    let mut all: Vec<Interval> = record
        .intervals()
        .map(|(_, iv)| *iv)
        .filter(|iv| iv.kind == IntervalKind::Compute)
        .collect();
    all.sort_by(|a, b| a.start.total_cmp(&b.start));
    all
}

#[test]
fn sequential_runs_one_task_after_another() {
    let s = settings(WorkloadKind::Primes, 6);
    let p = plan(&s);
    let platform = NativePlatform::new();
    let mut seen = Vec::new();
    let log =
        run_sequential(&p.tasks, &platform, None, "worker", &mut |n| seen.push(n)).expect("runs");
    assert_eq!(seen, vec![1, 2, 3, 4, 5, 6]);
    let record = outcome(Mode::Sequential, &s, vec![log], 0.0).record;
    assert_eq!(record.result, expected(&p));
    for pair in record.tasks.windows(2) {
        assert!(pair[0].end <= pair[1].start, "tasks overlap: {pair:?}");
    }
    assert!(record.wall_ms > 0.0);
}

#[test]
fn threads_without_a_gil_compute_at_the_same_time() {
    let mut s = settings(WorkloadKind::Hashes, 8);
    // Tasks of several ms each, so that the second thread is awake before the first is done.
    s.rounds = 100_000;
    let p = plan(&s);
    let platform = NativePlatform::new();
    let done = AtomicU32::new(0);
    let logs = pool(2)
        .install(|| run_on_pool(&p.tasks, None, &platform, None, &done, SteadyRule::QUICK))
        .expect("runs");
    assert_eq!(done.into_inner(), 8);
    assert_eq!(logs.len(), 2);
    let record = outcome(Mode::Threads, &s, logs, 0.0).record;
    assert_eq!(record.result, expected(&p));
    assert!(record.lanes.iter().all(|lane| {
        lane.intervals
            .iter()
            .any(|iv| iv.kind == IntervalKind::WarmUp)
    }));
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 {
        eprintln!("one core: cannot show two threads computing at once");
        return;
    }
    let overlap = record.intervals().any(|(lane, a)| {
        a.kind == IntervalKind::Compute
            && record.intervals().any(|(other, b)| {
                other != lane
                    && b.kind == IntervalKind::Compute
                    && a.start < b.end
                    && b.start < a.end
            })
    });
    assert!(
        overlap,
        "no two threads computed at the same time: {:?}",
        record.lanes
    );
}

#[test]
fn under_the_gil_only_one_thread_computes_at_a_time() {
    let mut s = settings(WorkloadKind::Hashes, 8);
    (s.rounds, s.gil, s.switch_ms, s.ticks) = (6000, GilVersion::New, 1.0, 100);
    let record = gil_record(&s, 3);
    assert_eq!(record.result, expected(&plan(&s)));
    let computes = compute_intervals(&record);
    for pair in computes.windows(2) {
        assert!(
            pair[0].end <= pair[1].start + 1e-6,
            "two threads computed at once: {pair:?}"
        );
    }
    assert!(
        record.total_of(IntervalKind::GilWait) > 0.0,
        "the waits for the GIL are recorded"
    );
    assert!(record.gil_switches > 0);
}

#[test]
fn under_the_gil_io_waits_still_overlap() {
    let s = settings(WorkloadKind::Downloads, 8);
    let p = plan(&s);
    let platform = NativePlatform::new();
    let gil = Gil::new(GilVersion::New, 5.0, 100);
    let done = AtomicU32::new(0);
    let logs = pool(8)
        .install(|| {
            run_on_pool(
                &p.tasks,
                Some(&gil),
                &platform,
                None,
                &done,
                SteadyRule::QUICK,
            )
        })
        .expect("runs");
    let record = outcome(Mode::Gil, &s, logs, 0.0).record;
    assert_eq!(record.result, expected(&p));
    // 8 waits of 50 ms one after another would take 400 ms.
    assert!(
        record.wall_ms < 250.0,
        "IO did not overlap: {} ms",
        record.wall_ms
    );
}

#[test]
fn coroutines_overlap_their_waits_on_one_thread() {
    let s = settings(WorkloadKind::Downloads, 10);
    let p = plan(&s);
    let platform = NativePlatform::new();
    let logs = run_blocking(&p.tasks, 0, &platform, None, &mut |_| {}).expect("runs");
    assert_eq!(logs.len(), 10, "one lane per coroutine");
    let record = outcome(Mode::Coroutines, &s, logs, 0.0).record;
    assert_eq!(record.result, expected(&p));
    assert!(
        record.wall_ms < 300.0,
        "10 waits of 50 ms did not overlap: {} ms",
        record.wall_ms
    );
}

#[test]
fn a_coroutine_that_never_yields_holds_up_the_loop() {
    let s = settings(WorkloadKind::Hashes, 4);
    let p = plan(&s);
    let platform = NativePlatform::new();
    let logs = run_blocking(&p.tasks, 0, &platform, None, &mut |_| {}).expect("runs");
    let record = outcome(Mode::Coroutines, &s, logs, 0.0).record;
    for lane in &record.lanes {
        let computes = lane
            .intervals
            .iter()
            .filter(|iv| iv.kind == IntervalKind::Compute)
            .count();
        assert_eq!(
            computes, 1,
            "without yields each coroutine runs to its end in one go"
        );
    }
    let computes = compute_intervals(&record);
    for pair in computes.windows(2) {
        assert!(pair[0].end <= pair[1].start + 1e-6);
    }
    let last = &record.lanes[3];
    assert!(
        last.intervals
            .iter()
            .any(|iv| iv.kind == IntervalKind::Ready && iv.duration() > 0.0)
    );
}

#[test]
fn yielding_coroutines_take_turns() {
    let s = settings(WorkloadKind::Hashes, 3);
    let p = plan(&s);
    let platform = NativePlatform::new();
    let logs = run_blocking(&p.tasks, 2, &platform, None, &mut |_| {}).expect("runs");
    let record = outcome(Mode::Coroutines, &s, logs, 0.0).record;
    assert_eq!(record.result, expected(&p));
    let turns = record.lanes[0]
        .intervals
        .iter()
        .filter(|iv| iv.kind == IntervalKind::Compute)
        .count();
    assert!(
        turns > 3,
        "a coroutine that yields every 2 steps runs in many turns ({turns})"
    );
}

#[test]
fn a_failing_task_ends_the_run_with_its_message() {
    let s = settings(WorkloadKind::Primes, 4);
    let p = plan(&s);
    let platform = NativePlatform::new();
    let fault = Fault::parse("error@2");
    let err = run_sequential(&p.tasks, &platform, fault, "w", &mut |_| {}).expect_err("fails");
    assert!(err.0.contains("task 2 failed"));
    let done = AtomicU32::new(0);
    let err = pool(2)
        .install(|| run_on_pool(&p.tasks, None, &platform, fault, &done, SteadyRule::QUICK))
        .expect_err("fails");
    assert!(err.0.contains("task 2"));
    assert!(run_blocking(&p.tasks, 0, &platform, fault, &mut |_| {}).is_err());
}

#[test]
fn a_task_that_fails_under_the_gil_leaves_it_free_for_the_others() {
    // Before the fix the failing task kept the GIL it had taken, and a thread waiting for it
    // waited for ever; a run that returns at all shows the lock was left free.
    let mut s = settings(WorkloadKind::Hashes, 4);
    s.rounds = 3000;
    let p = plan(&s);
    let platform = NativePlatform::new();
    for _ in 0..20 {
        let gil = Gil::new(GilVersion::New, 1.0, 100);
        let done = AtomicU32::new(0);
        let err = pool(2)
            .install(|| {
                run_on_pool(
                    &p.tasks,
                    Some(&gil),
                    &platform,
                    Fault::parse("error@1"),
                    &done,
                    SteadyRule::QUICK,
                )
            })
            .expect_err("fails");
        assert!(err.0.contains("task 1"));
    }
}

#[test]
fn processes_exchange_bytes_and_get_the_same_result() {
    let mut s = settings(WorkloadKind::Mandelbrot, 5);
    s.width = 40;
    s.height = 30;
    s.iterations = 100;
    let p = plan(&s);
    let platform = NativePlatform::new();
    let mut parent = Parent::new(p.tasks.clone(), 2, 0.0);
    for process in 0..2 {
        let now = platform.now_ms();
        let prepared = Prepared {
            ready_at: now,
            warmed_at: now,
            resolution_ms: 0.001,
        };
        parent.ready(process, 0.0, prepared);
    }
    // Both processes get a task, then each reply is answered with the next one, as on the page.
    let mut in_flight: Vec<(usize, Vec<u8>)> = (0..2)
        .filter_map(|process| Some((process, parent.next_message(process, &platform)?)))
        .collect();
    let mut done = Vec::new();
    while let Some((process, message)) = in_flight.pop() {
        let reply = serve_task(&message, &platform, None, "process");
        done.push(
            parent
                .take_reply(process, reply, &platform)
                .expect("the task succeeds"),
        );
        if let Some(next) = parent.next_message(process, &platform) {
            in_flight.insert(0, (process, next));
        }
    }
    assert_eq!(done, [1, 2, 3, 4, 5]);
    assert!(parent.all_done());
    let logs = parent.finish(s.clone());
    assert_eq!(logs.units[0].label, "main thread (parent)");
    assert!(
        logs.bytes_serialized > 40 * 30,
        "every pixel crossed as at least one byte ({})",
        logs.bytes_serialized
    );
    let ModeResult { record, image, .. } = assemble(logs);
    assert_eq!(record.result, expected(&p));
    let image = image.expect("a Mandelbrot run has an image");
    assert_eq!(image.counts.len(), 40 * 30);
    assert_eq!(image.row_lane.len(), 30);
    assert!(record.serialize_ms > 0.0);
    assert_eq!(record.lanes.len(), 3);
}

#[test]
fn a_bad_message_is_reported_not_panicked_on() {
    let platform = NativePlatform::new();
    let reply = serve_task(&[0xff, 0xff, 0xff], &platform, None, "process");
    assert!(
        reply
            .result
            .expect_err("rejected")
            .contains("could not be read")
    );
}

#[test]
fn a_units_log_keeps_its_first_intervals_and_counts_the_rest() {
    use crate::engine::unit_log::{MAX_INTERVALS, UnitLog};
    use crate::model::record::IntervalKind;
    let mut log = UnitLog::new("thread 1");
    for i in 0..MAX_INTERVALS + 500 {
        let kind = if i % 2 == 0 {
            IntervalKind::Compute
        } else {
            IntervalKind::GilWait
        };
        log.push(kind, Some(0), i as f64, i as f64 + 1.0);
    }
    assert_eq!(log.intervals.len(), MAX_INTERVALS);
    assert_eq!(log.dropped, 500);
    let bytes = crate::engine::processes::encode(&log);
    let back: UnitLog = crate::engine::processes::decode(&bytes).expect("decodes");
    assert_eq!(back.dropped, 500, "the count crosses to the page");
}
