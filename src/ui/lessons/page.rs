//! One lesson (`?lesson=ID&v=1`): its title and intro, the settings it runs (editable), the
//! question, Run, then what happened (the explanation) beside each run's results table and
//! timelines; previous and next lessons. With `embed=1`, a compact lesson for a course page.

use super::effects::use_lesson_effects;
use super::explanation::LessonExplanation;
use super::index::{ProgressBox, lesson_href};
use super::question::{LessonQuestion, LessonRunBar};
use super::text;
use crate::app::lesson::Book;
use crate::app::link::View;
use crate::ui::lab::results_table::ResultsTable;
use crate::ui::lab::settings_form::SettingsForm;
use crate::ui::lab::timelines::Timelines;
use crate::ui::locks::page::LocksForm;
use crate::ui::locks::results::LocksReportView;
use crate::ui::shell::context::use_app;
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::notices::Notices;
use crate::web::page;
use yew::prelude::*;

/// The lesson page, once the lessons file is read.
#[component]
pub fn LessonPage() -> Html {
    use_lesson_effects();
    let app = use_app();
    let state = &app.state;
    let lesson = match (&state.lessons.book, state.lesson()) {
        (_, Some(lesson)) => lesson,
        (Book::Failed(message), _) => {
            return html! { <p class="error" role="alert">{ message }</p> };
        }
        _ => return html! { <p role="status">{ text::LOADING }</p> },
    };
    let embed = state.flags.embed;
    let locks = state.in_locks_lesson();
    let count = lesson.run_count();
    let runs = state.lessons.runs.iter().enumerate().map(|(i, run)| {
        let suffix = if count > 1 {
            format!("-{}", i + 1)
        } else {
            String::new()
        };
        let title = text::run_heading(i, count, run.label.as_deref());
        let results = match &run.locks {
            Some(last) => html! { <LocksReportView last={last.clone()} /> },
            None if locks => html! {},
            None => html! {
                <>
                    <ResultsTable run={run.clone()} title={title} suffix={suffix.clone()} />
                    <Timelines run={run.clone()} {suffix} />
                </>
            },
        };
        html! {
            <div class="lesson-run" data-run={(i + 1).to_string()}>{ results }</div>
        }
    });
    let full = state
        .lesson_query(false)
        .map(|q| format!("{}?{q}", page::address_without_query()))
        .unwrap_or_default();
    html! {
        <>
            if embed {
                <header class="embed-header">
                    <strong>{ &lesson.title }</strong>
                    <a href={full.clone()} target="_blank" rel="noopener">{ "Open the full lesson" }</a>
                </header>
            } else {
                <header>
                    <Nav current={View::Lesson(lesson.id.clone())} />
                    <p class="section">{ &lesson.section }</p>
                    <h1>{ &lesson.title }</h1>
                </header>
            }
            <p class="lead">{ &lesson.intro }</p>
            <Notices />
            <ThreadsNote full={full} />
            <section class="lesson-settings" aria-label="Settings">
                <p class="explain">{ text::SETTINGS_NOTE }</p>
                <RunsList />
                if locks { <LocksForm /> } else { <SettingsForm /> }
            </section>
            <LessonQuestion />
            <LessonRunBar />
            <LessonExplanation />
            { for runs }
            if state.busy() && !locks {
                <ResultsTable />
                <Timelines />
            }
            if !embed {
                <SchedulerLevels lesson={lesson.id.clone()} />
                <Neighbours />
                <ProgressBox />
            }
        </>
    }
}

/// Where the lesson needs threads that cannot run here: why, and (in a frame) a new tab.
#[component]
fn ThreadsNote(props: &ThreadsNoteProps) -> Html {
    let app = use_app();
    let state = &app.state;
    let locks = state.in_locks_lesson();
    let unavailable = if locks {
        state.locks_unavailable()
    } else {
        let needs = state
            .lesson_runs()
            .unwrap_or_default()
            .iter()
            .any(|s| s.modes.iter().any(|m| m.needs_shared_memory()));
        state.env.threads_unavailable.clone().filter(|_| needs)
    };
    let threads = !locks || crate::locks::LocksPlan::new(&state.settings).pool_threads() > 0;
    let units = if threads { "threads" } else { "workers" };
    match unavailable {
        Some(why) => html! {
            <p class="warning threads-note" role="note">{ text::needs(units, &why) }
                if state.env.in_frame {
                    { " " }<a href={props.full.clone()} target="_blank" rel="noopener">{ text::OPEN_IN_TAB }</a>
                }
            </p>
        },
        _ => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct ThreadsNoteProps {
    full: AttrValue,
}

/// The runs a lesson compares, each with the settings it sets itself.
#[component]
fn RunsList() -> Html {
    let app = use_app();
    let Some(lesson) = app.state.lesson() else {
        return html! {};
    };
    if lesson.runs.is_empty() {
        return html! {};
    }
    html! {
        <>
            <p class="explain">{ text::RUNS_NOTE }</p>
            <ol class="lesson-runs">
                for run in lesson.runs.iter() {
                    <li>{ &run.label }{ " (" }
                        <code>{ run.settings.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ") }</code>{ ")" }
                    </li>
                }
            </ol>
        </>
    }
}

/// Props: the lesson whose levels are listed.
#[derive(Properties, PartialEq)]
struct SchedulerLevelsProps {
    lesson: String,
}

/// The scheduler's levels that belong to this lesson (the levels file names its lessons), as
/// links: where a student can cause the same thing by hand, one step at a time.
#[component]
fn SchedulerLevels(props: &SchedulerLevelsProps) -> Html {
    let levels = use_state(Vec::<(String, String)>::new);
    {
        let (levels, lesson) = (levels.clone(), props.lesson.clone());
        use_effect_with(lesson, move |lesson| {
            let lesson = lesson.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(text) = page::fetch_text(crate::ui::scheduler::effects::LEVELS).await else {
                    return;
                };
                let Ok(book) = crate::scheduler::LevelBook::parse(&text) else {
                    return;
                };
                levels.set(
                    book.levels
                        .iter()
                        .filter(|l| l.lessons.contains(&lesson))
                        .map(|l| {
                            (
                                crate::scheduler::lab::SchedulerLab::level_query(&l.id),
                                l.title.clone(),
                            )
                        })
                        .collect(),
                );
            });
        });
    }
    if levels.is_empty() {
        return html! {};
    }
    html! {
        <section class="scheduler-levels" aria-labelledby="scheduler-levels-title">
            <h2 id="scheduler-levels-title">{ text::BE_THE_SCHEDULER }</h2>
            <ul>
                for (href, title) in levels.iter() {
                    <li><a class="scheduler-level" href={href.clone()}>{ title.clone() }</a></li>
                }
            </ul>
        </section>
    }
}

/// The previous and next lessons, and the index.
#[component]
fn Neighbours() -> Html {
    let app = use_app();
    let (Book::Loaded(book), Some(lesson)) = (&app.state.lessons.book, app.state.lesson()) else {
        return html! {};
    };
    let (previous, next) = book.neighbours(&lesson.id);
    html! {
        <nav class="neighbours" aria-label="Other lessons">
            if let Some(p) = previous {
                <a rel="prev" href={lesson_href(p)}>{ format!("← {}", p.title) }</a>
            }
            <a href="?lessons=1">{ text::ALL_LESSONS }</a>
            if let Some(n) = next {
                <a rel="next" href={lesson_href(n)}>{ format!("{} →", n.title) }</a>
            }
        </nav>
    }
}
