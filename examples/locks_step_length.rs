//! Measures, natively, why the contention experiment's step must be long: the same work split
//! between 1 and 2 threads with half of each step inside one mutex, at three step lengths.
//! Every hand-over of the lock to a thread asleep on it leaves the lock idle while that thread
//! wakes (tens of µs); with short steps that idle time eats the parallelism. Prints Markdown.
//! `cargo run --release --locked --example locks_step_length` (scripts/bench locks runs it).

use concurrency_playground::engine::platform::NativePlatform;
use concurrency_playground::locks::StdThreads;
use concurrency_playground::locks::contention::run_steps;

/// About 110 ms of one thread's work at each step length.
const WORK_ROUNDS: u64 = 80_000_000;

fn main() {
    let clock = NativePlatform::new();
    println!("Native (std threads), half of each step inside the lock, median of 5 runs:\n");
    println!(
        "| rounds a step | step (µs, 1 thread) | steps/ms, 1 thread | steps/ms, 2 threads | speedup | waits for the lock, 2 threads | mean wait (µs) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for rounds in [20_000u32, 200_000, 1_000_000] {
        let steps = WORK_ROUNDS / u64::from(rounds);
        let median = |threads: usize| {
            let mut runs: Vec<_> = (0..5)
                .map(|_| run_steps(threads, steps, rounds, 50, &StdThreads, &clock))
                .collect();
            runs.sort_by(|a, b| a.0.wall_ms.total_cmp(&b.0.wall_ms));
            runs.swap_remove(2)
        };
        let (one, _) = median(1);
        let (two, logs) = median(2);
        let waits: u64 = logs.iter().map(|l| l.wait_count).sum();
        let mean_wait_us = two.lock_wait_ms * 1000.0 / waits.max(1) as f64;
        println!(
            "| {rounds} | {:.1} | {:.2} | {:.2} | {:.2}× | {waits} of {steps} steps | {mean_wait_us:.1} |",
            one.wall_ms * 1000.0 / steps as f64,
            one.throughput(),
            two.throughput(),
            two.throughput() / one.throughput(),
        );
    }
}
