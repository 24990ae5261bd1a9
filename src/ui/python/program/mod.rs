//! The Python lab's program form (`form=program`, or a link's `program=1.…`): a whole program,
//! its files in tabs with one editor, its main file and arguments, Run and Cancel, and a
//! terminal that shows what it printed as it printed it, then how it ended. The state and its
//! rules are `own_python::program_lab`; the runner is `web::python_program`.

pub mod effects;
pub mod files;
pub mod processes;
pub mod run_bar;
pub mod state;
pub mod terminal;

use crate::own_python::program::ProgramLink;
use crate::own_python::program_lab::ProgramLab;
use crate::ui::widgets::notices::NoticeList;
use crate::web::{isolation, python_ready};
use effects::{saved_program, use_program_effects};
use files::{FileTabs, TemplateRow};
use processes::ProcessesView;
use run_bar::ProgramRunBar;
use state::{ProgramControls, ProgramForm as Form};
use terminal::TerminalPane;
use yew::prelude::*;

/// Props: what the page's link says to the form.
#[derive(Properties, PartialEq)]
pub struct ProgramFormProps {
    /// The link's part for the program form.
    pub link: ProgramLink,
}

/// The program form.
#[component]
pub fn ProgramForm(props: &ProgramFormProps) -> Html {
    let link = props.link.clone();
    let state = use_reducer(move || {
        ProgramLab::new(
            link.program,
            saved_program(),
            link.notices,
            isolation::cores_reported(),
        )
    });
    let controls = use_memo((), |_| ProgramControls::default());
    let form = Form { state, controls };
    use_program_effects(&form);
    // Interpreters kept ready while the form is open, so that a run starts on them.
    use_effect_with((), |_| {
        let cores = isolation::cores_reported() as usize;
        wasm_bindgen_futures::spawn_local(python_ready::keep_ready(cores));
        python_ready::end_all
    });
    html! {
        <ContextProvider<Form> context={form.clone()}>
            <section class="python-program" aria-label="Program">
                <h2>{ "The program" }</h2>
                <p class="about">{ ABOUT }</p>
                <NoticeList notices={form.state.notices.clone()} />
                <TemplateRow />
                <FileTabs />
                <ProgramRunBar />
                <TerminalPane />
                <ProcessesView />
            </section>
        </ContextProvider<Form>>
    }
}

/// What the form is.
const ABOUT: &str = "A whole program, run as python3 MAIN ARGS runs it: its files import each other, sys.argv holds the arguments, if __name__ == \"__main__\": holds, asyncio.run works, and multiprocessing starts each child as spawn does, a fresh interpreter in its own worker, with queues, locks and values on shared memory. Blocking calls (time.sleep, join, a queue's get) wait without using a core where the page is cross-origin isolated. What it prints appears in the terminal as it prints it, stderr in its own colour.";
