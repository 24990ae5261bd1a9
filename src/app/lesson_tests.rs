//! The lessons' views' rules, natively: a lesson fills the form (the link's settings over its
//! own), an unknown id opens the index with a notice, nothing runs before an answer, the runs
//! of a lesson make it done, the lesson's link holds only what differs, and `run=1` never
//! starts a lesson on the main thread.

use super::environment::Environment;
use super::lesson::{Book, LessonAction};
use super::link::{View, read_link};
use super::{Action, AppState};
use crate::lessons::explain::Answer;
use crate::lessons::{LessonBook, Progress};
use crate::model::threads_support::ThreadsSupport;
use crate::settings::{Key, WorkloadKind};
use crate::workloads::Calibration;

const FILE: &str = include_str!("../../www/lessons/lessons.json");

fn env() -> Environment {
    Environment {
        cores: 2,
        isolated: true,
        threads: ThreadsSupport::Available,
        threads_unavailable: None,
        workers_unavailable: None,
        in_frame: false,
        browser: "Test 1".to_owned(),
        timer_resolution_ms: 0.005,
        gpu: crate::gpu::GpuSupport::Unknown,
    }
}

fn opened(query: &str) -> AppState {
    let mut state =
        AppState::new(read_link(query, 2, false), env()).with_progress(Some(Progress::default()));
    state.apply(Action::Calibrated(Calibration::default()));
    let book = LessonBook::parse(FILE).expect("the file checks");
    state.apply(Action::Lesson(LessonAction::Loaded(Ok(book))));
    state
}

#[test]
fn a_lesson_fills_the_form_with_the_links_settings_over_its_own() {
    let state = opened("lesson=gil-cpu&v=1&limit=50000");
    assert_eq!(state.view, View::Lesson("gil-cpu".to_owned()));
    assert!(matches!(state.lessons.book, Book::Loaded(_)));
    assert_eq!(state.settings.workload, WorkloadKind::Primes);
    assert_eq!(state.settings.limit, 50_000, "the link's");
    assert_eq!(state.settings.workers, 2, "the lesson's");
    assert_eq!(state.fields[&Key::Limit], "50000");
    assert!(state.notices.is_empty(), "{:?}", state.notices);
    assert_eq!(
        state.lesson_query(false).as_deref(),
        Some("lesson=gil-cpu&v=1&limit=50000")
    );
    assert_eq!(
        state.lesson_query(true).as_deref(),
        Some("lesson=gil-cpu&v=1&limit=50000&embed=1")
    );
}

#[test]
fn an_unknown_lesson_opens_the_index_with_a_notice() {
    let state = opened("lesson=nothing-here&v=1");
    assert_eq!(state.view, View::Lessons);
    assert!(
        state.notices[0]
            .message
            .contains("no lesson named “nothing-here”")
    );
    let bad = opened("lesson=gil-cpu&workers=0");
    assert_eq!(
        bad.settings.workers, 2,
        "a refused value leaves the lesson's"
    );
}

#[test]
fn nothing_runs_before_an_answer_and_the_runs_make_the_lesson_done() {
    let mut state = opened("lesson=blocking-coroutine&v=1&run=1");
    assert!(!state.lesson_can_run(), "no answer yet");
    assert!(state.autorun_pending);
    state.apply(Action::Lesson(LessonAction::Answered(Answer::Chose(1))));
    assert!(state.lesson_can_run());
    assert_eq!(state.lesson_autorun_refusal(), None);
    assert_eq!(
        state.lessons.progress.answers.get("blocking-coroutine"),
        Some(&Answer::Chose(1))
    );
    let runs = state.lesson_runs().expect("valid");
    assert_eq!(runs.len(), 2);
    assert_eq!((runs[0].yield_every, runs[1].yield_every), (0, 1));
    for (i, settings) in runs.into_iter().enumerate() {
        state.apply(Action::Lesson(LessonAction::RunStarted(i)));
        assert!(!state.lessons.complete);
        state.apply(Action::Lesson(LessonAction::RunDone(None, settings)));
    }
    assert!(state.lessons.complete);
    assert!(state.lessons.progress.done.contains("blocking-coroutine"));
    assert_eq!(state.observation().runs.len(), 2);
    state.apply(Action::Lesson(LessonAction::RunStarted(0)));
    assert!(
        state.lessons.runs.is_empty() && !state.lessons.complete,
        "a new attempt"
    );
    state.apply(Action::Lesson(LessonAction::ClearProgress));
    assert!(state.lessons.progress.is_empty());
}

#[test]
fn run_1_never_starts_a_lesson_on_the_main_thread() {
    let mut state = opened("lesson=main-thread&v=1&run=1");
    state.apply(Action::Lesson(LessonAction::Answered(Answer::Skipped)));
    let refusal = state.lesson_autorun_refusal().expect("refused");
    assert!(refusal.contains("main thread"), "{refusal}");
}

#[test]
fn a_file_that_cannot_be_read_says_why_and_storage_can_be_refused() {
    let mut state = AppState::new(read_link("lessons=1", 2, false), env()).with_progress(None);
    assert!(!state.lessons.stored);
    state.apply(Action::Lesson(LessonAction::Loaded(Err("404".to_owned()))));
    assert_eq!(state.lessons.book, Book::Failed("404".to_owned()));
    assert!(state.lesson().is_none());
}
