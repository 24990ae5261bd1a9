//! What each mode's program says and does, read from its text; and bad result lines refused
//! with a sentence naming what is wrong. (tests/python_programs.rs runs the programs.)

use super::result_line::{self, MAX_BYTES};
use super::*;
use crate::settings::GilVersion;
use crate::workloads::Calibration;

fn program_for(mode: Mode, edit: impl FnOnce(&mut Settings)) -> String {
    let mut settings = Settings::defaults(2);
    edit(&mut settings);
    let plan = Plan::new(&settings, Calibration::default());
    program(&settings, &plan, mode)
}

#[test]
fn each_mode_is_the_lectures_python() {
    let sequential = program_for(Mode::Sequential, |_| {});
    assert!(sequential.contains("for task in make_tasks():"));
    let gil = program_for(Mode::Gil, |s| s.switch_ms = 2.5);
    assert!(gil.contains("sys.setswitchinterval(SETTINGS[\"switch_ms\"] / 1000)"));
    assert!(gil.contains("\"switch_ms\": 2.5,") && gil.contains("ThreadPoolExecutor"));
    assert!(!gil.contains("cannot reproduce"));
    let old = program_for(Mode::Gil, |s| s.gil = GilVersion::Old);
    assert!(old.contains("Python 3 cannot reproduce it") && old.contains("runs the new GIL"));
    let threads = program_for(Mode::Threads, |_| {});
    assert!(threads.contains("python3.13t") && threads.contains("_is_gil_enabled"));
    let processes = program_for(Mode::Processes, |_| {});
    assert!(processes.contains("ProcessPoolExecutor(max_workers="));
    assert!(processes.contains("InterpreterPoolExecutor"));
    assert!(processes.ends_with("if __name__ == \"__main__\":\n    main()\n"));
    let coroutines = program_for(Mode::Coroutines, |s| s.yield_every = 3);
    assert!(coroutines.contains("asyncio.TaskGroup()") && coroutines.contains("asyncio.gather("));
    assert!(
        coroutines.contains("await asyncio.sleep(0)") && coroutines.contains("\"yield_every\": 3,")
    );
}

#[test]
fn a_program_carries_its_workloads_settings_and_the_calibrated_rounds() {
    let mut settings = Settings::defaults(4);
    settings.workload = WorkloadKind::Mixed;
    settings.cpu_ms = 10;
    let calibration = Calibration {
        hash_rounds_per_ms: 321.0,
        measured: true,
    };
    let plan = Plan::new(&settings, calibration);
    let text = program(&settings, &plan, Mode::Sequential);
    assert!(text.contains("CPU_ROUNDS = 3210\n"));
    assert!(text.contains("\"io_ms\": 50,") && text.contains("\"seed\": 1,"));
    assert!(!text.contains("\"limit\"") && !text.contains("\"modes\""));
    assert_eq!(file_name(&settings, Mode::Gil), "playground_mixed_gil.py");
}

fn good_line() -> String {
    r#"{"format":"concurrency-playground-python","version":1,"mode":"gil","settings":{"workload":"primes","tasks":2,"limit":1000,"workers":2,"switch_ms":5.0,"gil":"new","ticks":1,"yield_every":0},"checksum":"00000000000000ff","wall_ms":12.5,"startup_ms":0.5,"tasks":[{"index":0,"unit":"t","start_ms":0.5,"end_ms":6.0,"checksum":"000000000000000f"},{"index":1,"unit":"t","start_ms":0.6,"end_ms":13.0,"checksum":"00000000000000f0"}],"python":"3.11.7","implementation":"CPython","cpu_count":2,"gil_enabled":true,"switch_interval_ms":5.0}"#.to_owned()
}

#[test]
fn a_good_line_reads_back() {
    let run = result_line::parse(&format!(
        "primes, Threads + GIL: ...\nchecksum 00000000000000ff\n{}\n\n",
        good_line()
    ))
    .expect("a good line");
    assert_eq!(run.mode, Mode::Gil);
    assert_eq!(run.checksum().0, 255);
    let settings = run.to_settings(&Settings::defaults(8)).expect("valid");
    assert_eq!(
        (settings.limit, settings.tasks, settings.workers),
        (1000, 2, 2)
    );
}

#[test]
fn bad_lines_say_what_is_wrong() {
    let good = good_line();
    let cases: Vec<(String, &str)> = vec![
        ("".to_owned(), "nothing to read"),
        ("hello".to_owned(), "is not JSON"),
        (good[..good.len() / 2].to_owned(), "truncated"),
        ("x".repeat(10 * 1024 * 1024), "at most 512 KB"),
        ("[1, 2]".to_owned(), "not an object"),
        (
            "{\"a\":1}".to_owned(),
            "not a Concurrency Playground result",
        ),
        (
            good.replace("\"version\":1", "\"version\":2"),
            "version 2; this page reads version 1",
        ),
        (
            good.replace("\"mode\":\"gil\"", "\"mode\":\"<script>\""),
            "misstates a field",
        ),
        (
            good.replace("\"wall_ms\":12.5", "\"wall_ms\":-1"),
            "out of range",
        ),
        (
            good.replace("\"wall_ms\":12.5", "\"wall_ms\":1e300"),
            "out of range",
        ),
        (
            good.replace("\"end_ms\":6.0", "\"end_ms\":0.1"),
            "Task 0's start_ms",
        ),
        (
            good.replace(
                "\"checksum\":\"00000000000000ff\"",
                "\"checksum\":\"<b>x</b>\"",
            ),
            "16 lowercase hex",
        ),
        (
            good.replace("\"limit\":1000", "\"limit\":0"),
            "limit: \"0\" is too small",
        ),
        (
            good.replace("\"limit\":1000", "\"limit\":\"<img>\""),
            "\"<img>\" is not a whole number",
        ),
        (good.replace("\"tasks\":2,", "\"tasks\":2000,"), "too large"),
        (
            good.replace("\"gil\":\"new\"", "\"nonsense\":\"new\""),
            "no setting named",
        ),
        (
            good.replace("\"cpu_count\":2", "\"cpu_count\":0"),
            "cpu_count",
        ),
    ];
    for (text, needle) in cases {
        let err = result_line::parse(&text).expect_err(needle);
        assert!(err.0.contains(needle), "{needle:?} not in {:?}", err.0);
        assert!(err.0.len() < 400, "a short sentence: {}", err.0);
    }
    const { assert!(MAX_BYTES < 10 * 1024 * 1024) };
}
