//! The shared run: written from records made on real threads, read back equal, and every bad
//! text refused with a sentence that names what is wrong.

use super::fit::{admit, how_they_differ, same_work};
use super::*;
use crate::engine::coroutines::run_blocking;
use crate::engine::platform::{NativePlatform, Platform};
use crate::engine::sequential::run_sequential;
use crate::engine::{RunLogs, assemble};
use crate::settings::Mode;
use crate::workloads::{Calibration, Plan};

/// Small primes settings, Sequential and Coroutines.
pub(crate) fn settings() -> Settings {
    let mut s = Settings::defaults(2);
    s.limit = 50_000;
    s.tasks = 4;
    s.modes = vec![Mode::Sequential, Mode::Coroutines];
    s
}

/// Sequential and Coroutines of `s`, run natively with the page's engine.
pub(crate) fn records(s: &Settings) -> Vec<RunRecord> {
    let plan = Plan::new(s, Calibration::default());
    let platform = NativePlatform::new();
    [Mode::Sequential, Mode::Coroutines]
        .map(|mode| {
            let origin = platform.now_ms();
            let units = match mode {
                Mode::Sequential => {
                    vec![
                        run_sequential(&plan.tasks, &platform, None, "worker", &mut |_| {})
                            .expect("runs"),
                    ]
                }
                _ => run_blocking(&plan.tasks, 0, &platform, None, &mut |_| {}).expect("runs"),
            };
            let logs = RunLogs {
                mode,
                settings: s.clone(),
                on_main_thread: false,
                origin,
                ready_at: origin,
                units,
                bytes_serialized: 0,
                gil_switches: 0,
                timer_resolution_ms: 0.001,
            };
            std::rc::Rc::unwrap_or_clone(assemble(logs).record)
        })
        .to_vec()
}

fn machine() -> Machine {
    Machine {
        browser: "Firefox 140 (headless)".into(),
        cores: 8,
        cores_measured: Some(7.62),
        isolated: true,
        timer_resolution_ms: 0.02,
    }
}

fn shared() -> SharedRun {
    let records = records(&settings());
    let refs: Vec<&RunRecord> = records.iter().collect();
    SharedRun::new(&refs, &[Some(16.7), Some(20.0)], machine()).expect("records")
}

