//! The page: its layout (full, or compact with `embed=1`), and the effects that tie it to the
//! world: calibrating at start, keeping the URL in step with the settings, and following
//! `run=1`.

use super::bar_chart::BarChart;
use super::context::AppContext;
use super::effects::use_page_effects;
use super::lesson_text;
use super::machine_panel::MachinePanel;
use super::notices::Notices;
use super::python_panel::PythonPanel;
use super::results_table::ResultsTable;
use super::run_bar::RunBar;
use super::runner::Controls;
use super::settings_form::SettingsForm;
use super::sweep_chart::SweepChart;
use super::text;
use super::timelines::Timelines;
use crate::app::AppState;
use crate::settings::query::PageFlags;
use crate::web::page;
use std::rc::Rc;
use yew::prelude::*;

/// Props: the state the page starts in, and the views this wasm module can show.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Made from the URL and the browser, once.
    pub initial: Rc<AppState>,
    /// The views besides the main lab that this module holds (see [`super::Views`]).
    pub views: super::Views,
}

/// The whole page: the view the link opened (the main lab, or one that the views module
/// holds). Owns the reducer and the controls that every component reaches through
/// [`super::context::use_app`].
#[component]
#[optimize(size)]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || (*initial).clone());
    let controls = use_memo((), |_| Controls::default());
    let context = AppContext {
        state: state.clone(),
        controls: controls.clone(),
    };

    use_page_effects(&context);

    let embed = state.flags.embed;
    let body = props
        .views
        .show(&state.view)
        .unwrap_or_else(|| html! { <Lab /> });
    html! {
        <ContextProvider<AppContext> context={context}>
            <div class={classes!("app", embed.then_some("embed"))}>{ body }</div>
        </ContextProvider<AppContext>>
    }
}

/// What the lab shows besides its own parts: nothing in the main lab; in the compare view
/// (`compare=1`, in the views module), its heading and the classmate's box after the results.
#[derive(Properties, PartialEq, Default)]
pub struct LabProps {
    /// The compare view's heading and links, instead of the main lab's.
    #[prop_or_default]
    pub compare: bool,
    /// Shown after the results table (the compare view's classmate box).
    #[prop_or_default]
    pub children: Html,
}

/// The main lab: the header, the notices, the form, the run bar and the results, then the
/// Python panel, the sweep and the machine panel (`embed=1`: a compact header, and nothing
/// after the results).
#[component]
#[optimize(size)]
pub fn Lab(props: &LabProps) -> Html {
    let app = super::context::use_app();
    let state = &app.state;
    let embed = state.flags.embed;
    let full_link = page::link(&state.settings, PageFlags::default());
    html! {
            <>
                if embed {
                    <header class="embed-header">
                        <strong>{ "Concurrency Playground" }</strong>
                        <a href={full_link} target="_blank" rel="noopener">{ "Open full playground" }</a>
                    </header>
                } else if props.compare {
                    <header>
                        <nav class="top-links" aria-label="Pages">
                            <a href={full_link} id="to-lab">{ lesson_text::TO_LAB }</a>
                        </nav>
                        <h1>{ text::COMPARE_TITLE }</h1>
                        <p class="lead">{ text::COMPARE_LEAD }</p>
                    </header>
                } else {
                    <header>
                        <nav class="top-links" aria-label="Pages">
                            <a href="?lessons=1">{ lesson_text::TO_LESSONS }</a>
                            <a class="locks-link" href="?lab=locks">{ text::TO_LOCKS_LAB }</a>
                            <a class="python-link" href="?lab=python">{ text::TO_PYTHON_LAB }</a>
                        </nav>
                        <h1>{ "Concurrency Playground" }</h1>
                        <p class="lead">{ text::LEAD }</p>
                    </header>
                }
                <Notices />
                <SettingsForm />
                <RunBar />
                <ResultsTable />
                { props.children.clone() }
                <BarChart />
                <Timelines />
                if !embed {
                    <PythonPanel />
                    <SweepChart />
                    <MachinePanel />
                }
            </>
    }
}
