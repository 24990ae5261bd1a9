//! Sharing, natively: the page's run written as a file imports on another page of the same
//! work, is refused (changing nothing) otherwise, and stays beside the next run only if that
//! run does the same work; CPython's lines belong to one run.

use super::environment::Environment;
use super::link::read_link;
use super::{Action, AppState};
use crate::engine::ModeResult;
use crate::model::exchange::tests::{records, settings};
use crate::model::threads_support::ThreadsSupport;
use crate::settings::Key;
use std::rc::Rc;

fn page(browser: &str, cores: u32) -> AppState {
    let env = Environment {
        cores,
        isolated: true,
        threads: ThreadsSupport::Available,
        threads_unavailable: None,
        workers_unavailable: None,
        in_frame: false,
        browser: browser.to_owned(),
        timer_resolution_ms: 0.005,
        gpu: crate::gpu::GpuSupport::Unknown,
    };
    let mut state = AppState::new(read_link("", cores, true), env);
    for (key, value) in [(Key::Limit, "50000"), (Key::Tasks, "4")] {
        state.apply(Action::Edit(key, value.to_owned()));
    }
    state.apply(Action::Edit(Key::Modes, "sequential,coroutines".to_owned()));
    state.apply(Action::RunStarted);
    for record in records(&settings()) {
        state.apply(Action::ModeFinished(ModeResult {
            record: Rc::new(record),
            image: None,
            frame_gap_ms: Some(16.0),
        }));
    }
    state
}

#[test]
fn a_run_from_another_browser_sits_beside_this_one() {
    let firefox = page("Firefox 140", 2);
    let file = firefox.shared_run().expect("a run").to_json();
    let mut chromium = page("Chromium 156", 8);
    let classmate = chromium.read_classmate(&file).expect("the same work");
    assert_eq!(classmate.machine.browser, "Firefox 140");
    assert_eq!(classmate.results.len(), 2);
    assert_eq!(classmate.results[1].frame_gap_ms, Some(16.0));
    chromium.apply(Action::ClassmateRead(Rc::new(classmate)));
    // The next run of the same work keeps it; a run of other work drops it.
    chromium.apply(Action::RunStarted);
    assert!(chromium.classmate.is_some());
    chromium.apply(Action::Edit(Key::Limit, "60000".to_owned()));
    let why = chromium.read_classmate(&file).expect_err("other work").0;
    assert!(why.contains("limit 50000 there, 60000 here"), "{why}");
    chromium.apply(Action::RunStarted);
    assert!(chromium.classmate.is_none());
}

#[test]
fn before_any_run_there_is_nothing_to_share() {
    let state = AppState::new(read_link("", 2, true), page("Firefox 140", 2).env.clone());
    assert_eq!(state.shared_run(), None);
    assert_eq!(state.compared_settings(), &state.settings);
    assert_eq!(state.machine().cores, 2);
}

#[test]
fn cpython_lines_belong_to_one_run() {
    let mut state = page("Firefox 140", 2);
    let checksum = state.results[0].record.result.checksum;
    let line = format!(
        r#"{{"format":"concurrency-playground-python","version":1,"mode":"sequential","settings":{{"workload":"primes","tasks":4,"limit":50000,"workers":2,"switch_ms":5.0,"gil":"new","ticks":1,"yield_every":0}},"checksum":"{checksum}","wall_ms":90.0,"startup_ms":0.5,"tasks":[{{"index":0,"unit":"t","start_ms":0.5,"end_ms":6.0,"checksum":"000000000000000f"}}],"python":"3.11.2","implementation":"CPython","cpu_count":2,"gil_enabled":true}}"#
    );
    let (runs, said) = state.read_cpython(&line).expect("this run's line");
    assert_eq!(said, "Added CPython's times: Sequential on CPython 3.11.2.");
    state.apply(Action::CpythonRead(runs));
    assert_eq!(state.cpython.len(), 1);
    assert!(state.read_cpython("{").is_err());
    assert_eq!(
        crate::model::exchange::read::CPYTHON_LINE,
        crate::python::result_line::FORMAT,
        "a CPython line pasted as a run's file is recognized"
    );
    assert_eq!(state.cpython.len(), 1, "a refusal changes nothing");
    state.apply(Action::RunStarted);
    assert!(state.cpython.is_empty());
}

#[test]
fn the_labs_run_is_carried_to_the_compare_view_of_the_same_work_only() {
    let lab = page("Firefox 140", 2);
    let file = lab.shared_run().expect("a run").to_json();
    let query = format!(
        "compare=1&{}",
        crate::settings::query::to_query(lab.compared_settings(), Default::default())
    );
    let mut compare = AppState::new(read_link(&query, 2, true), lab.env.clone());
    assert!(compare.results.is_empty());
    let carried = compare.read_carried(&file).expect("the same work");
    compare.apply(Action::RunCarried(carried));
    assert_eq!(compare.results.len(), 2);
    // The same record, its times to within a float's rounding (the file stores them shifted).
    let (got, sent) = (&*compare.results[0].record, &*lab.results[0].record);
    assert_eq!(
        (&got.mode, &got.settings, &got.result, got.tasks.len()),
        (&sent.mode, &sent.settings, &sent.result, sent.tasks.len())
    );
    for (a, b) in got.tasks.iter().zip(&sent.tasks) {
        assert!((a.start - b.start).abs() < 1e-9 && (a.end - b.end).abs() < 1e-9);
    }
    // A page with a run of its own keeps it; other work or a broken text is not carried.
    compare.apply(Action::RunCarried(Vec::new()));
    assert_eq!(compare.results.len(), 2);
    let other = AppState::new(read_link("compare=1&limit=60000", 2, true), lab.env.clone());
    assert!(other.read_carried(&file).is_none());
    assert!(compare.read_carried(&file[..file.len() / 2]).is_none());
}
