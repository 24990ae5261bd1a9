//! The generated Python programs, run with this machine's `python3`: for every workload and
//! mode, the program must print the checksum the Rust workload computes, split the work into
//! the same tasks (each task's part of the checksum is compared), and end with a JSON line that
//! reads back into the page's type with the run's settings. `scripts/setup` installs Python.

use concurrency_playground::engine::platform::NativePlatform;
use concurrency_playground::engine::sequential::run_sequential;
use concurrency_playground::engine::{RunLogs, assemble};
use concurrency_playground::model::record::RunRecord;
use concurrency_playground::python::{self, result_line};
use concurrency_playground::settings::query::parse_query;
use concurrency_playground::settings::{Mode, Settings};
use concurrency_playground::workloads::{
    Calibration, Plan, TaskOutput, TaskSpec, WorkloadResult, run_to_end,
};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Small runs of every workload (the browser tests' links, with a few more settings).
const CASES: &[&str] = &[
    "workload=primes&tasks=5&limit=100000",
    "workload=mandelbrot&tasks=6&width=120&height=90&iterations=200",
    "workload=mandelbrot&tasks=6&width=120&height=90&iterations=200&precision=f32",
    "workload=hashes&tasks=4&chains=12&rounds=500&seed=7",
    "workload=collatz&tasks=5&numbers=20000&split=uneven",
    "workload=collatz&tasks=3&numbers=1000&split=even",
    "workload=downloads&tasks=6&latency_ms=20&jitter_ms=10&seed=3",
    "workload=mixed&tasks=4&io_ms=10&cpu_ms=3&seed=5&yield_every=2",
    // The convoy lesson's own settings (www/lessons/lessons.json).
    "workload=convoy&tasks=2&waits=100&wait_ms=1&cpu_ms=1000",
];

/// A calibration unlike the default, so that the program must take its rounds from the plan.
const CALIBRATION: Calibration = Calibration {
    hash_rounds_per_ms: 123.4,
    measured: true,
};

fn python3() -> &'static str {
    let found = Command::new("python3").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "python3 is not installed: the generated programs cannot be checked. scripts/setup installs it."
    );
    "python3"
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cp-python-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates a scratch folder");
    dir
}

