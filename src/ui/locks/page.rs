//! The locks lab's view (`lab=locks`): its title and lead naming lost updates, locks and
//! queues, the link's notices, the experiment and its settings, Run and Cancel with the
//! permalink and the embed box, and the results (`locks_results`).

use super::effects::use_locks_effects;
use super::results::LocksResults;
use super::runner::run_locks_lab;
use super::text;
use crate::app::link::View;
use crate::app::link::locks_query;
use crate::app::state::Activity;
use crate::format::rough_duration;
use crate::settings::Key;
use crate::settings::query::PageFlags;
use crate::ui::shell::context::use_app;
use crate::ui::shell::nav::Nav;
use crate::ui::widgets::copy_button::CopyButton;
use crate::ui::widgets::embed_box::EmbedBox;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::notices::Notices;
use crate::web::page;
use yew::prelude::*;

/// The lab's page (full, or compact with `embed=1`), inside the app's `div.app`.
#[component]
pub fn LocksLab() -> Html {
    use_locks_effects();
    let app = use_app();
    let state = &app.state;
    let embed = state.flags.embed;
    let full = format!(
        "{}?{}",
        page::address_without_query(),
        locks_query(&state.settings, PageFlags::default())
    );
    html! {
        <div class="locks-lab">
            if embed {
                <header class="embed-header">
                    <strong>{ text::TITLE }</strong>
                    <a href={full} target="_blank" rel="noopener">{ "Open full playground" }</a>
                </header>
            } else {
                <header>
                    <h1>{ text::TITLE }</h1>
                    <p class="lead">{ text::LEAD }</p>
                    <Nav current={View::LocksLab} lab_href={AttrValue::from(main_lab_link())} lessons_anchor="#lab-locks" />
                </header>
            }
            <Notices />
            <LocksForm />
            <LocksRunBar />
            <LocksResults />
        </div>
    }
}

fn main_lab_link() -> String {
    page::address_without_query()
}

/// The experiment, what it shows, and its settings (in the lab and in its lessons).
#[component]
pub fn LocksForm() -> Html {
    let app = use_app();
    let state = &app.state;
    let experiment = state.experiment_in_form();
    let fields: Vec<Key> = Key::ALL
        .iter()
        .copied()
        .filter(|&k| k != Key::Experiment && k.spec().scope.in_locks_lab(experiment))
        .collect();
    html! {
        <form class="settings" onsubmit={|e: SubmitEvent| e.prevent_default()} aria-label="Settings">
            <fieldset>
                <legend>{ "Experiment" }</legend>
                <Field setting={Key::Experiment} />
                <p class="about">{ text::about(experiment) }</p>
                <div class="fields">
                    for setting in fields { <Field {setting} /> }
                </div>
            </fieldset>
        </form>
    }
}

/// Run, Cancel, the estimate, what is running, the last run's message, the link and the
/// embed box.
#[component]
fn LocksRunBar() -> Html {
    let app = use_app();
    let state = &app.state;
    let unavailable = state.locks_unavailable();
    let run = {
        let app = app.clone();
        move |_| app.start(run_locks_lab)
    };
    let cancel = {
        let controls = app.controls.clone();
        move |_| controls.cancel()
    };
    let running = match state.activity {
        Activity::Locks(experiment) => Some(experiment),
        _ => None,
    };
    let link = format!(
        "{}?{}",
        page::address_without_query(),
        locks_query(&state.settings, PageFlags::default())
    );
    let embed_query = locks_query(
        &state.settings,
        PageFlags {
            run: false,
            embed: true,
        },
    );
    html! {
        <div class="run-bar">
            if let Some(reason) = &unavailable {
                <p class="warning" role="note">{ text::unavailable(reason) }</p>
            }
            <div class="buttons">
                <button id="run" class="primary" onclick={run}
                    disabled={!state.can_run() || unavailable.is_some()}>{ "Run" }</button>
                <button id="cancel" onclick={cancel} disabled={running.is_none()}>{ "Cancel" }</button>
                <span class="estimate">{ format!("Expected: about {}", rough_duration(state.estimated_run_ms())) }</span>
            </div>
            if !state.errors.is_empty() {
                <p class="error" role="note">{ "Fix the settings marked in red to run." }</p>
            }
            if let Some(experiment) = running {
                <div class="progress" role="status">{ format!("Running the {experiment} experiment…") }</div>
            }
            if let Some(message) = &state.run_message { <p class="run-message" role="status">{ message }</p> }
            <div class="permalink">
                <CopyButton id="copy-link" text={link.clone()} label="Copy link" what="link" />
                <input class="link" readonly=true value={link} aria-label="Link to these settings" />
            </div>
            if !state.flags.embed { <EmbedBox query={embed_query} /> }
        </div>
    }
}
