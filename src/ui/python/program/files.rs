//! The program's files: the template picker, a tab per file (the main one marked), the editor
//! for the shown file, adding, removing and making a file the main one, downloading the program
//! and opening files into it, and the arguments.

use super::state::use_program_form;
use crate::own_python::code_link::MAX_CODE_BYTES;
use crate::own_python::program_lab::{ProgramAction, ProgramLab};
use crate::own_python::settings::MAX_TIME_LIMIT_S;
use crate::ui::widgets::code_editor::CodeEditor;
use crate::web::{files, page};
use yew::prelude::*;

/// The template picker, and the button that replaces the program with the chosen one.
#[component]
pub fn TemplateRow() -> Html {
    let form = use_program_form();
    let chosen = form.state.chosen_template;
    let dispatch = form.dispatcher();
    let on_template = dispatch.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        ProgramAction::ChooseTemplate(select.value())
    });
    let load = dispatch.reform(|_: MouseEvent| ProgramAction::LoadTemplate);
    html! {
        <div class="template-row">
            <label for="program-template">{ "Template" }</label>
            <select id="program-template" onchange={on_template}>
                for t in ProgramLab::templates() {
                    <option value={t.id} selected={t.id == chosen}>{ t.title }</option>
                }
            </select>
            <button id="program-load-template" onclick={load}>{ "Replace the program with this template" }</button>
        </div>
    }
}

/// A tab per file, the editor for the shown one, the file buttons and the arguments.
#[component]
pub fn FileTabs() -> Html {
    let form = use_program_form();
    let state = &form.state;
    let dispatch = form.dispatcher();
    let shown = state.shown.clone();
    let text = state.program.files.get(&shown).cloned().unwrap_or_default();
    let new_name = use_state(String::new);
    let on_name = {
        let new_name = new_name.clone();
        move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            new_name.set(input.value());
        }
    };
    let add = {
        let (dispatch, new_name) = (dispatch.clone(), new_name.clone());
        move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(ProgramAction::AddFile((*new_name).clone()));
            new_name.set(String::new());
        }
    };
    let on_args = dispatch.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        ProgramAction::EditArgs(input.value())
    });
    let on_limit = dispatch.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        ProgramAction::EditLimit(input.value())
    });
    let is_main = shown == state.program.main;
    html! {
        <div class="program-files">
            <div class="file-tabs" role="tablist" aria-label="Files">
                for name in state.program.files.keys().cloned() {
                    <FileTab name={name.clone()} shown={name == shown} main={name == state.program.main} />
                }
            </div>
            <div class="file-panel" role="tabpanel" aria-label={shown.clone()}>
                <CodeEditor code={AttrValue::from(text)} generation={state.generation}
                    on_change={dispatch.reform(ProgramAction::Edit)} />
            </div>
            <div class="file-row">
                <button id="program-make-main" disabled={is_main}
                    onclick={dispatch.reform(|_: MouseEvent| ProgramAction::MakeMain)}>{ "Make this the main file" }</button>
                <button id="program-remove-file" disabled={is_main}
                    onclick={dispatch.reform(|_: MouseEvent| ProgramAction::RemoveShown)}>{ "Remove this file" }</button>
                <form class="add-file" onsubmit={add}>
                    <label for="program-new-file">{ "New file" }</label>
                    <input id="program-new-file" type="text" placeholder="helpers.py" value={(*new_name).clone()} oninput={on_name} />
                    <button id="program-add-file" type="submit">{ "Add" }</button>
                </form>
            </div>
            <ProgramFileRow />
            <div class="program-args">
                <label for="program-args">{ format!("python3 {} ", state.program.main) }</label>
                <input id="program-args" type="text" value={state.args.clone()} oninput={on_args}
                    aria-invalid={state.args_error.is_some().to_string()} spellcheck="false" />
                if let Some(error) = &state.args_error { <span class="field-error" role="alert">{ error }</span> }
            </div>
            <div class="program-limit">
                <label for="program-time-limit">{ "Time limit" }</label>
                <input id="program-time-limit" type="text" inputmode="numeric" size="4" value={state.limit.clone()}
                    oninput={on_limit} aria-invalid={state.limit_error.is_some().to_string()}
                    aria-describedby="program-time-limit-says" />
                <span id="program-time-limit-says">{ format!("s (1 to {MAX_TIME_LIMIT_S}): a run still going then is ended, every process with it") }</span>
                if let Some(error) = &state.limit_error { <span class="field-error" role="alert">{ error }</span> }
            </div>
        </div>
    }
}

/// Props of a file's tab.
#[derive(Properties, PartialEq)]
struct FileTabProps {
    name: String,
    shown: bool,
    main: bool,
}

/// A file's tab: shows it in the editor.
#[component]
fn FileTab(props: &FileTabProps) -> Html {
    let form = use_program_form();
    let name = props.name.clone();
    let show = form
        .dispatcher()
        .reform(move |_: MouseEvent| ProgramAction::Show(name.clone()));
    html! {
        <button role="tab" class="file-tab" data-file={props.name.clone()}
            aria-selected={props.shown.to_string()} onclick={show}>
            { &props.name }
            if props.main { <span class="main-mark">{ " (main)" }</span> }
        </button>
    }
}

/// Download the program as a file, or open files into it.
#[component]
fn ProgramFileRow() -> Html {
    let form = use_program_form();
    let download = {
        let program = form.state.program.clone();
        move |_| page::download("program.json", "application/json", &program.to_json())
    };
    let open_files = {
        let dispatch = form.dispatcher();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = files::chosen_texts(&input, MAX_CODE_BYTES, "a program's file").await;
                dispatch.emit(ProgramAction::FilesOpened(read));
                input.set_value("");
            });
        }
    };
    html! {
        <div class="file-row">
            <button id="program-download-files" onclick={download}>{ "Download the program (JSON)" }</button>
            <label class="file-button">{ "Open files (.py, or a program's .json) " }
                <input id="program-open" type="file" multiple=true accept=".py,.json,text/x-python,application/json" onchange={open_files} />
            </label>
        </div>
    }
}
