//! The locks lab's results, for whichever experiment ran: the counters' expected, actual and
//! lost updates with their times and lock waits; the contention sweep's plot and table; the
//! queue's exactly-once check, blocked times and depth; the processes' and coroutines'
//! counts. Each with its threads' timeline and the record as JSON.

use super::context::use_app;
use super::locks_plots::{DepthPlot, ThroughputPlot};
use super::locks_text as text;
use super::locks_timeline::LocksTimeline;
use crate::locks::LocksReport;
use crate::locks::contention::ContentionPoint;
use crate::locks::coroutines::CoroutineRun;
use crate::locks::counters::{CounterKind, CounterRun};
use crate::locks::processes::ProcessesRun;
use crate::locks::queue::QueueRun;
use crate::model::format::group_thousands;
use crate::web::page;
use yew::prelude::*;

fn ms(value: f64) -> String {
    format!("{value:.2}")
}

fn whole(value: u64) -> String {
    group_thousands(value)
}

/// The results of the last run, if any.
#[component]
pub fn LocksResults() -> Html {
    let app = use_app();
    let Some(last) = app.state.locks.clone() else {
        return html! {};
    };
    let (settings, report) = &*last;
    let cores = app.state.env.cores;
    let body = match report {
        LocksReport::Counters(runs) => counters(runs, cores),
        LocksReport::Contention { points, .. } => contention(points, cores),
        LocksReport::Queue(run) => queue(run),
        LocksReport::Processes(run) => processes(run),
        LocksReport::Coroutines(runs) => coroutines(runs),
    };
    let download = {
        let last = last.clone();
        move |_| {
            let text = serde_json::to_string_pretty(&*last).expect("a report serializes");
            let name = format!("locks-{}.json", last.0.experiment.name());
            page::download(&name, "application/json", &text);
        }
    };
    html! {
        <section class="locks-results" aria-label="Results" data-experiment={settings.experiment.name()}>
            <h2>{ "Results" }</h2>
            { body }
            for (title, threads) in report.lanes() {
                <LocksTimeline title={title} lanes={threads.iter().map(|t| t.to_lane()).collect::<Vec<_>>()} />
            }
            <div class="exports">
                <button class="export-json" onclick={download}>{ "Download the record (JSON)" }</button>
            </div>
            <LocksPython settings={settings.clone()} />
        </section>
    }
}

fn counters(runs: &[CounterRun], cores: u32) -> Html {
    let unsync = runs.iter().find(|r| r.kind == CounterKind::Unsynchronized);
    let note = unsync.map(|r| text::counters_note(r.lost(), r.expected, cores));
    html! {
        <>
        <div class="table-scroll"><table class="counters">
            <thead><tr>
                <th scope="col">{ "Counter" }</th><th scope="col">{ "Expected" }</th>
                <th scope="col">{ "Actual" }</th><th scope="col">{ "Lost" }</th>
                <th scope="col">{ "Time (ms)" }</th><th scope="col">{ "Per increment (ns)" }</th>
                <th scope="col">{ "Waiting for the lock (ms)" }</th>
            </tr></thead>
            <tbody>
                for run in runs.iter() {
                    <tr data-counter={format!("{:?}", run.kind).to_lowercase()}>
                        <th scope="row">{ run.kind.title() }</th>
                        <td class="expected">{ whole(run.expected) }</td>
                        <td class="actual">{ whole(run.actual) }</td>
                        <td class={classes!("lost", if run.lost() > 0 { "bad" } else { "good" })}>{ whole(run.lost()) }</td>
                        <td>{ ms(run.wall_ms) }</td>
                        <td>{ format!("{:.1}", run.ns_per_increment()) }</td>
                        <td>{ if run.kind == CounterKind::Mutex { ms(run.lock_wait_ms()) } else { "–".to_owned() } }</td>
                    </tr>
                }
            </tbody>
        </table></div>
        if let Some(note) = note { <p class="explain">{ note }</p> }
        </>
    }
}

fn contention(points: &[ContentionPoint], cores: u32) -> Html {
    html! {
        <>
        <ThroughputPlot points={points.to_vec()} {cores} />
        <div class="table-scroll"><table class="contention">
            <thead><tr>
                <th scope="col">{ "Threads" }</th><th scope="col">{ "Inside the lock (%)" }</th>
                <th scope="col">{ "Time (ms)" }</th><th scope="col">{ "Steps per ms" }</th>
                <th scope="col">{ "Waiting for the lock (ms)" }</th><th scope="col">{ "Steps counted" }</th>
            </tr></thead>
            <tbody>
                for p in points.iter() {
                    <tr>
                        <td>{ p.threads }</td><td>{ p.lock_share }</td><td>{ ms(p.wall_ms) }</td>
                        <td class="throughput">{ format!("{:.1}", p.throughput()) }</td>
                        <td>{ ms(p.lock_wait_ms) }</td>
                        <td>{ format!("{} of {}", whole(p.total), whole(p.steps)) }</td>
                    </tr>
                }
            </tbody>
        </table></div>
        </>
    }
}

