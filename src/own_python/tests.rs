//! Native tests of the Python lab's plain Rust: the templates run in CPython, links are read
//! and refused as they should be, records and explanations are built from messages.

use super::code_link::{self, MAX_LINK_CHARS};
use super::explain::explain;
use super::protocol::{FromWorker, TaskOutcome, ToWorker};
use super::record::{ModeLog, WorkerLog, rows};
use super::settings::{PyKey, PyMode, PySettings, link_query, read_link};
use super::templates::TEMPLATES;
use crate::model::record::IntervalKind;

/// Runs `code` with a driver in python3 and returns what it printed, if python3 is here.
fn python3(code: &str, driver: &str) -> Option<String> {
    let program = format!("{code}\n\n{driver}\n");
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(program)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn every_template_runs_in_cpython_and_its_coroutines_return_the_same_values() {
    for template in TEMPLATES {
        let driver = "import asyncio\nn = 3\nprint([repr(task(i, n)) for i in range(n)])\n\
            async def main():\n    return await asyncio.gather(*(task_async(i, n) for i in range(n)))\n\
            print([repr(v) for v in asyncio.run(main())])";
        let Some(printed) = python3(template.code, driver) else {
            eprintln!("python3 is not here: skipped (scripts/setup installs it)");
            return;
        };
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines.len(), 2, "{}: {printed}", template.id);
        assert_eq!(
            lines[0], lines[1],
            "{}: task and task_async differ",
            template.id
        );
        assert!(lines[0].len() > 6, "{}: {printed}", template.id);
    }
}

#[test]
fn a_link_reads_its_settings_template_and_code() {
    let code = code_link::encode(b"\x01\x02compressed").expect("short");
    let query = link_query(
        &PySettings {
            modes: vec![PyMode::Sequential, PyMode::Coroutines],
            tasks: 6,
            workers: 3,
            time_limit_s: 20,
        },
        None,
        Some(&code),
        false,
    );
    let link = read_link(&query, 8);
    assert!(link.notices.is_empty(), "{:?}", link.notices);
    assert_eq!(link.settings.tasks, 6);
    assert_eq!(link.settings.workers, 3);
    assert_eq!(link.settings.time_limit_s, 20);
    assert_eq!(
        link.settings.modes,
        vec![PyMode::Sequential, PyMode::Coroutines]
    );
    assert_eq!(link.code.as_deref(), Some(&b"\x01\x02compressed"[..]));
    let link = read_link("lab=python&template=hashes&run=1", 2);
    assert_eq!(link.template.map(|t| t.id), Some("hashes"));
    assert!(link.asked_to_run);
}

#[test]
fn wrong_values_give_a_notice_naming_the_setting_and_keep_the_default() {
    let long = "A".repeat(MAX_LINK_CHARS + 1);
    let cases = [
        ("tasks=0", "tasks"),
        ("tasks=1e3", "tasks"),
        ("tasks=99999999999999999999999999999", "tasks"),
        ("workers=-1", "workers"),
        ("workers=", "workers"),
        ("time_limit=NaN", "time_limit"),
        ("modes=threads", "modes"),
        ("modes=", "modes"),
        ("modes=<script>", "modes"),
        ("template=nope", "template"),
        ("code=", "code"),
        ("code=2.AAAA", "code"),
        ("code=1.%%%", "code"),
        ("code=nodot", "code"),
        ("unknown=1", "unknown"),
        ("tasks=2&tasks=3", "tasks"),
    ];
    for (query, setting) in cases {
        let link = read_link(query, 4);
        assert_eq!(link.notices.len(), 1, "{query}: {:?}", link.notices);
        assert_eq!(link.notices[0].setting, setting, "{query}");
        assert!(
            link.notices[0].message.starts_with(setting),
            "{query}: {}",
            link.notices[0].message
        );
        assert_eq!(link.settings.workers, 4, "{query}");
        assert_eq!(link.code, None, "{query}");
    }
    let link = read_link(&format!("code={long}"), 4);
    assert!(
        link.notices[0].message.contains("file"),
        "{:?}",
        link.notices
    );
    assert!(code_link::encode(&vec![7u8; MAX_LINK_CHARS]).is_none());
    assert!(code_link::check_code(&"x".repeat(code_link::MAX_CODE_BYTES + 1)).is_err());
    assert!(code_link::check_code("a\0b").is_err());
    assert!(code_link::check_code("def task(i, n):\n    return i\n").is_ok());
}

#[test]
fn hostile_queries_never_panic() {
    let pieces = [
        "tasks",
        "workers",
        "modes",
        "code",
        "template",
        "time_limit",
        "=",
        "&",
        "%",
        "\u{202e}",
        "1.",
        "-0",
        "🙂",
        "<b>",
    ];
    let mut seed = 7u64;
    for _ in 0..3000 {
        let mut query = String::new();
        for _ in 0..6 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            query.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let link = read_link(&query, 4);
        assert!(link.settings.tasks >= 1 && link.settings.workers >= 1);
    }
}

fn outcome(i: u32, start: f64, end: f64, value: &str) -> TaskOutcome {
    TaskOutcome {
        i,
        start,
        end,
        repr: Some(value.to_owned()),
        pickle_ms: 0.5,
        ..TaskOutcome::default()
    }
}

