//! The Python beside the results: once a comparison has ended, every chosen mode's CPython
//! program for the run's settings and plan (`crate::python`), each in a collapsed `<details>`
//! with Copy and Download buttons. The code is in the document even when collapsed, so
//! find-in-page and screen readers reach it.

use super::cpython_beside::CpythonBeside;
use super::text;
use crate::app::state::Activity;
use crate::python;
use crate::settings::{Mode, Settings};
use crate::ui::shell::context::use_app;
use crate::ui::widgets::copy_button::CopyButton;
use crate::web::page;
use std::rc::Rc;
use yew::prelude::*;

/// Every mode's program for the last comparison.
#[component]
#[optimize(size)]
pub fn PythonPanel() -> Html {
    let app = use_app();
    let state = &app.state;
    let first = state.results.first().map(|r| r.record.clone());
    let programs = use_memo(first.as_ref().map(Rc::as_ptr), move |_| {
        first.as_ref().map_or_else(Vec::new, |record| {
            let plan = python::plan_of(record);
            let s = &record.settings;
            let program = |&mode: &Mode| (mode, Rc::<str>::from(python::program(s, &plan, mode)));
            s.modes.iter().map(program).collect::<Vec<_>>()
        })
    });
    let settings = state.results.first().map(|r| r.record.settings.clone());
    let running = matches!(state.activity, Activity::Running { .. });
    let Some(settings) = settings.filter(|_| !running) else {
        return html! {};
    };
    html! {
        <section class="python" aria-labelledby="python-heading">
            <h2 id="python-heading">{ "The same run in Python" }</h2>
            <p class="explain">{ text::PYTHON_EXPLAIN }</p>
            for (mode, code) in programs.iter() {
                <Program mode={*mode} code={code.clone()} settings={settings.clone()} />
            }
            <CpythonBeside />
        </section>
    }
}

/// One mode's program and the settings it was generated for (which name its download).
#[derive(Properties, PartialEq)]
struct ProgramProps {
    mode: Mode,
    code: Rc<str>,
    settings: Settings,
}

/// One mode's program, collapsed, with its buttons.
#[component]
#[optimize(size)]
fn Program(props: &ProgramProps) -> Html {
    let file = python::file_name(&props.settings, props.mode);
    let download = {
        let (file, code) = (file.clone(), props.code.clone());
        move |_| page::download(&file, "text/x-python", &code)
    };
    html! {
        <details class="python-program" data-mode={props.mode.name()}>
            <summary>{ format!("Python: {} ({file})", props.mode.title()) }</summary>
            <div class="python-actions">
                <CopyButton text={AttrValue::from(props.code.clone())} label="Copy" what="program" />
                <button class="python-download" onclick={download}>{ "Download" }</button>
            </div>
            <pre><code class="language-python">{ &*props.code }</code></pre>
        </details>
    }
}
