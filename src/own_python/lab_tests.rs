//! Native tests of the Python lab's state and rules ([`PyLabState::apply`]): every rule the
//! view follows, from the link's code to the run's record.

use super::code_link::{self, MAX_CODE_BYTES};
use super::lab::{
    CODE_FAILED, DONE, Ending, FILE_OPENED, NEVER_RUNS_BY_ITSELF, PyLabAction as A, PyLabState,
};
use super::record::{FORMAT, ModeLog, PyModeRecord};
use super::settings::{PyKey, PyMode, PySettings, TOO_LONG_FOR_LINK, lab_link, read_link};
use super::templates::{default_template, template};
use crate::settings::{Key, Settings};

const CODE: &str = "def task(i, n):\n    return i * i\n";

fn lab(query: &str) -> PyLabState {
    PyLabState::new(read_link(query, 4), None, 4)
}

fn record(mode: PyMode) -> PyModeRecord {
    ModeLog::new(mode, 1000.0).finish()
}

/// A lab holding `CODE`, ready to run.
fn ready() -> PyLabState {
    let mut state = lab("lab=python");
    state.apply(A::CodeEdited(CODE.to_owned()));
    state
}

#[test]
fn the_code_comes_from_the_link_then_the_template_then_the_last_visit_then_the_default() {
    let saved = Some("def task(i, n):\n    return 'saved'\n".to_owned());
    let bytes = code_link::encode(b"compressed").expect("short");
    let with_code = PyLabState::new(
        read_link(&format!("code={bytes}&template=hashes"), 4),
        saved.clone(),
        4,
    );
    assert_eq!(with_code.code, "", "empty until the browser unpacks it");
    assert_eq!(with_code.unpacking.as_deref(), Some(&b"compressed"[..]));
    assert_eq!(with_code.code_to_keep(), None, "nothing is kept meanwhile");
    assert!(!with_code.can_run());
    let named = PyLabState::new(read_link("template=hashes", 4), saved.clone(), 4);
    assert_eq!(named.code, template("hashes").expect("hashes").code);
    assert_eq!(named.chosen_template, "hashes");
    let kept = PyLabState::new(read_link("", 4), saved.clone(), 4);
    assert_eq!(Some(kept.code.clone()), saved);
    assert_eq!(kept.code_to_keep(), Some(kept.code.as_str()));
    let blank = PyLabState::new(read_link("", 4), Some("  \n".to_owned()), 4);
    assert_eq!(blank.code, default_template().code);
    assert_eq!(blank.chosen_template, default_template().id);
    assert!(blank.can_run());
}

#[test]
fn a_link_asking_to_run_gets_a_notice_and_never_runs() {
    let state = lab("run=1&tasks=0");
    let named: Vec<&str> = state.notices.iter().map(|n| n.setting.as_str()).collect();
    assert_eq!(named, ["tasks", "run"]);
    assert_eq!(state.notices[1].message, NEVER_RUNS_BY_ITSELF);
    assert!(state.running.is_none());
}

#[test]
fn the_links_code_unpacked_is_shown_or_refused_with_a_notice_naming_code() {
    let bytes = code_link::encode(b"x").expect("short");
    let query = format!("code={bytes}");
    let mut state = lab(&query);
    state.apply(A::LinkCodeUnpacked(Ok(CODE.to_owned())));
    assert_eq!(state.code, CODE);
    assert_eq!(state.generation, 1, "the editor is told to show it");
    assert!(state.unpacking.is_none() && state.notices.is_empty());
    assert_eq!(state.code_to_keep(), Some(CODE));
    assert!(state.can_run());

    let mut state = lab(&query);
    state.apply(A::LinkCodeUnpacked(Err(
        "it unpacks to more than 100000 bytes".to_owned(),
    )));
    assert_eq!(state.notices.len(), 1);
    assert_eq!(state.notices[0].setting, "code");
    assert_eq!(
        state.notices[0].message,
        "code: the link's code could not be unpacked (it unpacks to more than 100000 bytes); the template is shown instead."
    );
    assert_eq!(state.code, default_template().code);
    assert_eq!(state.chosen_template, default_template().id);
    assert_eq!(state.generation, 1);
    assert!(state.unpacking.is_none());

    let mut state = lab(&query);
    state.apply(A::LinkCodeUnpacked(Ok("a\0b".to_owned())));
    assert_eq!(state.notices[0].setting, "code");
    assert!(
        state.notices[0]
            .message
            .starts_with("code: The code holds a NUL")
            && state.notices[0]
                .message
                .ends_with("The template is shown instead."),
        "{}",
        state.notices[0].message
    );
    assert_eq!(state.code, default_template().code);
}

