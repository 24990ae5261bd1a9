//! The lessons' effects, which their views (the index and a lesson) start, so that only the
//! views module carries them: fetching the lessons file when a lessons view opens, keeping the
//! address in step with the lesson, keeping the student's progress, and following `run=1` on
//! a lesson once its question is answered or skipped.

use super::runner::{load_lessons, run_lesson};
use crate::app::Action;
use crate::app::lesson::Book;
use crate::app::link::View;
use crate::ui::shell::context::use_app;
use crate::web::{lessons_store, page};
use yew::prelude::*;

/// Every effect of a lessons view.
#[hook]
pub fn use_lesson_effects() {
    let context = use_app();
    let state = &context.state;
    {
        let context = context.clone();
        use_effect_with((), move |_| {
            if matches!(context.state.lessons.book, Book::Loading) {
                context.start(load_lessons);
            }
        });
    }
    let loaded = matches!(state.lessons.book, Book::Loaded(_));
    {
        let context = context.clone();
        let deps = (state.settings.clone(), state.view.clone(), loaded);
        use_effect_with(deps, move |(_, view, _)| match view {
            View::Lessons => page::show_query("lessons=1&v=1"),
            View::Lesson(_) => {
                if let Some(query) = context.state.lesson_query(context.state.flags.embed) {
                    page::show_query(&query);
                }
            }
            _ => {}
        });
    }
    {
        let stored = state.lessons.stored;
        use_effect_with(state.lessons.progress.clone(), move |progress| {
            if stored {
                lessons_store::write_progress(progress);
            }
        });
    }
    let deps = (
        state.autorun_pending,
        state.calibrated,
        loaded,
        state.lessons.answer.is_some(),
    );
    use_effect_with(deps, move |&(pending, calibrated, _, answered)| {
        let state = &context.state;
        if !pending || !calibrated || !answered || state.lesson().is_none() {
            return;
        }
        let refusal = state.lesson_autorun_refusal();
        let start = refusal.is_none();
        context.dispatcher().emit(Action::AutorunHandled(refusal));
        if start {
            context.start(run_lesson);
        }
    });
}
