//! The lessons' jobs: fetching the lessons file when a lessons view opens, and running a
//! lesson's runs one after another (each a comparison of its modes, as the lab runs one, or in
//! a lesson of the locks lab, the lab's experiment).

use crate::app::lesson::LessonAction;
use crate::app::{Action, AppState};
use crate::lessons::LessonBook;
use crate::ui::lab::runner::{Controls, run_modes};
use crate::ui::locks::runner::run_experiment;
use crate::web::lessons_store::fetch_lessons;
use std::rc::Rc;
use yew::Callback;

/// Fetches and reads the lessons file, and reports it (or why not).
pub async fn load_lessons(_: Rc<AppState>, dispatch: Callback<Action>, _: Controls) {
    let book = fetch_lessons()
        .await
        .and_then(|text| LessonBook::parse(&text));
    dispatch.emit(Action::Lesson(LessonAction::Loaded(book)));
}

/// Runs each of the open lesson's runs in turn, with the form's settings under each run's own.
pub async fn run_lesson(state: Rc<AppState>, dispatch: Callback<Action>, controls: Controls) {
    controls.begin();
    let Some(lesson) = state.lesson() else {
        return;
    };
    let runs = match state.lesson_runs() {
        Ok(runs) => runs,
        Err(message) => {
            dispatch.emit(Action::RunEnded(Some(message)));
            return;
        }
    };
    for (index, settings) in runs.into_iter().enumerate() {
        dispatch.emit(Action::Lesson(LessonAction::RunStarted(index)));
        if state.in_locks_lesson() {
            if let Err(message) =
                run_experiment(&state, settings.clone(), &dispatch, &controls).await
            {
                dispatch.emit(Action::RunEnded(Some(message)));
                return;
            }
        } else if !run_modes(&state, &settings, &dispatch, &controls).await {
            return;
        }
        if controls.cancelled() {
            dispatch.emit(Action::RunEnded(Some("Cancelled.".to_owned())));
            return;
        }
        let label = lesson.runs.get(index).map(|r| r.label.clone());
        dispatch.emit(Action::Lesson(LessonAction::RunDone(label, settings)));
    }
    dispatch.emit(Action::RunEnded(None));
}
