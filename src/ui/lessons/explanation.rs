//! "What happened": a lesson's explanation, rendered by `lessons::explain` from the runs the
//! student just made. Every number is marked with the quantity it is (`data-quantity`), so a
//! reader (and the tests) can tell it from the words; a run that contradicts the lecture says so
//! first, then why.

use super::text;
use crate::app::lesson::LessonRun;
use crate::lessons::explain::{Answer, Piece, explain};
use crate::lessons::{Explanation, LessonBook};
use crate::ui::shell::context::use_app;
use std::rc::Rc;
use yew::prelude::*;

fn pieces(pieces: &[Piece]) -> Html {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(words) => html! { { words.clone() } },
            Piece::Number { name, text } => html! {
                <strong class="quantity" data-quantity={name.clone()}>{ text.clone() }</strong>
            },
        })
        .collect()
}

/// The explanation of the lesson's last complete attempt; nothing before one.
#[component]
pub fn LessonExplanation() -> Html {
    let app = use_app();
    let state = &app.state;
    let lessons = &state.lessons;
    let book: Option<Rc<LessonBook>> = match &lessons.book {
        crate::app::lesson::Book::Loaded(book) => Some(book.clone()),
        _ => None,
    };
    let ready = lessons.complete && !state.busy();
    let deps = (
        ready,
        lessons.runs.clone(),
        lessons.answer.unwrap_or(Answer::Skipped),
    );
    let explanation: Rc<Option<Explanation>> = {
        let state = state.clone();
        use_memo(
            deps,
            move |(ready, _, answer): &(bool, Vec<LessonRun>, Answer)| {
                let (book, lesson) = (book?, state.lesson()?);
                ready.then(|| explain(&book, lesson, &state.observation(), *answer))
            },
        )
    };
    let Some(explanation) = explanation.as_ref() else {
        return html! {};
    };
    let shown = explanation.verdict.shown;
    let held = explanation
        .held
        .map_or("unsettled", |h| if h { "yes" } else { "no" });
    html! {
        <section class="explanation" role="region" aria-label="What happened" id="what-happened"
            data-shown={shown.to_string()} data-held={held}>
            <h2>{ "What happened" }</h2>
            <p class="prediction">{ pieces(&explanation.prediction) }</p>
            <p class="numbers">{ pieces(&explanation.numbers) }</p>
            if !shown {
                <p class="contradiction"><strong>{ text::CONTRADICTS }</strong></p>
            }
            <p class="meaning">{ pieces(&explanation.meaning) }</p>
            if !explanation.reasons.is_empty() {
                <ul class="reasons">
                    for reason in explanation.reasons.iter() { <li>{ pieces(reason) }</li> }
                </ul>
            }
        </section>
    }
}