#[test]
fn a_run_reads_back_as_it_was_written() {
    let run = shared();
    assert_eq!(run.results.len(), 2);
    assert_eq!(run.results[0].speedup, Some(1.0));
    assert_eq!(run.results[1].frame_gap_ms, Some(20.0));
    let text = run.to_json();
    assert!(text.starts_with(r#"{"format":"concurrency-playground-run","version":1,"#));
    let back = parse(&text).expect("reads back");
    assert_eq!(
        (&back.settings, &back.machine),
        (&run.settings, &run.machine)
    );
    assert!(back.results.iter().all(|r| r.playhead_ms.is_none()) && !text.contains("playhead"));
    let mut placed = run.clone();
    placed.results[1].playhead_ms = Some(12.5);
    assert_eq!(
        parse(&placed.to_json()).expect("reads back").results[1].playhead_ms,
        Some(12.5),
        "a downloaded run keeps its playheads"
    );
    placed.results[1].playhead_ms = Some(-86_400_000.0);
    assert!(
        parse(&placed.to_json()).is_err(),
        "a playhead out of range is refused"
    );
    for (a, b) in back.records.iter().zip(&run.records) {
        assert_eq!(
            (a.mode, a.result.checksum, a.lanes.len()),
            (b.mode, b.result.checksum, b.lanes.len())
        );
        assert_eq!(
            a.tasks
                .iter()
                .map(|t| (t.index, t.lane))
                .collect::<Vec<_>>(),
            b.tasks
                .iter()
                .map(|t| (t.index, t.lane))
                .collect::<Vec<_>>()
        );
        assert!(
            (a.wall_ms - b.wall_ms).abs() < 1e-9,
            "times read back as written"
        );
    }
    assert_eq!(back.results.len(), 2);
    assert_eq!(run.file_name(), "playground-primes-run.json");
    assert_eq!(
        machine().describe(),
        "Firefox 140 (headless), 8 cores reported (7.6 measured), cross-origin isolated, clock step 0.020 ms"
    );
    assert_eq!(SharedRun::new(&[], &[], machine()), None);
}

fn refused(text: &str) -> String {
    parse(text).expect_err("refused").0
}

/// The file's JSON with `change` made to it.
fn changed(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(shared()).expect("to a value");
    change(&mut value);
    value.to_string()
}

fn assert_refused(cases: Vec<(&str, String, &str)>) {
    for (what, text, needle) in cases {
        let message = refused(&text);
        assert!(message.contains(needle), "{what}: {message}");
        assert!(
            message.len() < 400,
            "{what}: a sentence, not a dump: {message}"
        );
    }
}

#[test]
fn text_that_is_not_a_run_is_refused_with_what_is_wrong() {
    let good = shared().to_json();
    assert_refused(vec![
        ("empty", "  \n".into(), "nothing to read"),
        ("not JSON", "hello, world".into(), "is not valid JSON"),
        (
            "truncated",
            good[..good.len() / 2].into(),
            "cut short (truncated)",
        ),
        ("10 MB", "x".repeat(10 * 1024 * 1024), "at most 4096 KB"),
        ("an array", "[1, 2]".into(), "not an object"),
        (
            "other JSON",
            r#"{"name": "x"}"#.into(),
            "not a Concurrency Playground run",
        ),
        (
            "a CPython line",
            r#"{"format":"concurrency-playground-python","version":1}"#.into(),
            "CPython program's line",
        ),
        (
            "another version",
            good.replacen(r#""version":1"#, r#""version":2"#, 1),
            "version 2; this page reads version 1",
        ),
        (
            "huge number",
            good.replacen(r#""cores":8"#, r#""cores":1e999"#, 1),
            "not valid JSON: number out of range",
        ),
    ]);
}

#[test]
fn a_run_that_does_not_hold_together_is_refused_with_what_is_wrong() {
    assert_refused(vec![
        (
            "markup",
            changed(|v| {
                v["records"][1]["lanes"][0]["label"] = "<img src=x onerror=alert(1)>".into()
            }),
            "markup (< or >) in a string, at records[1].lanes[0].label",
        ),
        (
            "a missing field",
            changed(|v| {
                v["records"][0]
                    .as_object_mut()
                    .expect("object")
                    .remove("lanes")
                    .map(drop)
                    .unwrap_or(())
            }),
            "missing field `lanes`",
        ),
        (
            "negative count",
            changed(|v| v["records"][0]["tasks"][0]["index"] = (-1).into()),
            "misstates a field: invalid value: integer `-1`",
        ),
        (
            "no cores",
            changed(|v| v["machine"]["cores"] = 0.into()),
            "cores out of range",
        ),
        (
            "a negative time",
            changed(|v| v["records"][0]["wall_ms"] = (-5.0).into()),
            "Sequential record: wall_ms, startup_ms or serialize_ms is out of range",
        ),
        (
            "a task beyond the plan",
            changed(|v| v["records"][1]["tasks"][0]["index"] = 9.into()),
            "Coroutines record: task 9 is out of range",
        ),
        (
            "a lane that is not there",
            changed(|v| v["records"][0]["tasks"][0]["lane"] = 5.into()),
            "is out of range (its number, lane or times)",
        ),
        (
            "settings out of range",
            changed(|v| v["settings"]["tasks"] = 5000.into()),
            "The file's settings: ",
        ),
        (
            "records of other settings",
            changed(|v| v["records"][0]["settings"]["limit"] = 60_000.into()),
            "Sequential record ran other settings",
        ),
        (
            "a mode twice",
            changed(|v| {
                v["records"][1] = v["records"][0].clone();
                v["results"][1] = v["results"][0].clone();
            }),
            "holds Sequential twice",
        ),
        (
            "rows without records",
            changed(|v| {
                v["results"].as_array_mut().expect("array").pop();
            }),
            "do not pair up",
        ),
    ]);
}

#[test]
fn only_runs_of_the_same_work_sit_side_by_side() {
    let run = shared();
    let mut ours = settings();
    assert_eq!(admit(&run, &ours), Ok(()));
    // How it ran may differ: another machine has other cores, another GIL.
    ours.workers = 8;
    ours.modes = vec![Mode::Sequential, Mode::Threads, Mode::Gil];
    ours.switch_ms = 1.0;
    assert_eq!(admit(&run, &ours), Ok(()));
    assert!(same_work(&run.settings, &ours));
    assert_eq!(
        how_they_differ(&run.settings, &ours),
        ["workers 2 there, 8 here", "switch_ms 5 there, 1 here"]
    );
    // What it computed may not.
    ours.limit = 60_000;
    ours.tasks = 8;
    let why = admit(&run, &ours).expect_err("other work").0;
    assert!(
        why.contains("(tasks 4 there, 8 here; limit 50000 there, 60000 here)"),
        "{why}"
    );
    ours.workload = crate::settings::WorkloadKind::Hashes;
    let why = admit(&run, &ours).expect_err("another workload").0;
    assert!(
        why.contains("(workload primes there, hashes here)"),
        "{why}"
    );
}

/// A file as a page of version 1 wrote it, committed as written (primes, 2 tasks, Sequential and
/// Coroutines, made with `records` above and `SharedRun::to_json`): every later page must read it.
const VERSION_1_FILE: &str = include_str!("../../../tests/data/run-v1.json");

/// The file's text without one setting, in its settings and in every record's, as a file written
/// before that setting existed.
fn without_setting(text: &str, name: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let remove = |settings: &mut serde_json::Value| {
        let settings = settings.as_object_mut().expect("an object");
        usize::from(settings.remove(name).is_some())
    };
    let mut removed = remove(&mut value["settings"]);
    for record in value["records"].as_array_mut().expect("records") {
        removed += remove(&mut record["settings"]);
    }
    assert_eq!(removed, 3, "{name} in the settings and both records");
    value.to_string()
}

#[test]
fn a_committed_version_1_file_still_reads() {
    let run = parse(VERSION_1_FILE).expect("a version 1 file reads");
    assert_eq!(run.version, 1);
    assert_eq!((run.settings.limit, run.settings.tasks), (3000, 2));
    assert_eq!(run.records.len(), 2);
    assert_eq!(run.results[0].speedup, Some(1.0));
    assert_eq!(run.machine.browser, "Firefox 140 (headless)");
    admit(&run, &run.settings).expect("it fits its own settings");
}

/// A setting added after a file was written is missing from it: the file still reads, the
/// setting taking its default.
#[test]
fn a_file_without_a_setting_reads_with_its_default() {
    let run = parse(VERSION_1_FILE).expect("reads");
    for name in ["items", "yield_every", "switch_ms"] {
        let older = parse(&without_setting(VERSION_1_FILE, name))
            .unwrap_or_else(|e| panic!("without {name}: {}", e.0));
        assert_eq!(
            older, run,
            "without {name}: the default is the file's value here"
        );
    }
    // The file ran 2 workers; without the setting, it takes the default's 1.
    let older = parse(&without_setting(VERSION_1_FILE, "workers")).expect("reads");
    assert_eq!(run.settings.workers, 2);
    assert_eq!(older.settings.workers, Settings::default().workers);
    assert!(older.records.iter().all(|r| r.settings.workers == 1));
    assert_eq!(
        Settings::default(),
        Settings::defaults(1),
        "the same on every machine"
    );
}