fn queue(run: &QueueRun) -> Html {
    let once = run.exactly_once();
    let verdict = if once {
        format!(
            "Every one of the {} items was consumed exactly once, and each of the {} consumers stopped at its own sentinel.",
            whole(run.params.items),
            run.params.consumers
        )
    } else {
        format!(
            "Not exactly once: {} taken twice or more, {} never taken, {} sentinels for {} consumers.",
            run.duplicates, run.missing, run.sentinels, run.params.consumers
        )
    };
    html! {
        <>
        <p id="exactly-once" class={if once { "good" } else { "bad" }} data-exactly-once={once.to_string()}>{ verdict }</p>
        <div class="table-scroll"><table class="queue">
            <thead><tr>
                <th scope="col">{ "Items" }</th><th scope="col">{ "Consumed" }</th>
                <th scope="col">{ "Duplicates" }</th><th scope="col">{ "Missing" }</th>
                <th scope="col">{ "Sentinels" }</th><th scope="col">{ "Time (ms)" }</th>
                <th scope="col">{ "Producers blocked on a full queue (ms)" }</th>
                <th scope="col">{ "Consumers waiting on an empty queue (ms)" }</th>
            </tr></thead>
            <tbody><tr>
                <td>{ whole(run.params.items) }</td><td class="consumed">{ whole(run.consumed) }</td>
                <td class="duplicates">{ run.duplicates }</td><td class="missing">{ run.missing }</td>
                <td>{ run.sentinels }</td><td>{ ms(run.wall_ms) }</td>
                <td class="blocked-full">{ ms(run.blocked_full_ms()) }</td>
                <td class="blocked-empty">{ ms(run.blocked_empty_ms()) }</td>
            </tr></tbody>
        </table></div>
        <DepthPlot samples={run.depth.clone()} capacity={run.params.capacity} />
        </>
    }
}

fn processes(run: &ProcessesRun) -> Html {
    html! {
        <>
        <div class="table-scroll"><table class="processes">
            <thead><tr>
                <th scope="col">{ "Expected" }</th>
                <th scope="col">{ "The parent's counter" }</th>
                <th scope="col">{ "Total of the counts sent back" }</th>
                <th scope="col">{ "Each process's count" }</th>
            </tr></thead>
            <tbody><tr>
                <td class="expected">{ whole(run.expected) }</td>
                <td class={classes!("parent", "bad")}>{ whole(run.parent_value) }</td>
                <td class={classes!("messages", "good")}>{ whole(run.total_from_messages()) }</td>
                <td>{ run.returned.iter().map(|c| whole(*c)).collect::<Vec<_>>().join(", ") }</td>
            </tr></tbody>
        </table></div>
        <p class="explain">{ text::PROCESSES_NOTE }</p>
        </>
    }
}

fn coroutines(runs: &[CoroutineRun]) -> Html {
    html! {
        <div class="table-scroll"><table class="coroutines">
            <thead><tr>
                <th scope="col">{ "Coroutines on one loop" }</th><th scope="col">{ "Expected" }</th>
                <th scope="col">{ "Actual" }</th><th scope="col">{ "Lost" }</th><th scope="col">{ "Turns" }</th>
            </tr></thead>
            <tbody>
                for run in runs.iter() {
                    <tr data-await={format!("{:?}", run.await_at).to_lowercase()}>
                        <th scope="row">{ run.await_at.title() }</th>
                        <td>{ whole(run.expected) }</td><td class="actual">{ whole(run.actual) }</td>
                        <td class={classes!("lost", if run.lost() > 0 { "bad" } else { "good" })}>{ whole(run.lost()) }</td>
                        <td>{ whole(run.turns) }</td>
                    </tr>
                }
            </tbody>
        </table></div>
    }
}

/// Props: the settings the experiment ran with.
#[derive(Properties, PartialEq)]
struct LocksPythonProps {
    settings: crate::settings::Settings,
}

/// The experiment as a CPython program, collapsed, with Copy and Download.
#[component]
fn LocksPython(props: &LocksPythonProps) -> Html {
    let code = crate::python::locks::program(&props.settings);
    let file = crate::python::locks::file_name(&props.settings);
    let download = {
        let (code, file) = (code.clone(), file.clone());
        move |_| page::download(&file, "text/x-python", &code)
    };
    html! {
        <details class="python-program">
            <summary>{ format!("The same experiment in Python ({file})") }</summary>
            <div class="python-actions">
                <super::copy_button::CopyButton text={AttrValue::from(code.clone())} label="Copy" what="program" />
                <button class="python-download" onclick={download}>{ "Download" }</button>
            </div>
            <pre><code class="language-python">{ code }</code></pre>
        </details>
    }
}
