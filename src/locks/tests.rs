//! Native tests of the locks lab on real threads (`std::thread` and a rayon pool).

use super::contention::{compared_shares, run_contention, sweep_threads};
use super::coroutines::{AwaitAt, run_coroutines};
use super::counters::{CounterKind, run_counter};
use super::processes::{GLOBAL_COUNTER, ProcessJob, ProcessesRun, count_in_global, run_processes};
use super::queue::{QueueParams, run_queue};
use super::*;
use crate::engine::platform::NativePlatform;
use crate::model::record::IntervalKind;
use proptest::prelude::*;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[test]
fn mutex_and_atomic_counters_are_exact() {
    let clock = NativePlatform::new();
    for threads in [1, 2, 3, 8] {
        for kind in [CounterKind::Mutex, CounterKind::Atomic] {
            let run = run_counter(kind, threads, 20_000, &StdThreads, &clock);
            assert_eq!(run.expected, threads as u64 * 20_000);
            assert_eq!(run.actual, run.expected, "{kind:?} with {threads} threads");
            assert_eq!(run.lost(), 0);
            assert_eq!(run.threads.len(), threads);
        }
    }
}

/// Every report crosses from the unit worker to the page in postcard: a counters report (whose
/// kinds differ in which fields hold anything) reads back whole.
#[test]
fn a_counters_report_crosses_as_bytes() {
    use crate::engine::processes::{decode, encode};
    let clock = NativePlatform::new();
    let report = LocksReport::Counters(
        CounterKind::ALL
            .iter()
            .map(|&kind| run_counter(kind, 2, 20_000, &StdThreads, &clock))
            .collect(),
    );
    let back: LocksReport = decode(&encode(&report)).expect("reads back");
    assert_eq!(back, report);
}

#[test]
fn the_same_code_runs_on_a_rayon_pool() {
    let clock = NativePlatform::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("a pool");
    let run = pool.install(|| run_counter(CounterKind::Mutex, 4, 10_000, &RayonScope, &clock));
    assert_eq!(run.actual, 40_000);
    // Each sample is the counter as a thread took the lock after waiting: in time order, and
    // each a later acquisition than the one before, so the counter strictly grows.
    assert!(
        run.samples
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 < w[1].1)
    );
    assert_eq!(
        run.samples.len() as u64,
        run.threads
            .iter()
            .map(|t| t.wait_count.min(crate::locks::lanes::MAX_INTERVALS as u64))
            .sum::<u64>()
    );
    let queue = pool.install(|| run_queue(small_queue(2, 2, 3, 500), &RayonScope, &clock));
    assert!(queue.exactly_once(), "{queue:?}");
}

/// How much more work two threads do in `ms` than one, right now: about 2 where two cores run
/// two threads at once, about 1 where they take turns (one core, or a host that is running
/// this machine's two virtual cores on one of its own).
fn parallelism_now(ms: u64) -> f64 {
    let spin = |count: &std::sync::atomic::AtomicU64| {
        let until = std::time::Instant::now() + std::time::Duration::from_millis(ms);
        let mut rounds = 0;
        while std::time::Instant::now() < until {
            std::hint::black_box(work(1_000, rounds));
            rounds += 1;
        }
        count.fetch_add(rounds, std::sync::atomic::Ordering::Relaxed);
    };
    let one = std::sync::atomic::AtomicU64::new(0);
    spin(&one);
    let two = std::sync::atomic::AtomicU64::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| spin(&two));
        scope.spawn(|| spin(&two));
    });
    two.into_inner() as f64 / one.into_inner().max(1) as f64
}

