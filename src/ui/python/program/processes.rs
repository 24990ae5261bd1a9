//! What happened in a program's run, from its record: a timeline with a lane per process
//! (start-up, computing, blocked on what, pickling), a table of the processes (parent, start-up,
//! time run, exit code, what each printed, which the student can read process by process), and
//! the items and bytes that went through the main process's queues.

use super::state::use_program_form;
use crate::format::{bytes, millis};
use crate::own_python::program_record::ProgramRecord;
use crate::own_python::program_timeline::lanes;
use crate::own_python::terminal::Terminal;
use crate::ui::widgets::lanes::LaneChart;
use std::rc::Rc;
use yew::prelude::*;

/// The last run's processes, if there was a run.
#[component]
pub fn ProcessesView() -> Html {
    let form = use_program_form();
    match &form.state.last {
        Some(record) => html! { <RunDetails record={record.clone()} /> },
        None => html! {},
    }
}

/// Props: the run's record.
#[derive(Properties, PartialEq)]
struct RunDetailsProps {
    record: Rc<ProgramRecord>,
}

/// The timeline, the processes and the queues of one run.
#[component]
fn RunDetails(props: &RunDetailsProps) -> Html {
    let record = &props.record;
    let drawn = use_memo(record.clone(), |r| lanes(r));
    let shown = use_state(|| 0_u32);
    let on_shown = {
        let shown = shown.clone();
        move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            shown.set(select.value().parse().unwrap_or(0));
        }
    };
    let printed = |pid: u32| -> usize {
        record
            .output
            .iter()
            .filter(|c| c.pid == pid)
            .map(|c| c.text.chars().count())
            .sum()
    };
    let mut of_one = Terminal::new();
    for c in record.output.iter().filter(|c| c.pid == *shown) {
        of_one.write(c.stream, &c.text);
    }
    html! {
        <section class="program-processes" aria-label="What happened">
            <h3>{ "What happened" }</h3>
            <LaneChart title={"The program's processes".to_owned()} lanes={(*drawn).clone()} unit="process"
                class="program-timeline" chart="program" />
            <table id="program-processes">
                <caption>{ "Every process of the run, from the record" }</caption>
                <thead><tr>
                    <th scope="col">{ "Process" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Parent" }</th>
                    <th scope="col">{ "Start-up" }</th><th scope="col">{ "Ran" }</th>
                    <th scope="col">{ "Exit code" }</th><th scope="col">{ "Printed (characters)" }</th>
                </tr></thead>
                <tbody>
                    for p in record.processes.list.iter() {
                        <tr data-pid={p.pid.to_string()}>
                            <th scope="row">{ p.pid }</th>
                            <td>{ &p.name }</td>
                            <td>{ if p.parent == 0 { "—".to_owned() } else { p.parent.to_string() } }</td>
                            <td>{ p.begun.or(p.ready).map(|t| millis(t - p.asked)).unwrap_or_else(|| "—".to_owned()) }</td>
                            <td>{ match (p.begun, p.ended) { (Some(b), Some(e)) => millis(e - b), _ => "—".to_owned() } }</td>
                            <td class="exit-code">{ exit_code(p.exit_code, p.ended_by.as_deref()) }</td>
                            <td>{ printed(p.pid) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <div class="process-output">
                <label for="program-output-of">{ "What one process printed" }</label>
                <select id="program-output-of" onchange={on_shown}>
                    <option value="0" selected={*shown == 0}>{ "choose a process" }</option>
                    for p in record.processes.list.iter() {
                        <option value={p.pid.to_string()} selected={*shown == p.pid}>{ format!("process {} ({})", p.pid, p.name) }</option>
                    }
                </select>
                if *shown != 0 {
                    <pre class="terminal" aria-label={format!("What process {} printed", *shown)}>
                        for run in of_one.runs() {
                            if run.stderr { <span class="stderr">{ run.text }</span> } else { { run.text } }
                        }
                    </pre>
                }
            </div>
            if !record.queues.is_empty() {
                <table id="program-queues">
                    <caption>{ "What went through the main process's queues (pickled)" }</caption>
                    <thead><tr><th scope="col">{ "Queue" }</th><th scope="col">{ "Items put" }</th><th scope="col">{ "Size put, pickled" }</th></tr></thead>
                    <tbody>
                        for (i, (_, items, size)) in record.queues.iter().enumerate() {
                            <tr><th scope="row">{ format!("queue {}", i + 1) }</th><td>{ items }</td><td>{ bytes(*size) }</td></tr>
                        }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// A process's exit code as the table says it.
fn exit_code(code: Option<i32>, ended_by: Option<&str>) -> String {
    match (code, ended_by) {
        (Some(code), Some(why)) => format!("{code} ({why})"),
        (Some(code), None) => code.to_string(),
        (None, _) => "running".to_owned(),
    }
}
