//! The lessons' index (`?lessons=1`): every lesson in the lecture's order, each a real link to
//! its page (to open in a tab, bookmark or paste into a course page), with what the student
//! has done; and the progress box, shared with the lesson page.

use super::effects::use_lesson_effects;
use super::text;
use crate::app::Action;
use crate::app::lesson::{Book, LessonAction};
use crate::app::link::View;
use crate::lessons::{Lesson, LessonLab};
use crate::ui::shell::context::use_app;
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::notices::Notices;
use yew::prelude::*;

/// A lesson's address, relative to the page.
pub fn lesson_href(lesson: &Lesson) -> String {
    format!("?lesson={}&v=1", lesson.id)
}

/// Each lesson, and whether it is the first of the locks lab's (the lab links there).
fn with_first_of_lab(lessons: &[Lesson]) -> impl Iterator<Item = (&Lesson, bool)> {
    let first = lessons.iter().position(|l| l.lab == LessonLab::Locks);
    lessons
        .iter()
        .enumerate()
        .map(move |(i, l)| (l, Some(i) == first))
}

/// The index: the list of lessons (once the file is read), the notices and the progress box.
#[component]
pub fn LessonsIndex() -> Html {
    use_lesson_effects();
    let app = use_app();
    let state = &app.state;
    let list = match &state.lessons.book {
        Book::Loading => html! { <p role="status">{ text::LOADING }</p> },
        Book::Failed(message) => html! { <p class="error" role="alert">{ message }</p> },
        Book::Loaded(book) => {
            let progress = &state.lessons.progress;
            html! {
                <ol class="lesson-index">
                    for (lesson, first_of_lab) in with_first_of_lab(&book.lessons) {
                        <li data-lesson={lesson.id.clone()} id={first_of_lab.then_some("lab-locks")}>
                            <a href={lesson_href(lesson)}>{ &lesson.title }</a>
                            <span class="section">{ &lesson.section }</span>
                            if progress.done.contains(&lesson.id) {
                                <span class="done">{ "done" }</span>
                            }
                        </li>
                    }
                </ol>
            }
        }
    };
    html! {
        <>
            <header>
                <Nav current={View::Lessons} />
                <h1>{ text::INDEX_TITLE }</h1>
                <p class="lead">{ text::INDEX_LEAD }</p>
            </header>
            <Notices />
            <main class="lessons">{ list }</main>
            <ProgressBox />
        </>
    }
}

/// How many lessons are done, where progress is kept, and "Clear progress".
#[component]
pub fn ProgressBox() -> Html {
    let app = use_app();
    let lessons = &app.state.lessons;
    let all = match &lessons.book {
        Book::Loaded(book) => book.lessons.len(),
        _ => 0,
    };
    let clear = {
        let dispatch = app.dispatcher();
        move |_| dispatch.emit(Action::Lesson(LessonAction::ClearProgress))
    };
    html! {
        <section class="progress-box" aria-label="Your progress">
            <p>
                { text::done_count(lessons.progress.done.len(), all) }{ " " }
                if lessons.stored { { text::PROGRESS_STORED } } else {
                    <strong class="storage-refused">{ text::PROGRESS_NOT_STORED }</strong>
                }
            </p>
            <button id="clear-progress" onclick={clear} disabled={lessons.progress.is_empty()}>{ "Clear progress" }</button>
        </section>
    }
}
