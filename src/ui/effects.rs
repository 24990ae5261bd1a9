//! The effects that tie the page to the world: calibrating at start (not on the lessons'
//! index, which runs nothing), fetching the lessons file when a lessons view opens, keeping the
//! address in step with the view and its settings, keeping the student's progress, and
//! following `run=1` (on a lesson, only once the question is answered or skipped).

use super::context::AppContext;
use super::lesson_runner::{load_lessons, run_lesson};
use super::runner::{calibrate, run_comparison};
use crate::app::Action;
use crate::app::lesson::Book;
use crate::app::link::View;
use crate::settings::query::PageFlags;
use crate::web::{lessons_store, page};
use yew::prelude::*;

/// Every effect of the page, for the app's one context.
#[hook]
pub fn use_page_effects(context: &AppContext) {
    let state = &context.state;
    {
        let context = context.clone();
        use_effect_with((), move |_| {
            let view = context.state.view.clone();
            if view != View::Lessons {
                context.start(calibrate);
            }
            if view.is_lessons() {
                context.start(load_lessons);
            }
        });
    }
    let loaded = matches!(state.lessons.book, Book::Loaded(_));
    {
        let context = context.clone();
        let deps = (state.settings.clone(), state.view.clone(), loaded);
        use_effect_with(deps, move |(settings, view, _)| {
            let embed = context.state.flags.embed;
            match view {
                View::Lessons => page::show_query("lessons=1&v=1"),
                View::Lesson(_) => {
                    if let Some(query) = context.state.lesson_query(embed) {
                        page::show_query(&query);
                    }
                }
                _ => page::show_link(settings, PageFlags { run: false, embed }),
            }
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
    use_autorun(context, loaded);
}

/// Follows `run=1` once the page is calibrated (and, on a lesson, answered).
#[hook]
fn use_autorun(context: &AppContext, loaded: bool) {
    let state = &context.state;
    let context = context.clone();
    let deps = (
        state.autorun_pending,
        state.calibrated,
        loaded,
        state.lessons.answer.is_some(),
    );
    use_effect_with(deps, move |&(pending, calibrated, _, answered)| {
        if !pending || !calibrated {
            return;
        }
        let state = &context.state;
        match state.view {
            View::Lesson(_) if state.lesson().is_some() && answered => {
                let refusal = state.lesson_autorun_refusal();
                let start = refusal.is_none();
                context.dispatcher().emit(Action::AutorunHandled(refusal));
                if start {
                    context.start(run_lesson);
                }
            }
            View::Lab => {
                let refusal = state.autorun_refusal();
                let start = refusal.is_none();
                context.dispatcher().emit(Action::AutorunHandled(refusal));
                if start {
                    context.start(run_comparison);
                }
            }
            _ => {}
        }
    });
}
