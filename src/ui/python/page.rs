//! The Python lab's view (`lab=python`): students write `task(i, n)` (and `task_async(i, n)`)
//! in Python and run it sequentially, in worker processes each with its own interpreter, and as
//! coroutines on one event loop, in real CPython compiled to WebAssembly (Pyodide). The state
//! and its rules are `own_python::lab`; this view renders them and dispatches, its effects
//! (`effects.rs`) tie it to the address and local storage, its runner (`runner.rs`) drives the
//! interpreters (`web::python_workers`). A link with code never runs by itself. The program
//! form (`program/`) runs whole programs instead of a task.

use super::code::CodeSection;
use super::effects::{saved_code, use_python_effects};
use super::program::ProgramForm;
use super::results::{PartialResults, PythonResults};
use super::run_bar::PyRunBar;
use super::runner::PyControls;
use super::settings_form::PySettingsForm;
use super::state::PyLab;
use super::text;
use crate::app::link::{View, lab_with_modes};
use crate::own_python::lab::PyLabState;
use crate::own_python::program::read_program_link;
use crate::own_python::settings::read_link;
use crate::settings::names::Mode;
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::notices::NoticeList;
use crate::web::{isolation, page};
use yew::prelude::*;

/// The view.
#[component]
pub fn PythonLab() -> Html {
    let state = use_reducer(|| {
        let cores = isolation::cores_reported();
        PyLabState::new(read_link(&page::query(), cores), saved_code(), cores)
    });
    let controls = use_memo((), |_| PyControls::default());
    let lab = PyLab { state, controls };
    let program_link = use_memo((), |_| read_program_link(&page::query()));
    let program_form = use_state(|| program_link.form);
    use_python_effects(&lab, !*program_form);
    let state = &lab.state;
    let choose = |program: bool| {
        let program_form = program_form.clone();
        move |_: Event| program_form.set(program)
    };
    html! {
        <ContextProvider<PyLab> context={lab.clone()}>
            <div class="python-lab">
                <header>
                    <h1>{ text::TITLE }</h1>
                    <p class="lead">{ text::LEAD }</p>
                    <Nav current={View::PythonLab} />
                </header>
                <NoticeList notices={state.notices.clone()} />
                <ThreadsNote cores={state.cores} />
                <fieldset class="form-switch">
                    <legend>{ "Run" }</legend>
                    <label><input type="radio" id="form-task" name="python-form" checked={!*program_form} onchange={choose(false)} />{ " a task, in three modes" }</label>
                    <label><input type="radio" id="form-program" name="python-form" checked={*program_form} onchange={choose(true)} />{ " a whole program" }</label>
                </fieldset>
                if *program_form {
                    <ProgramForm link={(*program_link).clone()} />
                } else {
                    <CodeSection />
                    <PySettingsForm />
                    <PyRunBar />
                    <PartialResults records={state.partial.clone()} />
                    if let Some(record) = &state.finished { <PythonResults record={record.clone()} /> }
                }
                <Credits />
            </div>
        </ContextProvider<PyLab>>
    }
}

/// Props: the cores the browser reports (the main lab's link carries its defaults).
#[derive(Properties, PartialEq)]
struct ThreadsNoteProps {
    cores: u32,
}

/// Why there are no Threads modes here, with a link to the main lab's (built from the typed
/// modes by `app::link::lab_with_modes`).
#[component]
fn ThreadsNote(props: &ThreadsNoteProps) -> Html {
    let threads = lab_with_modes(&[Mode::Gil, Mode::Threads], props.cores);
    html! {
        <p class="note threads-unavailable" role="note">
            { text::NO_THREADS }
            <a href={threads}>{ text::THREADS_LINK }</a>
            { text::THREADS_AFTER }
        </p>
    }
}

/// Whose Python and editor these are, and their licences.
#[component]
fn Credits() -> Html {
    html! {
        <footer class="credits">
            { "Python here is " }<a href="https://pyodide.org/">{ "Pyodide" }</a>{ " (Mozilla Public License 2.0), CPython (Python Software Foundation License) compiled to WebAssembly; the editor is " }<a href="https://codemirror.net/">{ "CodeMirror" }</a>{ " (MIT). Their licences: " }<a href="python/licenses/">{ "python/licenses/" }</a>{ "." }
        </footer>
    }
}
