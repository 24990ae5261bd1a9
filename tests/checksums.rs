//! The checksums the browser tests expect: every workload's result, computed natively from the
//! same links the browser tests open. The browser suite checks every mode against this file;
//! this test keeps the file in step with the code (`UPDATE_CHECKSUMS=1 cargo test` rewrites it).

use concurrency_playground::settings::query::parse_query;
use concurrency_playground::workloads::{Calibration, Plan, WorkloadResult, run_to_end};
use std::collections::BTreeMap;

/// The links, one per workload, small enough to run in every mode quickly.
const CASES: &[&str] = &[
    "workload=primes&tasks=5&limit=100000",
    "workload=mandelbrot&tasks=6&width=120&height=90&iterations=200",
    "workload=mandelbrot&tasks=6&width=120&height=90&iterations=200&precision=f32",
    "workload=hashes&tasks=4&chains=12&rounds=500&seed=7",
    "workload=collatz&tasks=5&numbers=20000&split=uneven",
    "workload=downloads&tasks=6&latency_ms=20&jitter_ms=10&seed=3",
    "workload=mixed&tasks=4&io_ms=10&cpu_ms=0&seed=5",
    "workload=convoy&tasks=3&waits=10&wait_ms=1&cpu_ms=0&seed=2",
];

fn expected() -> BTreeMap<String, String> {
    CASES
        .iter()
        .map(|query| {
            let link = parse_query(query, 2);
            assert!(link.notices.is_empty(), "{query}: {:?}", link.notices);
            let plan = Plan::new(&link.settings, Calibration::default());
            let outputs: Vec<_> = plan
                .tasks
                .iter()
                .map(|t| run_to_end(&mut t.start()))
                .collect();
            (
                (*query).to_owned(),
                WorkloadResult::fold(&outputs).checksum.to_string(),
            )
        })
        .collect()
}

#[test]
fn the_browser_tests_expect_these_checksums() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/browser/expected-checksums.json"
    );
    let fresh = serde_json::to_string_pretty(&expected()).expect("serializes") + "\n";
    if std::env::var_os("UPDATE_CHECKSUMS").is_some() {
        std::fs::write(path, &fresh).expect("writes the file");
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        stored, fresh,
        "run UPDATE_CHECKSUMS=1 cargo test --test checksums to refresh {path}"
    );
}
