//! CPython beside the page: the student pastes the JSON line(s) the generated programs printed
//! (or chooses the file they saved the output in), and the comparison table gains CPython's wall
//! time and speedup over its own Sequential next to the page's; under the table, both machines'
//! cores and a sentence comparing the shapes. Text that is not such a line, or is from other
//! settings, gives a sentence saying why and changes nothing.

use super::text;
use crate::app::Action;
use crate::app::environment::Environment;
use crate::python::beside::{self, BesideRow};
use crate::python::csv;
use crate::python::result_line::{MAX_BYTES, PythonRun};
use crate::ui::shell::context::use_app;
use crate::web::{files, page};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the last paste did: (accepted, sentence).
pub type Message = Option<(bool, String)>;

/// The sentence saying what the last paste or file did, as a status or an alert.
pub fn status(id: &'static str, message: &Message) -> Html {
    match message {
        Some((true, text)) => html! { <p {id} role="status" class="accepted">{ text }</p> },
        Some((false, text)) => html! { <p {id} role="alert" class="refused">{ text }</p> },
        None => html! { <p {id} role="status"></p> },
    }
}

/// The paste box, the file field and the CSV download.
#[component]
#[optimize(size)]
pub fn CpythonBeside() -> Html {
    let app = use_app();
    let state = &app.state;
    let message = use_state(|| None as Message);
    let text_ref = use_node_ref();
    let accept = {
        let (app, message) = (app.clone(), message.clone());
        Callback::from(move |text: Result<String, String>| {
            match text.and_then(|t| app.state.read_cpython(&t).map_err(|e| e.0)) {
                Ok((runs, said)) => {
                    app.dispatcher().emit(Action::CpythonRead(runs));
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
            if let Some(text) = files::chosen_text(&input, MAX_BYTES, "a program's output").await {
                accept.emit(text);
            }
            input.set_value("");
        });
    };
    let records: Vec<_> = state.results.iter().map(|r| &*r.record).collect();
    let text = csv::comparison_csv(&records, &machine(&state.env), &state.cpython);
    let on_csv = move |_| page::download("playground-comparison.csv", "text/csv", &text);
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
            { status("cpython-message", &message) }
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

/// Under the comparison table, once CPython's lines are in: both machines' cores, and the
/// sentence comparing the shapes of the speedups.
pub fn cpython_summary(runs: &[PythonRun], rows: &[BesideRow], page_cores: u32) -> Html {
    let Some(first) = runs.first() else {
        return html! {};
    };
    let cores = first
        .cpu_count
        .map_or("an unknown number of".to_owned(), |c| c.to_string());
    let shapes = beside::sentence(rows).unwrap_or_else(|| text::CPYTHON_NOTHING_YET.to_owned());
    html! {
        <p class="explain" id="cpython-summary">
            { text::cpython_machines(page_cores, &format!("{} {}", first.implementation, first.python), &cores, &shapes) }
        </p>
    }
}
