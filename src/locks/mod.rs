//! The locks lab: shared data on real threads. Three counters (an unsynchronized
//! read-modify-write that loses updates, a mutex, an atomic add), a lock's contention as the
//! share of each step done while holding it grows, a bounded producer/consumer queue, the same
//! counter in isolated workers (processes) and on one event loop (coroutines).
//!
//! Plain Rust with no browser types: the experiments take their threads from a [`Spawn`]
//! (`std::thread::scope` natively, a rayon scope on the page's pool of Web Workers) and their
//! clock from an [`engine::Platform`](crate::engine::Platform), so the native tests run the very
//! code the page runs.

pub mod contention;
pub mod coroutines;
pub mod counters;
pub mod lanes;
pub mod loop_queue;
pub mod plan;
pub mod processes;
pub mod queue;
pub mod tables;

#[cfg(test)]
mod tests;

pub use lanes::LaneLog;
pub use plan::{LocksPlan, LocksReport, run_experiment};

use std::sync::Barrier;

/// Runs `n` bodies at once, each on its own thread, and returns when all have finished.
pub trait Spawn: Sync {
    /// Calls `body(i)` for each `i` in `0..n`, every call on its own thread, concurrently.
    fn run(&self, n: usize, body: &(dyn Fn(usize) + Sync));
}

/// `std`'s scoped threads: a new thread per body (native tests and benchmarks).
#[derive(Debug, Clone, Copy, Default)]
pub struct StdThreads;

impl Spawn for StdThreads {
    fn run(&self, n: usize, body: &(dyn Fn(usize) + Sync)) {
        std::thread::scope(|scope| {
            for i in 0..n {
                scope.spawn(move || body(i));
            }
        });
    }
}

/// A rayon scope in the current pool: each body is a job, and the caller must be on a pool
/// with at least `n` threads, since the bodies wait for one another at a start line (the page's
/// pool of Web Workers; natively, inside `ThreadPool::install`).
#[derive(Debug, Clone, Copy, Default)]
pub struct RayonScope;

impl Spawn for RayonScope {
    fn run(&self, n: usize, body: &(dyn Fn(usize) + Sync)) {
        rayon::scope(|scope| {
            for i in 0..n {
                scope.spawn(move |_| body(i));
            }
        });
    }
}

/// Runs `n` bodies that all start together: each waits at a start line until every thread is
/// there, so that none finishes before the last one starts.
pub fn run_together(spawn: &dyn Spawn, n: usize, body: &(dyn Fn(usize) + Sync)) {
    let start = Barrier::new(n);
    spawn.run(n, &|i| {
        start.wait();
        body(i);
    });
}

/// A fixed amount of computing that the optimizer cannot remove or shorten: `rounds` steps of
/// a xorshift-multiply mix from `seed` (a linear step such as `x * a + c` would let the compiler
/// fold several rounds into one). A round is a few nanoseconds.
pub fn work(rounds: u32, seed: u64) -> u64 {
    let mut x = seed | 1;
    for _ in 0..rounds {
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    }
    std::hint::black_box(x)
}
