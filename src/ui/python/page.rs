//! The Python lab's view (`lab=python`): students write `task(i, n)` (and `task_async(i, n)`)
//! in Python and run it sequentially, in worker processes each with its own interpreter, and as
//! coroutines on one event loop, in real CPython compiled to WebAssembly (Pyodide). The code
//! comes from a template, a link, a file or the last visit (kept in local storage); a link with
//! code never runs by itself. The record, table, explanation and timelines come from
//! `own_python`; the interpreters from `web::python_workers`.

use super::results::PythonResults;
use crate::app::link::View;
use crate::own_python::code_link::{self, MAX_CODE_BYTES};
use crate::own_python::record::{FORMAT, PyModeRecord, PyRunRecord};
use crate::own_python::settings::{
    MAX_TASKS, MAX_TIME_LIMIT_S, MAX_WORKERS, PyMode, edit, link_query, read_link,
};
use crate::own_python::templates::{TEMPLATES, default_template, template};
use crate::settings::query::Notice;
use crate::ui::locks::timeline::LocksTimeline;
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::code_editor::CodeEditor;
use crate::ui::widgets::copy_button::CopyButton;
use crate::web::python_workers::{self, Canceller, Ending, ModeRun};
use crate::web::{files, isolation, page};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where the editor's code is kept between visits.
const SAVED_CODE: &str = "cp-python-code";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A finished (or stopped) run: what ran and each mode's record.
#[derive(Clone, PartialEq)]
pub struct Finished {
    /// The whole record, as the download holds it.
    pub record: Rc<PyRunRecord>,
}

