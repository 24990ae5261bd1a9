//! The code's part of the Python lab: the template picker, the editor, the traceback of code
//! that did not define, and downloading or opening the code as a file.

use super::state::use_py_lab;
use super::text;
use crate::own_python::code_link::MAX_CODE_BYTES;
use crate::own_python::lab::PyLabAction;
use crate::own_python::templates::TEMPLATES;
use crate::ui::widgets::code_editor::CodeEditor;
use crate::web::{files, page};
use yew::prelude::*;

/// The code: a template to start from, the editor, the traceback, the file buttons.
#[component]
pub fn CodeSection() -> Html {
    let lab = use_py_lab();
    let state = &lab.state;
    let dispatch = lab.dispatcher();
    html! {
        <section class="python-code" aria-label="Code">
            <h2>{ "The task" }</h2>
            <p class="about">{ text::ABOUT_TASK }</p>
            <TemplateRow />
            <CodeEditor code={AttrValue::from(state.code.clone())} generation={state.generation}
                on_change={dispatch.reform(PyLabAction::CodeEdited)} />
            if let Some(traceback) = &state.code_error {
                <div class="error python-traceback" role="alert">
                    <p>{ text::DID_NOT_RUN }</p>
                    <pre><code>{ traceback }</code></pre>
                </div>
            }
            <FileRow />
        </section>
    }
}

/// The template picker, and the button that replaces the code with the chosen one.
#[component]
fn TemplateRow() -> Html {
    let lab = use_py_lab();
    let chosen = lab.state.chosen_template;
    let dispatch = lab.dispatcher();
    let on_template = dispatch.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        PyLabAction::ChooseTemplate(select.value())
    });
    let load = dispatch.reform(|_: MouseEvent| PyLabAction::LoadTemplate);
    html! {
        <div class="template-row">
            <label for="python-template">{ "Template" }</label>
            <select id="python-template" onchange={on_template}>
                for t in TEMPLATES.iter() {
                    <option value={t.id} selected={t.id == chosen}>{ t.title }</option>
                }
            </select>
            <button id="python-load-template" onclick={load}>{ "Replace the code with this template" }</button>
        </div>
    }
}

/// Download the code, or open a file's.
#[component]
fn FileRow() -> Html {
    let lab = use_py_lab();
    let download = {
        let state = lab.state.clone();
        move |_| page::download("task.py", "text/x-python", &state.code)
    };
    let open_file = {
        let dispatch = lab.dispatcher();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read =
                    files::chosen_text(&input, MAX_CODE_BYTES, "Python code for this page").await;
                if let Some(read) = read {
                    dispatch.emit(PyLabAction::FileOpened(read));
                }
                input.set_value("");
            });
        }
    };
    html! {
        <div class="file-row">
            <button id="python-download" onclick={download}>{ "Download code" }</button>
            <label class="file-button">{ "Open file " }
                <input id="python-open" type="file" accept=".py,.txt,text/x-python,text/plain" onchange={open_file} />
            </label>
        </div>
    }
}
