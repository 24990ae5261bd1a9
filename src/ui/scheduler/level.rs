//! One level of the scheduler view: its task and how many orders reach the goal, each unit's
//! code side by side with its next line marked and its Step button (disabled, with the reason,
//! while it cannot step), the shared state, Step back and Start over, the moves so far, each
//! step announced to screen readers, and once over, what happened (`scheduler::story`) with
//! the locks lab's experiment, the CPython program and the next level.

use super::page::style_words;
use crate::scheduler::lab::{SchedulerAction, SchedulerLab};
use crate::scheduler::step::State;
use crate::scheduler::story::{blocked_words, counts_words, move_words, story, unit_status};
use crate::scheduler::{Level, Style, program};
use crate::web::page;
use yew::prelude::*;

/// Props: the view's state.
#[derive(Properties, PartialEq)]
pub struct LevelProps {
    /// The scheduler view's state, with a level open.
    pub state: UseReducerHandle<SchedulerLab>,
}

/// The open level.
#[component]
pub fn LevelView(props: &LevelProps) -> Html {
    let state = &props.state;
    let (Some(level), Some(run)) = (state.open_level(), state.run.as_ref()) else {
        return html! {};
    };
    let now = run.state();
    let back = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(SchedulerAction::Back))
    };
    let restart = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(SchedulerAction::Restart))
    };
    let told = state.counts.and_then(|counts| story(level, run, counts));
    html! {
        <section class="level" aria-labelledby="level-title" data-level={level.id.clone()}>
            <h2 id="level-title">{ level.title.clone() }</h2>
            <p class="task">{ level.task.clone() }</p>
            if let Some(counts) = state.counts {
                <p id="orders" data-orders={counts.orders.to_string()} data-reaching={counts.reaching.to_string()}>
                    { counts_words(level, counts) }
                </p>
            }
            <div class="units">
                for unit in 0..level.units.len() {
                    { unit_column(state, level, now, unit) }
                }
            </div>
            { shared_state(level, now) }
            <p class="scheduler-controls">
                <button id="back" type="button" onclick={back} disabled={run.moves.is_empty()}>{ "Step back" }</button>
                <button id="restart" type="button" onclick={restart} disabled={run.moves.is_empty()}>{ "Start over" }</button>
            </p>
            <p id="announce" class="visually-hidden" aria-live="polite">{ state.announcement.clone() }</p>
            <h3>{ format!("Moves ({})", run.moves.len()) }</h3>
            <ol id="moves" data-moves={run.moves_text()}>
                for at in 0..run.moves.len() {
                    <li>{ move_words(level, run, at) }</li>
                }
            </ol>
            if let Some(told) = told {
                { happened(state, level, &told, run.reached(level)) }
            }
        </section>
    }
}

/// One unit: its code, its status and its Step button.
fn unit_column(
    state: &UseReducerHandle<SchedulerLab>,
    level: &Level,
    now: &State,
    unit: usize,
) -> Html {
    let u = &level.units[unit];
    let at = now.units[unit].line;
    let blocked = now.why_not(level, unit);
    let disabled = blocked.is_some();
    let reason = blocked.map(|why| blocked_words(level, &why));
    let step = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(SchedulerAction::Step(unit)))
    };
    let kind = match level.style {
        Style::Threads => "thread",
        Style::Coroutines => "coroutine",
    };
    html! {
        <section class="sched-unit" data-unit={unit.to_string()} aria-label={format!("{kind} {}", u.name)}>
            <h3>{ unit_title(kind, &u.name, Level::letter(unit)) }</h3>
            <ol class="code">
                for (i, line) in u.lines.iter().enumerate() {
                    <li class={classes!(
                        (i == at).then_some("next-line"),
                        (i < at).then_some("ran"),
                        format!("indent-{}", line.indent.min(3)),
                    )} aria-current={(i == at).then_some("step")}>
                        <code>{ line.text.clone() }</code>
                    </li>
                }
            </ol>
            <p class="status" id={format!("status-{unit}")}>{ unit_status(level, now, unit) }</p>
            <button id={format!("step-{unit}")} type="button" onclick={step}
                {disabled} title={reason}>
                { format!("Step {}", u.name) }
            </button>
        </section>
    }
}

/// "thread A", or "thread producer (A)" where the name is not the unit's letter in moves.
fn unit_title(kind: &str, name: &str, letter: char) -> String {
    if name.len() == 1 && name.starts_with(letter) {
        format!("{kind} {name}")
    } else {
        format!("{kind} {name} ({letter})")
    }
}

/// The shared variables, the locks' holders, the queue, and which coroutine runs.
fn shared_state(level: &Level, now: &State) -> Html {
    let name = |u: usize| level.units[u].name.clone();
    html! {
        <dl class="shared" id="shared" aria-label="Shared state">
            for (var, value) in &now.shared {
                <><dt>{ var.clone() }</dt><dd data-var={var.clone()}>{ value.to_string() }</dd></>
            }
            for lock in &level.locks {
                <>
                    <dt>{ lock.clone() }</dt>
                    <dd data-lock={lock.clone()}>{ now.holders.get(lock).map_or_else(|| "free".to_owned(), |&h| format!("held by {}", name(h))) }</dd>
                </>
            }
            if let Some(queue) = &level.queue {
                <dt>{ format!("{} (holds {})", queue.name, queue.capacity) }</dt>
                <dd data-queue={queue.name.clone()}>{ format!("[{}]", now.queue.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")) }</dd>
            }
            if level.style == Style::Coroutines {
                <dt>{ "running" }</dt>
                <dd data-running="">{ now.running.map_or_else(|| "none: the loop may start or resume either".to_owned(), name) }</dd>
            }
        </dl>
    }
}

/// What happened, and where to go from it.
fn happened(
    state: &UseReducerHandle<SchedulerLab>,
    level: &Level,
    told: &str,
    reached: bool,
) -> Html {
    let next = match &state.book {
        crate::scheduler::lab::Book::Read(book) => book
            .levels
            .iter()
            .skip_while(|l| l.id != level.id)
            .nth(1)
            .map(|l| (SchedulerLab::level_query(&l.id), l.title.clone())),
        _ => None,
    };
    let download = {
        let level = level.clone();
        Callback::from(move |_| {
            page::download(
                &program::file_name(&level),
                "text/x-python",
                &program::program(&level),
            )
        })
    };
    let solved = reached || state.counts.is_some_and(|c| !c.reachable());
    html! {
        <section id="story" class="story" data-solved={solved.to_string()} aria-labelledby="story-title">
            <h3 id="story-title">{ if solved { "Solved: what happened" } else { "What happened" } }</h3>
            <p>{ told.to_owned() }</p>
            <ul class="then">
                if let Some(lab) = &level.lab {
                    <li><a class="to-locks-lab" href={format!("?{lab}")}>{ "The same on real threads, counted in the locks lab" }</a></li>
                }
                <li><button type="button" id="download-program" onclick={download}>{ format!("Download the CPython program ({})", program::file_name(level)) }</button>{ format!(": the same lines on real {}, {} runs", style_words(level.style), program::TRIALS) }</li>
                if let Some((href, title)) = next {
                    <li><a class="next-level" {href}>{ format!("Next level: {title}") }</a></li>
                }
            </ul>
        </section>
    }
}