#[test]
fn a_field_is_read_and_worded_by_the_main_settings_parser() {
    let mut state = lab("");
    state.apply(A::Edit(PyKey::Tasks, " 12 ".to_owned()));
    assert_eq!(state.settings.tasks, 12);
    assert!(state.errors.is_empty() && state.can_run());
    state.apply(A::Edit(PyKey::Tasks, "abc".to_owned()));
    let mut main = Settings::defaults(4);
    let main_error = main
        .set(Key::Tasks, "abc")
        .expect_err("not a number")
        .message;
    assert_eq!(
        state.errors[&PyKey::Tasks],
        main_error.replace("1,000", "64"),
        "the same sentence as the main lab's, with the lab's range"
    );
    assert_eq!(state.settings.tasks, 12, "the last valid value is kept");
    assert!(!state.can_run());
    assert_eq!(
        state.run_request().expect_err("refused"),
        "A setting is not valid (see the form); nothing was run."
    );
    state.apply(A::Edit(PyKey::Workers, "99".to_owned()));
    assert_eq!(
        state.errors[&PyKey::Workers],
        "workers: \"99\" is too large; it takes a whole number from 1 to 8."
    );
    state.apply(A::Edit(PyKey::Tasks, "3".to_owned()));
    state.apply(A::Edit(PyKey::Workers, "3".to_owned()));
    state.apply(A::Edit(PyKey::TimeLimit, "0".to_owned()));
    assert_eq!(
        state.errors[&PyKey::TimeLimit],
        "time_limit: \"0\" is too small; it takes a whole number from 1 to 600."
    );
    state.apply(A::Edit(PyKey::TimeLimit, "5".to_owned()));
    assert!(state.errors.is_empty());
    assert_eq!((state.settings.tasks, state.settings.workers), (3, 3));
    assert_eq!(state.settings.time_limit_s, 5);
}

#[test]
fn the_links_wrong_values_are_worded_as_the_main_labs_and_name_the_default() {
    let link = read_link("tasks=-1&modes=threads", 4);
    assert_eq!(
        link.notices[0].message,
        "tasks: \"-1\" is negative; it takes a whole number from 1 to 64. The default, 4, is used."
    );
    assert!(
        link.notices[1].message.starts_with(
            "modes: \"threads\" is not a mode; it takes a comma-separated list of one or more of sequential, processes, coroutines."
        ) && link.notices[1].message.contains("no threads"),
        "{}",
        link.notices[1].message
    );
    let mut settings = PySettings::defaults(4);
    assert!(settings.set(PyKey::Modes, "coroutines,sequential").is_ok());
    assert_eq!(settings.modes, [PyMode::Sequential, PyMode::Coroutines]);
    assert_eq!(settings.get(PyKey::Modes), "sequential,coroutines");
}

#[test]
fn toggling_modes_keeps_at_least_one_or_says_so() {
    let mut state = lab("modes=sequential,processes");
    assert!(state.mode_checked(PyMode::Processes) && !state.mode_checked(PyMode::Coroutines));
    state.apply(A::ToggleMode(PyMode::Coroutines, true));
    assert_eq!(state.settings.modes, PyMode::ALL);
    state.apply(A::ToggleMode(PyMode::Sequential, false));
    state.apply(A::ToggleMode(PyMode::Processes, false));
    assert_eq!(state.settings.modes, [PyMode::Coroutines]);
    state.apply(A::ToggleMode(PyMode::Coroutines, false));
    assert!(PyMode::ALL.into_iter().all(|m| !state.mode_checked(m)));
    assert!(
        state.errors[&PyKey::Modes].starts_with("modes: no mode is chosen"),
        "{:?}",
        state.errors
    );
    assert!(!state.can_run());
    state.apply(A::ToggleMode(PyMode::Processes, true));
    assert!(state.errors.is_empty() && state.can_run());
    assert_eq!(state.settings.modes, [PyMode::Processes]);
}

