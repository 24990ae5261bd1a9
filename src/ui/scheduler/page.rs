//! The scheduler view (`lab=scheduler`): its title and lead, the link's notices, and the index
//! of levels (each a link `?lab=scheduler&level=ID`) or the open level (`level.rs`).

use super::effects::use_scheduler_effects;
use super::level::LevelView;
use super::text;
use crate::app::link::View;
use crate::scheduler::lab::{Book, SchedulerLab};
use crate::scheduler::{LevelBook, Style};
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::notices::NoticeList;
use crate::web::page;
use yew::prelude::*;

/// The view, inside the app's `div.app`.
#[component]
pub fn SchedulerPage() -> Html {
    let state = use_reducer(|| SchedulerLab::new(&page::query()));
    use_scheduler_effects(&state);
    let notices = state.notices.clone();
    let body = match (&state.book, state.open_level()) {
        (Book::Loading, _) => html! { <p class="loading-levels">{ "Loading the levels…" }</p> },
        (Book::Failed(why), _) => html! { <p class="error" role="alert">{ why.clone() }</p> },
        (Book::Read(_), Some(_)) => html! { <LevelView state={state.clone()} /> },
        (Book::Read(book), None) => index(book),
    };
    html! {
        <div class="scheduler-lab">
            <header>
                <h1>{ text::TITLE }</h1>
                <p class="lead">{ text::LEAD }</p>
                <Nav current={View::Scheduler} />
            </header>
            <NoticeList {notices} />
            { body }
        </div>
    }
}

/// The levels, each a link to itself.
fn index(book: &LevelBook) -> Html {
    html! {
        <section class="levels" aria-labelledby="levels-title">
            <h2 id="levels-title">{ "Levels" }</h2>
            <ol id="levels">
                for level in &book.levels {
                    <li>
                        <a href={SchedulerLab::level_query(&level.id)} data-level={level.id.clone()}>{ level.title.clone() }</a>
                        { format!(" ({}, {})", style_words(level.style), level.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(" and ")) }
                    </li>
                }
            </ol>
        </section>
    }
}

/// "threads" or "coroutines on one event loop".
pub fn style_words(style: Style) -> &'static str {
    match style {
        Style::Threads => "threads",
        Style::Coroutines => "coroutines on one event loop",
    }
}
