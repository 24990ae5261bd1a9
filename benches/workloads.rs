//! Native speed of each CPU-bound workload, run as the browser's Sequential mode runs it (every
//! task in order on one thread, recorded), on the settings in tests/browser/bench/workloads.json.
//! `scripts/bench` compares these with the same runs in wasm in Chromium and Firefox. For SHA-256
//! it runs twice: with the crate's portable backend, as in wasm
//! (`RUSTFLAGS='--cfg sha2_backend="soft"'`), and with the CPU's SHA instructions.
//!
//! Also measures what recording costs: the same tasks with and without the unit's log.

use concurrency_playground::engine::platform::NativePlatform;
use concurrency_playground::engine::sequential::run_sequential;
use concurrency_playground::settings::query::parse_query;
use concurrency_playground::workloads::{Calibration, Plan, run_to_end};
use criterion::{Criterion, criterion_group};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn plans() -> BTreeMap<String, Plan> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/browser/bench/workloads.json"
    );
    let text = std::fs::read_to_string(path).expect("the benchmark's settings exist");
    let queries: BTreeMap<String, String> = serde_json::from_str(&text).expect("valid JSON");
    queries
        .into_iter()
        .map(|(name, query)| {
            let link = parse_query(&query, 1);
            assert!(link.notices.is_empty(), "{query}: {:?}", link.notices);
            (name, Plan::new(&link.settings, Calibration::default()))
        })
        .collect()
}

fn workloads(c: &mut Criterion) {
    let mut group = c.benchmark_group("sequential");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    let platform = NativePlatform::new();
    for (name, plan) in plans() {
        group.bench_function(&name, |b| {
            b.iter(|| {
                run_sequential(&plan.tasks, &platform, None, "worker", &mut |_| {}).expect("runs")
            });
        });
        if name == "primes" {
            // The same work without the unit's log: what recording costs.
            group.bench_function("primes-unrecorded", |b| {
                b.iter(|| {
                    let outputs: Vec<_> = plan
                        .tasks
                        .iter()
                        .map(|t| run_to_end(&mut t.start()))
                        .collect();
                    outputs
                });
            });
        }
    }
    group.finish();
}

/// What recording costs: the primes run with the unit's log (as every mode runs it) against the
/// bare computation, alternated so that the machine's drift touches both alike. Writes
/// `recording.json` beside criterion's results for `scripts/bench`.
fn recording_cost() {
    let plans = plans();
    let plan = &plans["primes"];
    let platform = NativePlatform::new();
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64() * 1000.0
    };
    let recorded =
        || drop(run_sequential(&plan.tasks, &platform, None, "worker", &mut |_| {}).expect("runs"));
    let bare = || {
        drop(
            plan.tasks
                .iter()
                .map(|t| run_to_end(&mut t.start()))
                .collect::<Vec<_>>(),
        )
    };
    let (mut with_log, mut without) = (Vec::new(), Vec::new());
    for _ in 0..11 {
        with_log.push(time(&recorded));
        without.push(time(&bare));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (a, b) = (median(&mut with_log), median(&mut without));
    println!(
        "recording: {a:.1} ms with the log, {b:.1} ms without: {:+.2}%",
        100.0 * (a / b - 1.0)
    );
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let json = format!("{{\"recorded_ms\": {a}, \"bare_ms\": {b}}}\n");
    std::fs::write(format!("{}/recording.json", dir), json).expect("writes the result");
}

criterion_group!(benches, workloads);

fn main() {
    benches();
    recording_cost();
    Criterion::default().configure_from_args().final_summary();
}