#[test]
fn the_unsynchronized_counter_loses_updates_on_two_cores() {
    let cores = cores();
    if cores < 2 {
        println!(
            "NOT SHOWN: this machine has {cores} core; lost updates need two threads running \
             at once, so this test cannot show them here."
        );
        return;
    }
    let clock = NativePlatform::new();
    let mut lost = Vec::new();
    // Tries for up to 20 s. Each try is long enough (several ms) to outlast a time slice when
    // other tests load the machine, so the two threads overlap.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < until {
        let run = run_counter(
            CounterKind::Unsynchronized,
            2,
            5_000_000,
            &StdThreads,
            &clock,
        );
        assert!(run.actual <= run.expected);
        assert!(
            run.actual >= 5_000_000,
            "at least one thread's updates survive"
        );
        lost.push(run.lost());
        if run.lost() > 0 {
            println!(
                "lost {} of {} updates after {} tries",
                run.lost(),
                run.expected,
                lost.len()
            );
            return;
        }
    }
    // None lost: either the race is gone (a bug) or the two threads never ran at once. Two
    // threads that do about twice one thread's work ran at once, so then it is a bug.
    let parallelism = parallelism_now(300);
    if parallelism < 1.5 {
        println!(
            "NOT SHOWN: {} tries of 2 x 5,000,000 unsynchronized increments lost none, and two \
             threads did only {parallelism:.2}x the work of one just now: this machine's {cores} \
             cores are not running two threads at once (a loaded host), so the race cannot \
             show here.",
            lost.len()
        );
        return;
    }
    panic!(
        "on {cores} cores that run two threads at once ({parallelism:.2}x the work of one), {} \
         tries of 2 x 5,000,000 unsynchronized increments lost none",
        lost.len()
    );
}

#[test]
fn mutex_waits_are_noted_on_the_threads_lanes() {
    let clock = NativePlatform::new();
    // On a loaded machine one thread may do all its steps in one time slice; some tries.
    for _ in 0..20 {
        let (point, logs) = run_contention(4, 2_000, 100, &StdThreads, &clock);
        assert_eq!(point.total, 2_000, "no step is lost inside the lock");
        assert_eq!(logs.len(), 4);
        assert!(point.wall_ms > 0.0 && point.throughput() > 0.0);
        let Some(waiter) = logs.iter().find(|l| l.wait_count > 0) else {
            continue;
        };
        assert!(point.lock_wait_ms > 0.0);
        let lane = waiter.to_lane();
        assert!(
            lane.intervals
                .iter()
                .any(|i| i.kind == IntervalKind::LockWait)
        );
        assert!(
            lane.intervals
                .windows(2)
                .all(|w| w[0].end <= w[1].start + 1e-9)
        );
        return;
    }
    panic!("4 threads doing everything inside one lock never waited for it in 20 tries");
}

#[test]
fn the_sweep_goes_past_the_threads_and_compares_two_shares() {
    assert_eq!(sweep_threads(2), vec![1, 2, 3, 4]);
    assert_eq!(sweep_threads(1), vec![1, 2]);
    assert_eq!(compared_shares(50), [50, 100]);
    assert_eq!(compared_shares(90), [0, 90]);
    let plan = LocksPlan::new(&crate::settings::Settings {
        experiment: crate::settings::Experiment::Contention,
        steps: 400,
        threads: 2,
        ..crate::settings::Settings::defaults(2)
    });
    let report = run_experiment(&plan, &StdThreads, &NativePlatform::new(), &|| false);
    let LocksReport::Contention { points, threads } = report else {
        panic!("a contention report");
    };
    assert_eq!(points.len(), 8);
    assert!(points.iter().all(|p| p.total == 400));
    assert_eq!(threads.len(), 2);
}

#[test]
fn processes_each_count_their_own_copy() {
    let run = run_processes(3, 5000, &StdThreads, &NativePlatform::new());
    assert_eq!(run.parent_value, 0, "the parent's copy is never touched");
    assert_eq!(run.returned, vec![5000; 3]);
    assert_eq!(run.total_from_messages(), run.expected);
}

#[test]
fn a_process_counts_in_its_own_global_and_the_parent_adds_the_messages() {
    // In the page each process is a worker with its own memory; here the test's own global
    // stands for one process's.
    let before = GLOBAL_COUNTER.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        count_in_global(ProcessJob { increments: 700 }),
        before + 700
    );
    let run = ProcessesRun::from_messages(700, 0, vec![700, 700, 700], 1.0);
    assert_eq!((run.expected, run.total_from_messages()), (2100, 2100));
    let plan = LocksPlan::new(&crate::settings::Settings {
        experiment: crate::settings::Experiment::Processes,
        ..crate::settings::Settings::defaults(2)
    });
    assert_eq!(
        plan.pool_threads(),
        0,
        "processes are workers, not a pool's threads"
    );
}

