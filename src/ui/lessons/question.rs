//! A lesson's question, as a `<fieldset>` of radio buttons with the question as its legend and
//! a "skip" answer; and the lesson's run bar: Run (enabled once answered), Cancel, the expected
//! duration, progress, the lesson's link and its embed snippet.

use super::runner::run_lesson;
use super::text;
use crate::app::Action;
use crate::app::lesson::LessonAction;
use crate::app::state::Activity;
use crate::format::rough_duration;
use crate::lessons::explain::Answer;
use crate::ui::shell::context::use_app;
use crate::ui::widgets::copy_button::CopyButton;
use crate::ui::widgets::embed_box::EmbedBox;
use crate::web::page;
use yew::prelude::*;

/// The question.
#[component]
pub fn LessonQuestion() -> Html {
    let app = use_app();
    let state = &app.state;
    let Some(lesson) = state.lesson() else {
        return html! {};
    };
    let chosen = state.lessons.answer;
    let busy = state.busy();
    let option = |answer: Answer, label: &str, id: String| {
        let dispatch = app.dispatcher();
        let onchange = move |_| dispatch.emit(Action::Lesson(LessonAction::Answered(answer)));
        let value = match answer {
            Answer::Chose(i) => i.to_string(),
            Answer::Skipped => "skip".to_owned(),
        };
        html! {
            <div class={classes!("answer", matches!(answer, Answer::Skipped).then_some("skip"))}>
                <input type="radio" name="answer" id={id.clone()} {value} checked={chosen == Some(answer)}
                    disabled={busy} {onchange} />
                <label for={id}>{ label.to_owned() }</label>
            </div>
        }
    };
    html! {
        <fieldset class="question">
            <legend>{ &lesson.question }</legend>
            for (i, answer) in lesson.answers.iter().enumerate() {
                { option(Answer::Chose(i), answer, format!("answer-{i}")) }
            }
            { option(Answer::Skipped, text::SKIP, "answer-skip".to_owned()) }
        </fieldset>
    }
}

/// Run, Cancel, the estimate, progress, and the lesson's link.
#[component]
pub fn LessonRunBar() -> Html {
    let app = use_app();
    let state = &app.state;
    let run = {
        let app = app.clone();
        move |_| app.start(run_lesson)
    };
    let cancel = {
        let controls = app.controls.clone();
        move |_| controls.cancel()
    };
    let (cancellable, progress) = match &state.activity {
        Activity::Running {
            mode,
            done,
            total,
            main_thread,
        } => (
            !main_thread,
            Some(html! {
                <div class="progress" role="status">
                    <span>{ format!("{}: {done} of {total} tasks", mode.title()) }</span>
                    <progress max={total.to_string()} value={done.to_string()}
                        aria-label={format!("{} progress", mode.title())}></progress>
                </div>
            }),
        ),
        Activity::Locks(experiment) => (
            true,
            Some(html! {
                <div class="progress" role="status">{ format!("Running the {experiment} experiment…") }</div>
            }),
        ),
        _ => (false, None),
    };
    let link = state
        .lesson_query(false)
        .map(|q| format!("{}?{q}", page::address_without_query()));
    let embed = state.lesson_query(true).map(AttrValue::from);
    html! {
        <div class="run-bar">
            <div class="buttons">
                <button id="run" class="primary" onclick={run} disabled={!state.lesson_can_run()}>{ "Run" }</button>
                <button id="cancel" onclick={cancel} disabled={!cancellable}>{ "Cancel" }</button>
                <span class="estimate">{ format!("Expected: about {}", rough_duration(state.lesson_estimate_ms())) }</span>
            </div>
            if state.lessons.answer.is_none() {
                <p class="note" role="note">{ text::ANSWER_FIRST }{ " " }
                    if state.autorun_pending { { text::AUTORUN_WAITS } }
                </p>
            }
            if !state.errors.is_empty() {
                <p class="error" role="note">{ "Fix the settings marked in red to run." }</p>
            }
            { for progress }
            if let Some(message) = &state.run_message { <p class="run-message" role="status">{ message }</p> }
            if let Some(link) = link {
                <div class="permalink">
                    <CopyButton id="copy-link" text={link.clone()} label="Copy link" what="link" />
                    <input class="link" readonly=true value={link} aria-label="Link to this lesson with these settings" />
                </div>
            }
            if !state.flags.embed { <EmbedBox query={embed} /> }
        </div>
    }
}
