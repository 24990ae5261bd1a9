//! CPython beside the page: the student pastes the JSON line(s) the generated programs printed
//! (or chooses the file they saved the output in), and a table sets CPython's wall time and
//! speedup over its own Sequential next to the page's, with both machines' cores. Text that is
//! not such a line, or is from other settings, gives a sentence saying why and changes nothing.

use super::context::use_app;
use super::text;
use crate::app::state::Environment;
use crate::python::beside::{self, BesideRow};
use crate::python::csv;
use crate::python::result_line::{MAX_BYTES, PythonRun};
use crate::web::{files, page};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the last paste did: (accepted, sentence).
type Message = Option<(bool, String)>;

fn times(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}×"))
}

fn wall(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

/// The paste box and, once a line is in, the table.
#[component]
#[optimize(size)]
pub fn CpythonBeside() -> Html {
    let app = use_app();
    let state = &app.state;
    // CPython's lines belong to one comparison: a new run starts with none.
    let key = state
        .results
        .first()
        .map_or(0, |r| Rc::as_ptr(&r.record) as usize);
    let runs = use_state(|| (key, Vec::<PythonRun>::new()));
    let message = use_state(|| None as Message);
    let text_ref = use_node_ref();
    let current: Vec<PythonRun> = if runs.0 == key {
        runs.1.clone()
    } else {
        Vec::new()
    };
    let accept = {
        let (runs, message, results) = (runs.clone(), message.clone(), state.results.clone());
        let current = current.clone();
        Callback::from(move |text: Result<String, String>| {
            let records: Vec<_> = results.iter().map(|r| &*r.record).collect();
            match text.and_then(|t| beside::take(&t, &records, &current).map_err(|e| e.0)) {
                Ok((next, said)) => {
                    runs.set((key, next));
                    message.set(Some((true, said)));
                }
                Err(why) => message.set(Some((false, why))),
            }
        })
    };
    let on_read = {
        let (accept, text_ref) = (accept.clone(), text_ref.clone());
        move |_| {
            if let Some(area) = text_ref.cast::<HtmlTextAreaElement>() {
                accept.emit(Ok(area.value()));
            }
        }
    };
    let on_file = move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let accept = accept.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(text) = files::chosen_text(&input, MAX_BYTES).await {
                accept.emit(text);
            }
            input.set_value("");
        });
    };
    let records: Vec<_> = state.results.iter().map(|r| &*r.record).collect();
    let rows = beside::rows(&records, &current);
    let text = csv::comparison_csv(&records, &machine(&state.env), &current);
    let on_csv = move |_| page::download("playground-comparison.csv", "text/csv", &text);
    let status = match &*message {
        Some((true, text)) => {
            html! { <p id="cpython-message" role="status" class="accepted">{ text }</p> }
        }
        Some((false, text)) => {
            html! { <p id="cpython-message" role="alert" class="refused">{ text }</p> }
        }
        None => html! { <p id="cpython-message" role="status"></p> },
    };
    html! {
        <div class="cpython-beside">
            <h3>{ "CPython beside the page" }</h3>
            <p class="explain">{ text::CPYTHON_HOW }</p>
            <label for="cpython-line">{ "The programs' JSON lines" }</label>
            <textarea id="cpython-line" ref={text_ref} rows="3" spellcheck="false" />
            <div class="python-actions">
                <button id="cpython-read" onclick={on_read}>{ "Add CPython's times" }</button>
                <button id="download-csv" onclick={on_csv}>{ "Download the comparison (CSV)" }</button>
                <label>{ "or a file: " }<input type="file" id="cpython-file" accept=".json,.jsonl,.txt,.log" onchange={on_file} /></label>
            </div>
            { status }
            if current.is_empty() { } else { { table(&rows, &current, state.env.cores) } }
        </div>
    }
}

/// The machine's columns in the CSV.
fn machine(env: &Environment) -> [(&'static str, String); 3] {
    [
        ("browser", env.browser.clone()),
        ("cores_reported", env.cores.to_string()),
        ("cross_origin_isolated", env.isolated.to_string()),
    ]
}

fn table(rows: &[BesideRow], runs: &[PythonRun], page_cores: u32) -> Html {
    let cpython = runs.first().map_or_else(String::new, |r| {
        let cores = r
            .cpu_count
            .map_or("an unknown number of".to_owned(), |c| c.to_string());
        format!("{} {} on {cores} cores", r.implementation, r.python)
    });
    html! {
        <>
            <div class="table-scroll">
                <table id="cpython-results">
                    <caption>{ text::cpython_caption(page_cores, &cpython) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Mode" }</th>
                            <th scope="col">{ "Page wall time (ms)" }</th>
                            <th scope="col">{ "Page speedup" }</th>
                            <th scope="col">{ "CPython wall time (ms)" }</th>
                            <th scope="col">{ "CPython speedup" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        for row in rows.iter() {
                            <tr data-mode={row.mode.name()}>
                                <th scope="row">{ row.mode.title() }</th>
                                <td data-col="page-wall">{ wall(row.page_ms) }</td>
                                <td data-col="page-speedup">{ times(row.page_speedup) }</td>
                                <td data-col="cpython-wall">{ wall(row.cpython_ms) }</td>
                                <td data-col="cpython-speedup">{ times(row.cpython_speedup) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
            <p class="explain" id="cpython-summary">{ beside::sentence(rows).unwrap_or_else(|| text::CPYTHON_NOTHING_YET.to_owned()) }</p>
        </>
    }
}