fn mode(
    mode: PyMode,
    workers: usize,
    tasks: Vec<(u32, TaskOutcome)>,
) -> super::record::PyModeRecord {
    let mut log = ModeLog::new(mode, 1000.0);
    log.workers = (0..workers)
        .map(|_| WorkerLog {
            spawned: 1000.0,
            ready: Some(3000.0),
        })
        .collect();
    let end = tasks.iter().map(|(_, o)| o.end).fold(0.0, f64::max);
    log.tasks = tasks.into_iter().map(|(w, o)| (w, o, 100)).collect();
    log.ended = Some(end);
    log.finish()
}

#[test]
fn a_record_puts_every_task_on_the_modes_clock_and_the_table_compares_with_sequential() {
    let sequential = mode(
        PyMode::Sequential,
        1,
        vec![
            (0, outcome(0, 3000.0, 4000.0, "5")),
            (0, outcome(1, 4000.0, 5000.0, "7")),
        ],
    );
    let processes = mode(
        PyMode::Processes,
        2,
        vec![
            (1, outcome(1, 3000.0, 4000.0, "7")),
            (0, outcome(0, 3000.0, 4000.0, "5")),
        ],
    );
    assert_eq!(sequential.wall_ms, 2000.0);
    assert_eq!(processes.wall_ms, 1000.0);
    assert_eq!(processes.startup_ms, 2000.0);
    assert_eq!(processes.tasks[0].index, 0);
    assert_eq!(processes.tasks[1].lane, 1);
    assert_eq!(processes.bytes, 200);
    assert_eq!(processes.lanes[1].intervals[0].kind, IntervalKind::Startup);
    assert!(
        processes.lanes[1]
            .intervals
            .iter()
            .any(|i| i.kind == IntervalKind::Compute && i.task == Some(1) && i.start == 2000.0)
    );
    let table = rows(&[sequential.clone(), processes.clone()]);
    assert_eq!(table[1].speedup, Some(2.0));
    assert_eq!(table[1].same_values, Some(true));
    let said = explain(&[sequential, processes], 2);
    assert!(
        said.iter()
            .any(|s| s.contains("2.00x") && s.contains("1,000 ms")),
        "{said:?}"
    );
    assert!(said.iter().any(|s| s.contains("same values")), "{said:?}");
}

#[test]
fn coroutines_that_await_overlap_and_the_explanation_says_so_from_the_steps() {
    let mut a = outcome(0, 3000.0, 3300.0, "'a'");
    a.steps = vec![(3000.0, 3001.0), (3299.0, 3300.0)];
    let mut b = outcome(1, 3001.0, 3302.0, "'b'");
    b.steps = vec![(3001.0, 3002.0), (3301.0, 3302.0)];
    let record = mode(PyMode::Coroutines, 1, vec![(0, a), (0, b)]);
    assert_eq!(
        record.lanes.len(),
        3,
        "the interpreter and one lane per coroutine"
    );
    assert!(
        record.lanes[1]
            .intervals
            .iter()
            .any(|i| i.kind == IntervalKind::Io)
    );
    let said = explain(&[record], 2);
    assert!(said[0].contains("overlapped"), "{said:?}");
    let blocking = mode(
        PyMode::Coroutines,
        1,
        vec![
            (0, outcome(0, 3000.0, 3300.0, "1")),
            (0, outcome(1, 3300.0, 3600.0, "2")),
        ],
    );
    assert!(explain(&[blocking], 2)[0].contains("one after another"));
}

#[test]
fn worker_messages_are_read_and_bad_ones_refused() {
    let ready =
        FromWorker::read(r#"{"kind":"ready","started":1.5,"ready":2000.25,"version":"3.14.0"}"#)
            .expect("ready");
    assert!(matches!(ready, FromWorker::Ready { .. }));
    let result = FromWorker::read(
        r#"{"kind":"result","i":2,"start":1,"end":2,"repr":"5","out":"hi\n","error":null}"#,
    )
    .expect("result");
    assert!(matches!(
        result,
        FromWorker::Result(TaskOutcome { i: 2, .. })
    ));
    assert!(FromWorker::read("{\"kind\":\"nope\"}").is_err());
    assert!(
        ToWorker::Task { i: 1, n: 4 }
            .text()
            .contains("\"kind\":\"task\"")
    );
}

#[test]
fn the_form_edits_a_setting_or_says_why_not() {
    let mut settings = PySettings::defaults(2);
    assert!(settings.set(PyKey::Tasks, "12").is_ok());
    assert_eq!(settings.tasks, 12);
    let error = settings.set(PyKey::Workers, "99").expect_err("too many");
    assert!(error.contains("1 to 8"), "{error}");
    assert_eq!(settings.workers, 2);
    assert!(settings.set(PyKey::Modes, "coroutines,sequential").is_ok());
    assert_eq!(settings.modes, vec![PyMode::Sequential, PyMode::Coroutines]);
}

/// The run's downloaded file holds the lab's settings: one written before a setting existed
/// still reads, the setting taking its default.
#[test]
fn settings_without_a_field_read_with_its_default() {
    let mut settings = PySettings::defaults(8);
    settings.time_limit_s = 30;
    let mut value = serde_json::to_value(&settings).expect("serializes");
    value
        .as_object_mut()
        .expect("an object")
        .remove("time_limit_s");
    let read: PySettings = serde_json::from_value(value).expect("reads");
    assert_eq!(read.time_limit_s, PySettings::default().time_limit_s);
    assert_eq!(read.workers, settings.workers, "what the file has is kept");
}