#[test]
fn coroutines_lose_updates_only_with_an_await_inside() {
    let between = run_coroutines(4, 1000, AwaitAt::Between);
    assert_eq!(between.actual, 4000);
    let inside = run_coroutines(4, 1000, AwaitAt::Inside);
    assert_eq!(
        inside.actual, 1000,
        "each round of 4 coroutines adds 1, not 4"
    );
    assert_eq!(inside.lost(), 3000);
    let locked = run_coroutines(4, 1000, AwaitAt::InsideLocked);
    assert_eq!(locked.actual, 4000);
}

fn small_queue(producers: u32, consumers: u32, capacity: u32, items: u64) -> QueueParams {
    QueueParams {
        producers,
        consumers,
        capacity,
        items,
        produce_rounds: 0,
        consume_rounds: 50,
    }
}

#[test]
fn a_tight_queue_blocks_producers_and_samples_its_depth() {
    let clock = NativePlatform::new();
    let run = run_queue(
        QueueParams {
            consume_rounds: 5000,
            ..small_queue(2, 1, 2, 2000)
        },
        &StdThreads,
        &clock,
    );
    assert!(run.exactly_once(), "{run:?}");
    assert!(
        run.blocked_full_ms() > 0.0,
        "slow consumers fill a queue of 2"
    );
    assert!(!run.depth.is_empty() && run.depth.len() <= 2001);
    assert!(run.depth.iter().all(|&(_, d)| d <= 2));
    assert!(run.depth.windows(2).all(|w| w[0].0 <= w[1].0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_queue_delivers_every_item_exactly_once(
        producers in 1u32..5,
        consumers in 1u32..5,
        capacity in 1u32..10,
        items in 1u64..400,
    ) {
        let clock = NativePlatform::new();
        let run = run_queue(small_queue(producers, consumers, capacity, items), &StdThreads, &clock);
        prop_assert!(run.exactly_once(), "{:?}", (run.consumed, run.duplicates, run.missing, run.sentinels));
        prop_assert_eq!(run.threads.len() as u32, producers + consumers);
        prop_assert!(run.depth.iter().all(|&(_, d)| d <= capacity));
    }
}

#[test]
fn the_tables_show_what_the_runs_found() {
    let clock = NativePlatform::new();
    let counters = LocksReport::Counters(
        [CounterKind::Mutex, CounterKind::Atomic]
            .into_iter()
            .map(|k| run_counter(k, 2, 1000, &StdThreads, &clock))
            .collect(),
    );
    let t = tables::table(&counters);
    assert_eq!(t.class, "counters");
    assert_eq!(t.headers.len(), t.rows[0].cells.len());
    assert_eq!(t.rows[0].name, "mutex");
    assert_eq!(t.rows[0].cells[1].text, "2,000");
    assert_eq!(t.rows[0].cells[3].text, "0");
    assert_eq!(t.rows[0].cells[3].class, "lost good");
    let coroutines = LocksReport::Coroutines(
        vec![run_coroutines(2, 10, AwaitAt::Inside)],
        super::loop_queue::run_loop_queue(2, 2, 2, 10),
    );
    let t = tables::table(&coroutines);
    assert_eq!(t.rows[0].name, "inside");
    assert_eq!(t.rows[0].cells[3].class, "lost bad");
}

#[test]
fn the_queue_on_one_loop_delivers_every_item_once_and_waits_when_full() {
    for (producers, consumers, capacity, items) in [(1, 1, 1, 50), (3, 2, 2, 1000), (2, 5, 4, 7)] {
        let run = super::loop_queue::run_loop_queue(producers, consumers, capacity, items);
        assert!(run.exactly_once(), "{run:?}");
        assert!(run.max_depth <= capacity, "{run:?}");
    }
    let tight = super::loop_queue::run_loop_queue(3, 1, 1, 300);
    assert!(
        tight.full_waits > 0,
        "three producers and one consumer fill a queue of one"
    );
}