#[test]
fn a_chosen_template_replaces_the_code_only_when_loaded() {
    let mut state = ready();
    state.apply(A::ChooseTemplate("download".to_owned()));
    assert_eq!(state.chosen_template, "download");
    assert_eq!(state.code, CODE, "choosing does not replace the code");
    state.apply(A::ChooseTemplate("nope".to_owned()));
    assert_eq!(state.chosen_template, "download");
    state.apply(A::LoadTemplate);
    assert_eq!(state.code, template("download").expect("download").code);
    assert_eq!(state.generation, 1);
    assert_eq!(state.code_template().map(|t| t.id), Some("download"));
    state.apply(A::CodeEdited(CODE.to_owned()));
    assert_eq!(state.generation, 1, "an edit is the editor's own");
    assert_eq!(state.code_template(), None);
}

#[test]
fn a_file_opened_replaces_the_code_or_says_why_not() {
    let mut state = ready();
    state.apply(A::FileOpened(Ok(
        "def task(i, n):\n    return 1\n".to_owned()
    )));
    assert!(state.code.contains("return 1"));
    assert_eq!(state.generation, 1);
    assert_eq!(state.message.as_deref(), Some(FILE_OPENED));
    state.apply(A::FileOpened(Ok("x".repeat(MAX_CODE_BYTES + 1))));
    assert!(state.code.contains("return 1") && state.generation == 1);
    assert!(
        state
            .message
            .as_deref()
            .is_some_and(|m| m.contains("bytes"))
    );
    state.apply(A::FileOpened(Err("big.py is too big".to_owned())));
    assert_eq!(state.message.as_deref(), Some("big.py is too big"));
}

#[test]
fn run_is_refused_for_code_that_fails_the_check_and_while_running() {
    let mut state = ready();
    state.apply(A::CodeEdited("def task(i, n):\0".to_owned()));
    state.apply(A::RunStarted);
    assert!(state.running.is_none());
    assert!(
        state
            .message
            .as_deref()
            .is_some_and(|m| m.contains("NUL character")),
        "{:?}",
        state.message
    );
    state.apply(A::CodeEdited(CODE.to_owned()));
    state.apply(A::RunStarted);
    assert!(state.running.is_some() && state.message.is_none());
    assert!(!state.can_run());
    assert!(state.run_request().is_err(), "one run at a time");
    let bytes = code_link::encode(b"x").expect("short");
    let mut unpacking = lab(&format!("code={bytes}"));
    unpacking.apply(A::RunStarted);
    assert!(unpacking.running.is_none() && unpacking.message.is_some());
}

#[test]
fn a_run_of_every_mode_ends_with_its_record_made_from_what_it_started_with() {
    let mut state = ready();
    state.apply(A::RunStarted);
    state.apply(A::Edit(PyKey::Tasks, "9".to_owned()));
    state.apply(A::CodeEdited("def task(i, n):\n    return 0\n".to_owned()));
    state.apply(A::Progress("Sequential: running 4 tasks…".to_owned()));
    assert_eq!(
        state.status.as_deref(),
        Some("Sequential: running 4 tasks…")
    );
    for mode in PyMode::ALL {
        assert!(!Ending::Finished.ends_run());
        state.apply(A::ModeFinished(record(mode), Ending::Finished));
    }
    assert_eq!(state.partial.len(), 3);
    state.apply(A::RunEnded {
        python: Some("3.12.7".to_owned()),
    });
    let done = state.finished.clone().expect("a record");
    assert_eq!(done.format, FORMAT);
    assert_eq!(done.python, "3.12.7");
    assert_eq!(done.cores, 4);
    assert_eq!(done.code, CODE, "the code the run started with");
    assert_eq!(done.settings.tasks, 4, "the settings the run started with");
    assert_eq!(done.modes.len(), 3);
    assert!(done.modes.iter().all(|m| m.failure.is_none()));
    assert!(state.partial.is_empty() && state.status.is_none() && state.running.is_none());
    assert_eq!(state.message.as_deref(), Some(DONE));
    assert!(state.can_run());
}

