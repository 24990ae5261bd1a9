//! The main lab's page: the header, the notices, the form, the run bar and the results, then
//! the Python panel, the sweep and the machine panel. The compare view is this page with the
//! classmate's box as its child.

use super::bar_chart::BarChart;
use super::machine_panel::MachinePanel;
use super::python_panel::PythonPanel;
use super::results_table::ResultsTable;
use super::run_bar::RunBar;
use super::settings_form::SettingsForm;
use super::sweep_chart::SweepChart;
use super::text;
use super::timelines::Timelines;
use crate::app::link::View;
use crate::settings::query::PageFlags;
use crate::ui::shell::context::use_app;
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::notices::Notices;
use crate::web::page;
use yew::prelude::*;

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
    let app = use_app();
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
                        <Nav current={View::Compare} lab_href={AttrValue::from(full_link)} />
                        <h1>{ text::COMPARE_TITLE }</h1>
                        <p class="lead">{ text::COMPARE_LEAD }</p>
                    </header>
                } else {
                    <header>
                        <Nav current={View::Lab} />
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
