//! The locks lab's results, for whichever experiment ran: its table (`locks::tables`: the
//! counters' expected, actual and lost updates with times and lock waits; the contention sweep;
//! the queue's counts and blocked times; the processes' and coroutines' counts), its plot
//! (throughput against threads, or the queue's depth), the queue's exactly-once verdict, the
//! threads' timeline, the record as JSON and the experiment as a Python program.

use super::plots::{DepthPlot, ThroughputPlot};
use super::text;
use crate::locks::LocksReport;
use crate::locks::counters::CounterKind;
use crate::locks::tables::{Table, second_table, table};
use crate::model::replay::with_playheads;
use crate::settings::Settings;
use crate::ui::shell::context::use_app;
use crate::ui::widgets::copy_button::CopyButton;
use crate::ui::widgets::lanes::LaneChart;
use crate::ui::widgets::replay::playhead_of;
use crate::web::page;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// The results of the last run, if any.
#[component]
pub fn LocksResults() -> Html {
    let app = use_app();
    match app.state.locks.clone() {
        Some(last) => html! { <LocksReportView {last} /> },
        None => html! {},
    }
}

/// Props: a report, with the settings it ran.
#[derive(Properties, PartialEq)]
pub struct LocksReportProps {
    /// The settings and the report.
    pub last: Rc<(Settings, LocksReport)>,
}

/// One report's results (the lab's last run, or a run of one of its lessons).
#[component]
pub fn LocksReportView(props: &LocksReportProps) -> Html {
    let app = use_app();
    let last = props.last.clone();
    let (settings, report) = &*last;
    let cores = app.state.env.cores;
    let (before, after) = match report {
        LocksReport::Contention { points, .. } => (
            html! { <ThroughputPlot points={points.clone()} {cores} /> },
            html! {},
        ),
        LocksReport::Queue(run) => {
            let once = run.exactly_once();
            let verdict = text::queue_verdict(run);
            (
                html! { <p id="exactly-once" class={if once { "good" } else { "bad" }} data-exactly-once={once.to_string()}>{ verdict }</p> },
                html! { <DepthPlot samples={run.depth.clone()} capacity={run.params.capacity} /> },
            )
        }
        LocksReport::Counters(runs) => {
            let note = runs
                .iter()
                .find(|r| r.kind == CounterKind::Unsynchronized)
                .map(|r| text::counters_note(r.lost(), r.expected, cores));
            (html! {}, html! { <p class="explain">{ note }</p> })
        }
        LocksReport::Processes(_) => (
            html! {},
            html! { <p class="explain">{ text::PROCESSES_NOTE }</p> },
        ),
        LocksReport::Coroutines(_, queue) => {
            let once = queue.exactly_once();
            (
                html! {},
                html! { <p id="loop-queue-once" class={if once { "good" } else { "bad" }} data-exactly-once={once.to_string()}>{ text::loop_queue_verdict(queue) }</p> },
            )
        }
    };
    let download = {
        let last = last.clone();
        move |_| {
            let (settings, report) = &*last;
            let chart = format!(
                "figure[data-chart=\"locks-{}\"]",
                settings.experiment.name()
            );
            let playheads: BTreeMap<&str, f64> = playhead_of(&chart)
                .map(|at| ("timeline", at))
                .into_iter()
                .collect();
            let document = serde_json::json!({ "settings": settings, "report": report });
            let text = serde_json::to_string_pretty(&with_playheads(&document, playheads))
                .expect("a report serializes");
            let name = format!("locks-{}.json", last.0.experiment.name());
            page::download(&name, "application/json", &text);
        }
    };
    html! {
        <section class="locks-results" aria-label="Results" data-experiment={settings.experiment.name()}>
            <h2>{ "Results" }</h2>
            { before }
            { draw(&table(report)) }
            if let Some(second) = second_table(report) { { draw(&second) } }
            { after }
            for (title, threads, series) in report.lanes() {
                <LaneChart title={title.clone()} lanes={threads.iter().map(|t| t.to_lane()).collect::<Vec<_>>()} kept={crate::locks::lanes::MAX_INTERVALS} class="locks-timeline"
                    chart={format!("locks-{}", settings.experiment.name())} series={Rc::new(series)} />
            }
            <div class="exports">
                <button class="export-json" onclick={download}>{ "Download the record (JSON)" }</button>
            </div>
            <LocksPython settings={settings.clone()} />
        </section>
    }
}

/// A table: its headers, then each row with its first cell as the row's header. Each cell
/// carries its header (`data-label`), which a phone-sized screen shows beside it, one row
/// under another, instead of a table wider than the screen.
fn draw(t: &Table) -> Html {
    html! {
        <div class="table-scroll"><table class={t.class}>
            <thead><tr>
                for header in t.headers.iter() { <th scope="col">{ *header }</th> }
            </tr></thead>
            <tbody>
                for row in t.rows.iter() {
                    <tr data-row={row.name.clone()}>
                        for (i, (cell, label)) in row.cells.iter().zip(t.headers.iter()).enumerate() {
                            if i == 0 { <th scope="row" class={cell.class} data-label={*label}>{ cell.text.clone() }</th> }
                            else { <td class={cell.class} data-label={*label}>{ cell.text.clone() }</td> }
                        }
                    </tr>
                }
            </tbody>
        </table></div>
    }
}

/// Props: the settings the experiment ran with.
#[derive(Properties, PartialEq)]
struct LocksPythonProps {
    settings: Settings,
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
                <CopyButton text={AttrValue::from(code.clone())} label="Copy" what="program" />
                <button class="python-download" onclick={download}>{ "Download" }</button>
            </div>
            <pre><code class="language-python">{ code }</code></pre>
        </details>
    }
}