fn run(dir: &Path, file: &str, source: &str) -> String {
    std::fs::write(dir.join(file), source).expect("writes the program");
    let out = Command::new(python3())
        .arg(file)
        .current_dir(dir)
        .output()
        .expect("runs python3");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{file} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn settings_of(query: &str) -> Settings {
    let link = parse_query(query, 2);
    assert!(link.notices.is_empty(), "{query}: {:?}", link.notices);
    link.settings
}

/// The record of a Sequential run of `plan`, made by the engine natively.
fn sequential_record(settings: &Settings, plan: &Plan) -> RunRecord {
    let platform = NativePlatform::new();
    let log = run_sequential(&plan.tasks, &platform, None, "worker", &mut |_| {}).expect("runs");
    assemble(RunLogs {
        mode: Mode::Sequential,
        settings: settings.clone(),
        on_main_thread: false,
        origin: 0.0,
        ready_at: 0.0,
        units: vec![log],
        bytes_serialized: 0,
        gil_switches: 0,
        timer_resolution_ms: 0.001,
    })
    .record
    .as_ref()
    .clone()
}

#[test]
fn every_program_prints_the_pages_checksum() {
    let dir = scratch();
    for query in CASES {
        let settings = settings_of(query);
        let plan = Plan::new(&settings, CALIBRATION);
        // The page generates the programs from the run's record, as the engine made it.
        let record = sequential_record(&settings, &plan);
        assert_eq!(
            python::plan_of(&record).tasks,
            plan.tasks,
            "{query}: the plan read back from the record"
        );
        let outputs: Vec<TaskOutput> = plan
            .tasks
            .iter()
            .map(|t| run_to_end(&mut t.start()))
            .collect();
        let expected = WorkloadResult::fold(&outputs).checksum.to_string();
        // The GPU's program needs a GPU and packages: it is parsed, not run (below).
        for &mode in Mode::DEFAULTS {
            let file = python::file_name(&settings, mode);
            let stdout = run(
                &dir,
                &file,
                &python::program(&record.settings, &python::plan_of(&record), mode),
            );
            let printed = stdout.lines().find_map(|l| l.strip_prefix("checksum "));
            assert_eq!(
                printed,
                Some(expected.as_str()),
                "{query}, {mode}:\n{stdout}"
            );
            let last = stdout.lines().last().unwrap_or_default();
            let line =
                result_line::parse(last).unwrap_or_else(|e| panic!("{query}, {mode}: {e}\n{last}"));
            assert_eq!(line.mode, mode);
            assert_eq!(line.checksum, expected);
            assert_eq!(
                line.to_settings(&settings).expect("valid settings"),
                settings,
                "{query}"
            );
            let parts: Vec<String> = line.tasks.iter().map(|t| t.checksum.clone()).collect();
            let rust_parts: Vec<String> = outputs.iter().map(|o| o.checksum.to_string()).collect();
            assert_eq!(
                parts, rust_parts,
                "{query}, {mode}: the same split, task by task"
            );
            assert!(line.wall_ms > 0.0 && line.tasks.iter().all(|t| t.end_ms >= t.start_ms));
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

/// Runs `code` in Python beside the Downloads program (imported as a module) and returns what
/// it prints.
fn beside_downloads(dir: &Path, settings: &Settings, code: &str) -> String {
    let plan = Plan::new(settings, CALIBRATION);
    let file = python::file_name(settings, Mode::Sequential);
    std::fs::write(
        dir.join(&file),
        python::program(settings, &plan, Mode::Sequential),
    )
    .expect("writes");
    let module = file.trim_end_matches(".py");
    let out = Command::new(python3())
        .args(["-c", &format!("import {module} as p, struct\n{code}")])
        .current_dir(dir)
        .output()
        .expect("runs python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn python_draws_the_same_numbers_as_rand_pcg() {
    use rand::{RngExt, SeedableRng};
    let dir = scratch().join("draws");
    std::fs::create_dir_all(&dir).expect("creates a folder");
    let settings =
        settings_of("workload=downloads&tasks=40&latency_ms=7&jitter_ms=900&seed=4000000000");
    // Every download's wait, bit for bit.
    let printed = beside_downloads(
        &dir,
        &settings,
        "print(' '.join(str(struct.unpack('<Q', struct.pack('<d', t[1]))[0]) for t in p.make_tasks()))",
    );
    let waits: Vec<String> = Plan::new(&settings, CALIBRATION)
        .tasks
        .iter()
        .map(|t| match t {
            TaskSpec::Download(d) => d.wait_ms.to_bits().to_string(),
            other => panic!("not a download: {other:?}"),
        })
        .collect();
    assert_eq!(printed.split_whitespace().collect::<Vec<_>>(), waits);
    // Many draws of both kinds, enough to take the rarely taken branch of rand's integer
    // sampling (about 1 draw in 43,000) several times.
    for seed in [0u64, 1, 99, u64::from(u32::MAX) << 32 | 77] {
        let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
        let rust: Vec<String> = (0..200_000)
            .map(|i| {
                if i % 7 == 0 {
                    rng.random_range(0.0..=123.0f64).to_bits().to_string()
                } else {
                    rng.random_range(100u32..100_000).to_string()
                }
            })
            .collect();
        let printed = beside_downloads(
            &dir,
            &settings,
            &format!(
                "r = p.Pcg64({seed})\nprint(' '.join(str(struct.unpack('<Q', struct.pack('<d', r.up_to(123)))[0]) if i % 7 == 0 else str(r.below(100, 100000)) for i in range(200000)))"
            ),
        );
        assert!(
            printed
                .split_whitespace()
                .eq(rust.iter().map(String::as_str)),
            "seed {seed}"
        );
    }
}

/// The locks lab's programs, one per experiment, with small settings: each runs under python3
/// and its JSON line shows what the lab shows (exact counts with a lock, exactly once through
/// the queue, the parent's copy untouched, lost updates on one loop only with an await inside).
#[test]
fn the_locks_programs_run_and_show_the_same_things() {
    use concurrency_playground::python::locks;
    let dir = scratch();
    for query in [
        "lab=locks&experiment=counters&threads=2&increments=20000",
        "lab=locks&experiment=contention&threads=1&steps=200&lock_share=50",
        "lab=locks&experiment=queue&producers=3&consumers=2&capacity=2&items=500",
        "lab=locks&experiment=processes&threads=2&increments=1000",
        "lab=locks&experiment=coroutines&threads=3&increments=100",
    ] {
        let page = concurrency_playground::app::link::read_link(query, 2, false);
        assert!(
            page.link.notices.is_empty(),
            "{query}: {:?}",
            page.link.notices
        );
        let settings = page.link.settings;
        let source = locks::program(&settings);
        let out = run(&dir, &locks::file_name(&settings), &source);
        let line = out.lines().last().expect("a JSON line");
        let json: serde_json::Value = serde_json::from_str(line).expect("the last line is JSON");
        assert_eq!(json["lab"], "locks");
        let results = &json["results"];
        match settings.experiment.name() {
            "counters" => {
                for row in results.as_array().expect("three counters").iter().skip(1) {
                    assert_eq!(row["actual"], 40000, "{row}");
                }
            }
            "contention" => {
                let points = results.as_array().expect("points");
                assert_eq!(points.len(), 4);
                assert!(points.iter().all(|p| p["total"] == 200));
            }
            "queue" => assert_eq!(results["exactly_once"], true, "{results}"),
            "processes" => {
                assert_eq!(results["parent"], 0);
                assert_eq!(results["value"], 2000);
                assert_eq!(results["messages"], 2000);
            }
            _ => {
                let actual: Vec<u64> = results["counters"]
                    .as_array()
                    .expect("three variants")
                    .iter()
                    .map(|r| r["actual"].as_u64().expect("a count"))
                    .collect();
                assert_eq!(actual, [300, 100, 300]);
                assert_eq!(results["queue_exactly_once"], true);
            }
        }
    }
}

/// The GPU mode's programs (a Numba CUDA kernel) need a GPU and packages, so CPython here only
/// parses them; each says so at its top, and names the packages.
#[test]
fn the_gpu_programs_parse_and_say_they_need_a_gpu() {
    let dir = scratch();
    for query in [
        "workload=primes&tasks=3&limit=1000",
        "workload=collatz&tasks=2&numbers=500",
    ] {
        let settings = settings_of(query);
        let plan = Plan::new(&settings, CALIBRATION);
        let source = python::program(&settings, &plan, Mode::Gpu);
        assert!(
            source.contains("NOT RUN BY THE PAGE") && source.contains("pip install numba numpy")
        );
        let file = python::file_name(&settings, Mode::Gpu);
        std::fs::write(dir.join(&file), &source).expect("writes the program");
        let parsed = Command::new(python3())
            .args([
                "-c",
                "import ast, sys; ast.parse(open(sys.argv[1]).read())",
                &file,
            ])
            .current_dir(&dir)
            .output()
            .expect("runs python3");
        assert!(
            parsed.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&parsed.stderr)
        );
    }
    let hashes = settings_of("workload=hashes&tasks=2&chains=4&rounds=10");
    let plan = Plan::new(&hashes, CALIBRATION);
    assert!(
        python::program(&hashes, &plan, Mode::Gpu)
            .starts_with("# The GPU mode has no Python program")
    );
}