#[test]
fn code_that_does_not_define_shows_its_traceback_and_nothing_is_timed() {
    let mut state = ready();
    state.apply(A::RunStarted);
    let ending = Ending::CodeFailed("SyntaxError: expected ':'".to_owned());
    assert!(ending.ends_run());
    state.apply(A::ModeFinished(record(PyMode::Sequential), ending));
    state.apply(A::RunEnded { python: None });
    assert_eq!(
        state.code_error.as_deref(),
        Some("SyntaxError: expected ':'")
    );
    assert_eq!(state.finished, None, "nothing was timed");
    assert_eq!(state.message.as_deref(), Some(CODE_FAILED));
    state.apply(A::RunStarted);
    assert_eq!(state.code_error, None, "a new run clears it");
}

#[test]
fn cancel_the_time_limit_and_a_broken_worker_mark_the_modes_record() {
    let mut state = ready();
    state.apply(A::Edit(PyKey::TimeLimit, "3".to_owned()));
    state.apply(A::RunStarted);
    state.apply(A::ModeFinished(
        record(PyMode::Sequential),
        Ending::Broken("worker 1 failed: no wasm".to_owned()),
    ));
    state.apply(A::ModeFinished(record(PyMode::Processes), Ending::TimedOut));
    state.apply(A::RunEnded { python: None });
    let done = state.finished.clone().expect("a record");
    assert_eq!(
        done.modes[0].failure.as_deref(),
        Some("worker 1 failed: no wasm")
    );
    assert!(
        done.modes[1]
            .failure
            .as_deref()
            .is_some_and(|f| f.contains("time limit of 3 s")),
        "{:?}",
        done.modes[1].failure
    );
    assert_eq!(
        state.message.as_deref(),
        Some("Stopped at the time limit of 3 s.")
    );
    assert!(Ending::TimedOut.ends_run() && !Ending::Broken(String::new()).ends_run());

    state.apply(A::RunStarted);
    assert_eq!(state.finished, None, "a new run clears the last one");
    assert!(Ending::Cancelled.ends_run());
    state.apply(A::ModeFinished(
        record(PyMode::Processes),
        Ending::Cancelled,
    ));
    state.apply(A::RunEnded { python: None });
    let done = state.finished.clone().expect("a record");
    assert_eq!(
        done.modes[0].failure.as_deref(),
        Some("cancelled; its workers were ended.")
    );
    assert_eq!(
        state.message.as_deref(),
        Some("Cancelled: the running interpreters were ended.")
    );
}

#[test]
fn reports_of_no_run_change_nothing() {
    let mut state = ready();
    let before = state.clone();
    state.apply(A::Progress("late".to_owned()));
    state.apply(A::ModeFinished(
        record(PyMode::Sequential),
        Ending::Finished,
    ));
    state.apply(A::RunEnded { python: None });
    assert_eq!(state, before);
}

#[test]
fn the_link_names_the_template_carries_the_code_or_says_why_not() {
    let settings = PySettings::defaults(4);
    let (query, carried) = lab_link(&settings, template("hashes"), None);
    assert!(query.contains("template=hashes") && !query.contains("code="));
    assert_eq!(carried, Ok(()));
    let (query, carried) = lab_link(&settings, None, Some(Ok(b"abc".to_vec())));
    assert_eq!(carried, Ok(()));
    let read = read_link(&query, 4);
    assert_eq!(read.code.as_deref(), Some(&b"abc"[..]));
    assert_eq!(read.settings, settings);
    assert!(read.notices.is_empty(), "{:?}", read.notices);
    let (query, carried) = lab_link(&settings, None, Some(Ok(vec![7; 6000])));
    assert_eq!(carried, Err(TOO_LONG_FOR_LINK.to_owned()));
    assert!(!query.contains("code=") && query.contains("tasks=4"));
    let (_, carried) = lab_link(&settings, None, Some(Err("no stream".to_owned())));
    assert!(carried.is_err_and(|e| e.contains("no stream")));
    let mut state = ready();
    state.apply(A::LinkMade(
        Ok("https://example.org/?lab=python".to_owned()),
    ));
    assert!(state.link.as_ref().is_some_and(Result::is_ok));
}