/// The view.
#[component]
pub fn PythonLab() -> Html {
    let cores = isolation::cores_reported();
    let link = use_memo((), move |_| read_link(&page::query(), cores));
    let settings = use_state(|| link.settings.clone());
    let notices = use_state(|| {
        let mut notices = link.notices.clone();
        if link.asked_to_run {
            notices.push(Notice {
                setting: "run".to_owned(),
                message: "run: the Python lab never runs code by itself; press Run when you have read it.".to_owned(),
            });
        }
        notices
    });
    let initial = use_memo((), {
        let link = link.clone();
        move |_| {
            if link.code.is_some() {
                String::new()
            } else if let Some(t) = link.template {
                t.code.to_owned()
            } else {
                storage()
                    .and_then(|s| s.get_item(SAVED_CODE).ok().flatten())
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| default_template().code.to_owned())
            }
        }
    });
    let code = use_state(|| (*initial).clone());
    let generation = use_state(|| 0u32);
    let field_errors = use_state(Vec::<(String, String)>::new);
    let status = use_state(|| None::<String>);
    let message = use_state(|| None::<String>);
    let code_error = use_state(|| None::<String>);
    let finished = use_state(|| None::<Finished>);
    let partial = use_state(Vec::<PyModeRecord>::new);
    let running = use_state(|| false);
    let canceller: Rc<RefCell<Option<Canceller>>> = use_mut_ref(|| None);
    let code_value = use_state(|| None::<Result<String, String>>);
    let chosen_template = use_state(|| link.template.map_or(default_template().id, |t| t.id));

    // The link's code, unpacked once (it is never run by itself).
    {
        let (link, code, generation, notices) = (
            link.clone(),
            code.clone(),
            generation.clone(),
            notices.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(bytes) = link.code.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let read = python_workers::inflate(&bytes, MAX_CODE_BYTES)
                        .await
                        .and_then(|text| {
                            code_link::check_code(&text)
                                .map(|()| text)
                                .map_err(|e| format!("code: {e} The template is shown instead."))
                        });
                    match read {
                        Ok(text) => code.set(text),
                        Err(error) => {
                            let mut list = (*notices).clone();
                            list.push(Notice {
                                setting: "code".to_owned(),
                                message: error,
                            });
                            notices.set(list);
                            code.set(default_template().code.to_owned());
                        }
                    }
                    generation.set(*generation + 1);
                });
            }
        });
    }
    // Keep the code for the next visit, and the address and the link in step with it.
    {
        let (settings_now, code_value) = ((*settings).clone(), code_value.clone());
        use_effect_with(((*code).clone(), settings_now), move |(code, settings)| {
            if let Some(s) = storage() {
                let _ = s.set_item(SAVED_CODE, code);
            }
            let (code, settings) = (code.clone(), settings.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let template = TEMPLATES.iter().find(|t| t.code == code);
                let value = if template.is_some() {
                    Ok(String::new())
                } else {
                    match python_workers::deflate(&code).await {
                        Ok(bytes) => code_link::encode(&bytes).ok_or_else(|| {
                            "The code is too long for a link: download it (Download code) and share the file; the link carries the settings only.".to_owned()
                        }),
                        Err(error) => Err(format!("The code could not be compressed for a link: {error}")),
                    }
                };
                let query = link_query(
                    &settings,
                    template,
                    value
                        .as_ref()
                        .ok()
                        .filter(|v| !v.is_empty())
                        .map(String::as_str),
                    false,
                );
                page::show_query(&query);
                code_value.set(Some(
                    value.map(|_| format!("{}?{query}", page::address_without_query())),
                ));
            });
        });
    }

    let on_code = {
        let code = code.clone();
        Callback::from(move |text: String| code.set(text))
    };
    let load_template = {
        let (code, generation, chosen) =
            (code.clone(), generation.clone(), chosen_template.clone());
        move |_| {
            if let Some(t) = template(&chosen) {
                code.set(t.code.to_owned());
                generation.set(*generation + 1);
            }
        }
    };
    let on_template = {
        let chosen = chosen_template.clone();
        move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(t) = template(&select.value()) {
                chosen.set(t.id);
            }
        }
    };
    let download = {
        let code = code.clone();
        move |_| page::download("task.py", "text/x-python", &code)
    };
    let open_file = {
        let (code, generation, message) = (code.clone(), generation.clone(), message.clone());
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let (code, generation, message) = (code.clone(), generation.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match files::chosen_text(&input, MAX_CODE_BYTES, "Python code for this page").await
                {
                    Some(Ok(text)) => match code_link::check_code(&text) {
                        Ok(()) => {
                            code.set(text);
                            generation.set(*generation + 1);
                            message.set(Some("The file's code is in the editor.".to_owned()));
                        }
                        Err(error) => message.set(Some(error)),
                    },
                    Some(Err(error)) => message.set(Some(error)),
                    None => {}
                }
                input.set_value("");
            });
        }
    };
    let field = |name: &'static str| {
        let (settings, field_errors) = (settings.clone(), field_errors.clone());
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*settings).clone();
            let mut errors: Vec<(String, String)> = field_errors
                .iter()
                .filter(|(n, _)| n != name)
                .cloned()
                .collect();
            match edit(&mut next, name, &input.value()) {
                Ok(()) => settings.set(next),
                Err(error) => errors.push((name.to_owned(), error)),
            }
            field_errors.set(errors);
        }
    };
    let mode_toggle = |mode: PyMode| {
        let (settings, field_errors) = (settings.clone(), field_errors.clone());
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut modes: Vec<PyMode> = settings
                .modes
                .iter()
                .copied()
                .filter(|m| *m != mode)
                .collect();
            if input.checked() {
                modes.push(mode);
            }
            let names: Vec<&str> = modes.iter().map(|m| m.name()).collect();
            let mut next = (*settings).clone();
            let mut errors: Vec<(String, String)> = field_errors
                .iter()
                .filter(|(n, _)| n != "modes")
                .cloned()
                .collect();
            match edit(&mut next, "modes", &names.join(",")) {
                Ok(()) => settings.set(next),
                Err(_) => {
                    next.modes.clear();
                    settings.set(next);
                    errors.push((
                        "modes".to_owned(),
                        "Modes: choose at least one mode to run.".to_owned(),
                    ));
                }
            }
            field_errors.set(errors);
        }
    };
    let run = {
        let (settings, code, status, message, code_error, finished, partial, running, canceller) = (
            settings.clone(),
            code.clone(),
            status.clone(),
            message.clone(),
            code_error.clone(),
            finished.clone(),
            partial.clone(),
            running.clone(),
            canceller.clone(),
        );
        move |_| {
            if *running {
                return;
            }
            if let Err(error) = code_link::check_code(&code) {
                message.set(Some(error));
                return;
            }
            let (settings, code) = ((*settings).clone(), (*code).clone());
            let (status, message, code_error, finished, partial, running, canceller) = (
                status.clone(),
                message.clone(),
                code_error.clone(),
                finished.clone(),
                partial.clone(),
                running.clone(),
                canceller.clone(),
            );
            running.set(true);
            message.set(None);
            code_error.set(None);
            finished.set(None);
            partial.set(Vec::new());
            wasm_bindgen_futures::spawn_local(async move {
                let mut records = Vec::new();
                let mut version = None;
                let mut ended = None;
                for mode in settings.modes.clone() {
                    let mode_run = ModeRun::new();
                    *canceller.borrow_mut() = Some(mode_run.canceller());
                    let say = {
                        let status = status.clone();
                        move |text: String| status.set(Some(text))
                    };
                    let (log, ending) = mode_run
                        .run(mode, &settings, &code, &say, &mut version)
                        .await;
                    canceller.borrow_mut().take();
                    let mut record = log.finish();
                    match ending {
                        Ending::Finished => {}
                        Ending::CodeFailed(traceback) => {
                            code_error.set(Some(traceback));
                            ended = Some("Your code did not run: its traceback is under the editor. Nothing was timed.".to_owned());
                            break;
                        }
                        Ending::Cancelled => {
                            record.failure = Some("cancelled; its workers were ended.".to_owned());
                            records.push(record);
                            ended =
                                Some("Cancelled: the running interpreters were ended.".to_owned());
                            break;
                        }
                        Ending::TimedOut => {
                            record.failure = Some(format!(
                                "still running after the time limit of {} s, so its workers were ended (is there an endless loop?).",
                                settings.time_limit_s
                            ));
                            records.push(record);
                            ended = Some(format!(
                                "Stopped at the time limit of {} s.",
                                settings.time_limit_s
                            ));
                            break;
                        }
                        Ending::Broken(error) => record.failure = Some(error),
                    }
                    records.push(record);
                    partial.set(records.clone());
                    page::next_frame().await;
                }
                if !records.is_empty() {
                    finished.set(Some(Finished {
                        record: Rc::new(PyRunRecord {
                            format: FORMAT.to_owned(),
                            version: 1,
                            python: version.unwrap_or_default(),
                            cores: isolation::cores_reported(),
                            settings: settings.clone(),
                            code: code.clone(),
                            modes: records,
                        }),
                    }));
                }
                partial.set(Vec::new());
                status.set(None);
                message.set(ended.or(Some("Done.".to_owned())));
                running.set(false);
                page::mark("cp-python-finished");
            });
        }
    };
    let cancel = {
        let canceller = canceller.clone();
        move |_| {
            if let Some(c) = canceller.borrow().as_ref() {
                c.cancel();
            }
        }
    };
    let error_of = |name: &str| {
        field_errors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, e)| e.clone())
    };
    let can_run = !*running && field_errors.is_empty() && !settings.modes.is_empty();
    html! {
        <div class="python-lab">
            <header>
                <h1>{ "Your own Python" }</h1>
                <p class="lead">{ "Write the task in Python and run it for real: sequentially, in worker processes that each hold their own interpreter (as multiprocessing does), and as coroutines on one asyncio event loop. The interpreter is CPython compiled to WebAssembly (Pyodide), running in this browser." }</p>
                <Nav current={View::PythonLab} />
            </header>
            if !notices.is_empty() {
                <section class="notices" role="status" aria-label="Notices about this link">
                    <ul>
                        for notice in notices.iter() {
                            <li data-setting={notice.setting.clone()}>{ notice.message.clone() }</li>
                        }
                    </ul>
                </section>
            }
            <p class="note threads-unavailable" role="note">
                { "Threads are not offered for Python code: the default Pyodide build has no threads (CPython for WebAssembly is built without them), so threading here could not run two things at once or show the GIL. The " }
                <a href={crate::app::link::lab_with_modes(&[crate::settings::names::Mode::Gil, crate::settings::names::Mode::Threads], cores)}>{ "main lab's Threads modes" }</a>
                { " run the same experiments on real threads, with and without a GIL." }
            </p>
            <section class="python-code" aria-label="Code">
                <h2>{ "The task" }</h2>
                <p class="about">{ "Define task(i, n): task i of n, returning a value. Coroutines run task_async(i, n) if you define it (otherwise they call task). What a task prints is shown beside it." }</p>
                <div class="template-row">
                    <label for="python-template">{ "Template" }</label>
                    <select id="python-template" onchange={on_template}>
                        for t in TEMPLATES.iter() {
                            <option value={t.id} selected={t.id == *chosen_template}>{ t.title }</option>
                        }
                    </select>
                    <button id="python-load-template" onclick={load_template}>{ "Replace the code with this template" }</button>
                </div>
                <CodeEditor code={AttrValue::from((*code).clone())} generation={*generation} on_change={on_code} />
                if let Some(traceback) = &*code_error {
                    <div class="error python-traceback" role="alert">
                        <p>{ "Your code did not run:" }</p>
                        <pre><code>{ traceback }</code></pre>
                    </div>
                }
                <div class="file-row">
                    <button id="python-download" onclick={download}>{ "Download code" }</button>
                    <label class="file-button">{ "Open file " }
                        <input id="python-open" type="file" accept=".py,.txt,text/x-python,text/plain" onchange={open_file} />
                    </label>
                </div>
            </section>
            <form class="settings" onsubmit={|e: SubmitEvent| e.prevent_default()} aria-label="Settings">
                <fieldset>
                    <legend>{ "Modes" }</legend>
                    for mode in PyMode::ALL {
                        <label class="mode">
                            <input type="checkbox" id={format!("mode-{}", mode.name())} checked={settings.modes.contains(&mode)} onchange={mode_toggle(mode)} />
                            { mode.label() }
                        </label>
                    }
                    if let Some(e) = error_of("modes") { <p class="error" role="alert">{ e }</p> }
                </fieldset>
                <div class="fields">
                    { number_field("tasks", "Tasks", &settings.tasks.to_string(), 1, MAX_TASKS, "task(i, n) runs for i = 0 … n-1", error_of("tasks"), field("tasks")) }
                    { number_field("workers", "Worker processes", &settings.workers.to_string(), 1, MAX_WORKERS, "for Processes; each holds its own interpreter", error_of("workers"), field("workers")) }
                    { number_field("time_limit", "Time limit (s)", &settings.time_limit_s.to_string(), 1, MAX_TIME_LIMIT_S, "a mode still running after this (start-up included) is ended", error_of("time_limit"), field("time_limit")) }
                </div>
            </form>
            <div class="run-bar">
                <div class="buttons">
                    <button id="run" class="primary" onclick={run} disabled={!can_run}>{ "Run" }</button>
                    <button id="cancel" onclick={cancel} disabled={!*running}>{ "Cancel" }</button>
                </div>
                if let Some(text) = &*status { <div class="progress" role="status">{ text }</div> }
                if let Some(text) = &*message { <p class="run-message" role="status">{ text }</p> }
                <div class="permalink">
                    { match &*code_value {
                        Some(Ok(address)) => html! {
                            <>
                                <CopyButton id="copy-link" text={address.clone()} label="Copy link" what="link" />
                                <input class="link" readonly=true value={address.clone()} aria-label="Link to this code and these settings" />
                            </>
                        },
                        Some(Err(why)) => html! { <p class="note" role="note">{ why }</p> },
                        None => html! {},
                    } }
                </div>
            </div>
            if !partial.is_empty() {
                <section class="results partial" aria-label="Modes finished so far">
                    for record in partial.iter() {
                        <LocksTimeline title={record.mode.label().to_owned()} lanes={record.lanes.clone()} unit={record.mode.lane_unit()} />
                    }
                </section>
            }
            if let Some(done) = &*finished { <PythonResults record={done.record.clone()} /> }
            <footer class="credits">
                { "Python here is " }<a href="https://pyodide.org/">{ "Pyodide" }</a>{ " (Mozilla Public License 2.0), CPython (Python Software Foundation License) compiled to WebAssembly; the editor is " }<a href="https://codemirror.net/">{ "CodeMirror" }</a>{ " (MIT). Their licences: " }<a href="python/licenses/">{ "python/licenses/" }</a>{ "." }
            </footer>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn number_field(
    name: &'static str,
    label: &str,
    value: &str,
    min: u32,
    max: u32,
    meaning: &str,
    error: Option<String>,
    onchange: impl Fn(Event) + 'static,
) -> Html {
    let id = format!("field-{name}");
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label }</label>
            <input id={id} type="number" inputmode="numeric" min={min.to_string()} max={max.to_string()}
                value={value.to_owned()} onchange={onchange} aria-invalid={error.is_some().to_string()} />
            <small class="meaning">{ meaning }</small>
            if let Some(e) = error { <p class="error" role="alert">{ e }</p> }
        </div>
    }
}
