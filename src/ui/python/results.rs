//! The Python lab's results: the comparison table (wall time, start-up, speed-up over
//! Sequential, bytes, whether the values agree), the explanation built from the record, a
//! timeline per mode, each task's worker, times, value, output and traceback, and the record
//! as a JSON download.

use crate::format::{bytes, millis};
use crate::model::replay::with_playheads;
use crate::own_python::explain::{explain, times};
use crate::own_python::record::{PyModeRecord, PyRunRecord, rows};
use crate::ui::widgets::lanes::LaneChart;
use crate::ui::widgets::replay::playhead_of;
use crate::web::page;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// Props: the modes finished so far.
#[derive(Properties, PartialEq)]
pub struct PartialResultsProps {
    /// Their records.
    pub records: Vec<PyModeRecord>,
}

/// A timeline per mode finished so far, while the run goes on; nothing otherwise.
#[component]
pub fn PartialResults(props: &PartialResultsProps) -> Html {
    if props.records.is_empty() {
        return html! {};
    }
    html! {
        <section class="results partial" aria-label="Modes finished so far">
            for record in props.records.iter() {
                <LaneChart title={record.mode.label().to_owned()} lanes={record.lanes.clone()} unit={record.mode.lane_unit()} class="python-timeline"
                    chart={format!("python-partial-{}", record.mode.name())} task_ends={task_ends(record)} />
            }
        </section>
    }
}

/// The name of a mode's chart on the page.
fn chart(mode: &PyModeRecord) -> String {
    format!("python-{}", mode.mode.name())
}

/// The ends of a mode's tasks, for its replay to count those done.
fn task_ends(mode: &PyModeRecord) -> Rc<Vec<f64>> {
    Rc::new(mode.tasks.iter().map(|task| task.end).collect())
}

/// Props: the run's record.
#[derive(Properties, PartialEq)]
pub struct PythonResultsProps {
    /// The record.
    pub record: Rc<PyRunRecord>,
}

/// The results.
#[component]
pub fn PythonResults(props: &PythonResultsProps) -> Html {
    let record = &props.record;
    let table = rows(&record.modes);
    let said = explain(&record.modes, record.cores);
    let download = {
        let record = record.clone();
        move |_| {
            let playheads: BTreeMap<&str, f64> = record
                .modes
                .iter()
                .filter_map(|mode| {
                    let at = playhead_of(&format!("figure[data-chart=\"{}\"]", chart(mode)))?;
                    Some((mode.mode.name(), at))
                })
                .collect();
            let text = serde_json::to_string_pretty(&with_playheads(&*record, playheads))
                .unwrap_or_default();
            page::download("python-run.json", "application/json", &text);
        }
    };
    let cell = |value: Option<f64>| value.map_or("–".to_owned(), times);
    html! {
        <section class="results python-results" aria-label="Results">
            <h2>{ "Results" }</h2>
            <p class="about">{ format!("Python {} (Pyodide), {} tasks, on {} reported cores.", record.python, record.settings.tasks, record.cores) }</p>
            <table id="python-results" class="results-table">
                <thead><tr>
                    <th scope="col">{ "Mode" }</th>
                    <th scope="col">{ "Interpreters" }</th>
                    <th scope="col">{ "Start-up" }</th>
                    <th scope="col">{ "Tasks' wall time" }</th>
                    <th scope="col">{ "Speed-up" }</th>
                    <th scope="col">{ "With start-up" }</th>
                    <th scope="col">{ "Bytes" }</th>
                    <th scope="col">{ "Pickling" }</th>
                    <th scope="col">{ "Same values as Sequential" }</th>
                </tr></thead>
                <tbody>
                    for row in table.iter() {
                        <tr data-mode={row.mode.name()} data-failed={row.failure.is_some().to_string()}
                            data-wall-ms={format!("{:.3}", row.wall_ms)} data-startup-ms={format!("{:.3}", row.startup_ms)}>
                            <th scope="row" data-label="Mode">{ row.mode.label() }</th>
                            <td data-label="Interpreters">{ row.interpreters }</td>
                            <td data-label="Start-up">{ millis(row.startup_ms) }</td>
                            <td data-label="Tasks' wall time">{ if row.failure.is_some() { "did not finish".to_owned() } else { millis(row.wall_ms) } }</td>
                            <td data-label="Speed-up">{ cell(row.speedup) }</td>
                            <td data-label="With start-up">{ cell(row.speedup_total) }</td>
                            <td data-label="Bytes">{ bytes(row.bytes) }</td>
                            <td data-label="Pickling">{ millis(row.serialize_ms) }</td>
                            <td data-label="Same values">{ match row.same_values { Some(true) => "yes", Some(false) => "no", None => "–" } }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <div class="explanation" role="region" aria-label="What happened">
                for sentence in said.iter() { <p>{ sentence }</p> }
            </div>
            for mode in record.modes.iter() {
                <LaneChart title={mode.mode.label().to_owned()} lanes={mode.lanes.clone()} unit={mode.mode.lane_unit()} class="python-timeline"
                    chart={chart(mode)} task_ends={task_ends(mode)} />
                <details class="python-tasks" open={mode.tasks.iter().any(|t| t.error.is_some())}>
                    <summary>{ format!("{}: each task", mode.mode.label()) }</summary>
                    <table class="tasks" data-mode={mode.mode.name()}>
                        <thead><tr>
                            <th scope="col">{ "Task" }</th><th scope="col">{ "Ran on" }</th>
                            <th scope="col">{ "Start" }</th><th scope="col">{ "End" }</th>
                            <th scope="col">{ "Value" }</th><th scope="col">{ "Printed" }</th>
                        </tr></thead>
                        <tbody>
                            for task in mode.tasks.iter() {
                                <tr data-task={task.index.to_string()} data-failed={task.error.is_some().to_string()}>
                                    <th scope="row" data-label="Task">{ task.index }</th>
                                    <td data-label="Ran on">{ mode.lanes.get(task.lane as usize).map(|l| l.label.clone()).unwrap_or_default() }</td>
                                    <td data-label="Start">{ millis(task.start) }</td>
                                    <td data-label="End">{ millis(task.end) }</td>
                                    <td data-label="Value" class="value">
                                        if let Some(error) = &task.error {
                                            <pre class="traceback"><code>{ error }</code></pre>
                                        } else {
                                            <code>{ task.value.clone().unwrap_or_default() }</code>
                                        }
                                    </td>
                                    <td data-label="Printed" class="printed">
                                        if !task.output.is_empty() {
                                            <pre><code>{ &task.output }</code></pre>
                                        }
                                        if task.output_cut { <small>{ "(cut: it printed more)" }</small> }
                                    </td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </details>
            }
            <button id="python-download-record" onclick={download}>{ "Download the record (JSON)" }</button>
        </section>
    }
}
