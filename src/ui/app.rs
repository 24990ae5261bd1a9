//! The page: its layout (full, or compact with `embed=1`), and the effects that tie it to the
//! world: calibrating at start, keeping the URL in step with the settings, and following
//! `run=1`.

use super::bar_chart::BarChart;
use super::context::AppContext;
use super::locks_lab::LocksLab;
use super::machine_panel::MachinePanel;
use super::notices::Notices;
use super::python_panel::PythonPanel;
use super::results_table::ResultsTable;
use super::run_bar::RunBar;
use super::runner::{Controls, calibrate, run_comparison, run_locks_lab};
use super::settings_form::SettingsForm;
use super::sweep_chart::SweepChart;
use super::text;
use super::timelines::Timelines;
use crate::app::link::{View, query_for};
use crate::app::{Action, AppState};
use crate::settings::query::PageFlags;
use crate::web::page;
use std::rc::Rc;
use yew::prelude::*;

/// Props: the state the page starts in.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Made from the URL and the browser, once.
    pub initial: Rc<AppState>,
}

/// The whole page: the header, the notices, the form, the run bar and the results, then the
/// Python panel, the sweep and the machine panel (`embed=1`: a compact header, and nothing
/// after the results). Owns the reducer and the controls that every component reaches through
/// [`super::context::use_app`].
#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || (*initial).clone());
    let controls = use_memo((), |_| Controls::default());
    let context = AppContext {
        state: state.clone(),
        controls: controls.clone(),
    };

    {
        let context = context.clone();
        use_effect_with((), move |_| context.start(calibrate));
    }
    {
        let embed = state.flags.embed;
        let view = state.view.clone();
        use_effect_with((state.settings.clone(), embed), move |(settings, embed)| {
            let flags = PageFlags {
                run: false,
                embed: *embed,
            };
            page::show_query(&query_for(&view, settings, flags));
        });
    }
    {
        let context = context.clone();
        use_effect_with(
            (state.autorun_pending, state.calibrated),
            move |(pending, calibrated)| {
                if *pending && *calibrated {
                    let refusal = context.state.autorun_refusal();
                    let start = refusal.is_none();
                    context.dispatcher().emit(Action::AutorunHandled(refusal));
                    if start && context.state.view == View::LocksLab {
                        context.start(run_locks_lab);
                    } else if start {
                        context.start(run_comparison);
                    }
                }
            },
        );
    }

    let embed = state.flags.embed;
    if state.view == View::LocksLab {
        return html! {
            <ContextProvider<AppContext> context={context}>
                <LocksLab />
            </ContextProvider<AppContext>>
        };
    }
    let full_link = page::link(&state.settings, PageFlags::default());
    html! {
        <ContextProvider<AppContext> context={context}>
            <div class={classes!("app", embed.then_some("embed"))}>
                if embed {
                    <header class="embed-header">
                        <strong>{ "Concurrency Playground" }</strong>
                        <a href={full_link} target="_blank" rel="noopener">{ "Open full playground" }</a>
                    </header>
                } else {
                    <header>
                        <h1>{ "Concurrency Playground" }</h1>
                        <p class="lead">{ text::LEAD }</p>
                        <p><a class="locks-link" href="?lab=locks">{ "Locks, contention and queues: lost updates on real threads" }</a></p>
                    </header>
                }
                <Notices />
                <SettingsForm />
                <RunBar />
                <ResultsTable />
                <BarChart />
                <Timelines />
                if !embed {
                    <PythonPanel />
                    <SweepChart />
                    <MachinePanel />
                }
            </div>
        </ContextProvider<AppContext>>
    }
}
