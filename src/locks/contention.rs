//! Contention for one lock: a fixed number of steps of work is split among `n` threads, and a
//! share of each step is done while holding one mutex (adding its result to shared data). With
//! none of it inside, the threads run in parallel up to the cores; with all of it inside, the
//! lock makes them take turns, and throughput stays that of one thread however many there are.
//! Past the cores, the threads contend for the CPU as well.

use super::counters::lock_timed;
use super::{LaneLog, Spawn, run_together, work};
use crate::engine::Platform;
use serde::{Deserialize, Serialize};
use std::sync::{Mutex, PoisonError};

/// The computing in one step, in rounds of [`work`] (about 0.3 ms at 1.4 ns a round). A thread
/// that finds the lock taken sleeps (`Atomics.wait` on the page, a futex natively), and every
/// hand-over to a sleeping thread leaves the lock idle while it wakes: about 18 µs in the
/// browsers measured (BENCHMARKS.md). With 2 threads and half of each step inside, a step
/// then costs about (inside + wake-up) instead of (inside + outside) / 2, so the inside part
/// must be long beside the wake-up for the share to show: at 20,000 rounds (14 µs inside at
/// 50%) 2 threads were slower than 1; at 200,000 (140 µs) the wake-up is about a tenth.
pub const STEP_ROUNDS: u32 = 200_000;

/// One run of the experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentionPoint {
    /// Threads.
    pub threads: u32,
    /// The share of each step done inside the lock, percent.
    pub lock_share: u32,
    /// Steps done in all.
    pub steps: u64,
    /// From the first thread's start to the last one's end, ms.
    pub wall_ms: f64,
    /// Every thread's time waiting for the lock, summed, ms.
    pub lock_wait_ms: f64,
    /// The shared count of steps, updated inside the lock (equal to `steps` when none is lost).
    pub total: u64,
}

impl ContentionPoint {
    /// Steps per millisecond.
    pub fn throughput(&self) -> f64 {
        self.steps as f64 / self.wall_ms.max(1e-6)
    }
}

/// Splits `steps` among `threads` threads, each step computing [`STEP_ROUNDS`] rounds of which
/// `lock_share` percent are inside the lock. Returns the point and the threads' logs.
pub fn run_contention(
    threads: usize,
    steps: u64,
    lock_share: u32,
    spawn: &dyn Spawn,
    clock: &dyn Platform,
) -> (ContentionPoint, Vec<LaneLog>) {
    run_steps(threads, steps, STEP_ROUNDS, lock_share, spawn, clock)
}

/// [`run_contention`] with steps of `rounds` rounds (`examples/locks_step_length.rs` compares
/// step lengths with it).
pub fn run_steps(
    threads: usize,
    steps: u64,
    rounds: u32,
    lock_share: u32,
    spawn: &dyn Spawn,
    clock: &dyn Platform,
) -> (ContentionPoint, Vec<LaneLog>) {
    let inside = (u64::from(rounds) * u64::from(lock_share.min(100)) / 100) as u32;
    let outside = rounds - inside;
    let shared = Mutex::new(0u64);
    let logs: Vec<Mutex<LaneLog>> = (0..threads).map(|_| Mutex::default()).collect();
    let origin = clock.now_ms();
    run_together(spawn, threads, &|i| {
        let mut log = LaneLog::new(format!("thread {}", i + 1));
        let mine = share_of(steps, threads, i);
        let start = clock.now_ms() - origin;
        for step in 0..mine {
            let private = work(outside, step ^ ((i as u64) << 40));
            let mut total = lock_timed(&shared, &mut log, clock, origin);
            std::hint::black_box(work(inside, private));
            *total += 1;
        }
        log.span = (start, clock.now_ms() - origin);
        *logs[i].lock().unwrap_or_else(PoisonError::into_inner) = log;
    });
    let logs: Vec<LaneLog> = logs
        .into_iter()
        .map(|l| l.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect();
    let point = ContentionPoint {
        threads: threads as u32,
        lock_share,
        steps,
        wall_ms: super::counters::wall(&logs),
        lock_wait_ms: logs.iter().map(|l| l.wait_ms).sum(),
        total: shared.into_inner().unwrap_or_else(PoisonError::into_inner),
    };
    (point, logs)
}

/// How many of `steps` thread `i` of `threads` does (the first ones take the remainder).
pub fn share_of(steps: u64, threads: usize, i: usize) -> u64 {
    let n = threads.max(1) as u64;
    steps / n + u64::from((i as u64) < steps % n)
}

/// The lock shares the sweep compares: the chosen one and the other end of the scale (0% if
/// the chosen one is over half, else 100%).
pub fn compared_shares(lock_share: u32) -> [u32; 2] {
    let other = if lock_share > 50 { 0 } else { 100 };
    let mut shares = [lock_share, other];
    shares.sort_unstable();
    shares
}

/// The thread counts of the sweep: 1 up to twice `threads` (past the cores when `threads` is
/// the cores), at most 16.
pub fn sweep_threads(threads: u32) -> Vec<u32> {
    (1..=(threads * 2).clamp(2, 16)).collect()
}

/// Runs the sweep: for each share, each thread count.
pub fn sweep(
    threads: u32,
    steps: u64,
    lock_share: u32,
    spawn: &dyn Spawn,
    clock: &dyn Platform,
    cancelled: &dyn Fn() -> bool,
) -> Vec<ContentionPoint> {
    let mut points = Vec::new();
    for share in compared_shares(lock_share) {
        for n in sweep_threads(threads) {
            if cancelled() {
                return points;
            }
            points.push(run_contention(n as usize, steps, share, spawn, clock).0);
        }
    }
    points
}
