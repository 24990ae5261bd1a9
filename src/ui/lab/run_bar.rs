//! Run and Cancel, what the run is expected to cost, its progress, and the permalink.

use super::runner::run_comparison;
use super::text;
use crate::app::state::{Activity, LONG_RUN_MS};
use crate::format::rough_duration;
use crate::settings::query::PageFlags;
use crate::ui::shell::context::use_app;
use crate::ui::widgets::copy_button::CopyButton;
use crate::ui::widgets::embed_box::EmbedBox;
use crate::web::page;
use yew::prelude::*;

/// The bar under the form: Run (which starts a comparison of the chosen modes), Cancel, the
/// estimate and, for a long run, its warning, the progress, the permalink and the embed box.
#[component]
#[optimize(size)]
pub fn RunBar() -> Html {
    let app = use_app();
    let state = &app.state;
    let estimate_ms = state.estimated_run_ms();
    let long = estimate_ms > LONG_RUN_MS;
    let run = {
        let app = app.clone();
        move |_| app.start(run_comparison)
    };
    let cancel = {
        let controls = app.controls.clone();
        move |_| controls.cancel()
    };
    let (cancellable, progress) = match &state.activity {
        Activity::Running {
            mode,
            done,
            total,
            main_thread,
        } => (
            !main_thread,
            Some(html! {
                <div class="progress" role="status">
                    <span>{ format!("{}: {done} of {total} tasks", mode.title()) }</span>
                    <progress max={total.to_string()} value={done.to_string()}
                        aria-label={format!("{} progress", mode.title())}></progress>
                </div>
            }),
        ),
        Activity::Sweeping { mode, workers } => (
            true,
            Some(
                html! { <div class="progress" role="status">{ format!("Sweep: {} with {workers} workers…", mode.title()) }</div> },
            ),
        ),
        Activity::MeasuringCores => (
            false,
            Some(html! { <div class="progress" role="status">{ "Counting cores…" }</div> }),
        ),
        // The locks lab has its own run bar.
        Activity::Idle | Activity::Locks(_) => (false, None),
    };
    let label = if long {
        format!("Run anyway (about {})", rough_duration(estimate_ms))
    } else {
        "Run".to_owned()
    };
    html! {
        <div class="run-bar">
            <div class="buttons">
                <button id="run" class="primary" onclick={run} disabled={!state.can_run()}>{ label }</button>
                <button id="cancel" onclick={cancel} disabled={!cancellable}>{ "Cancel" }</button>
                <span class="estimate">{ format!("Expected: about {}", rough_duration(estimate_ms)) }</span>
            </div>
            if long && !state.busy() {
                <p class="warning" role="note">{ text::long_run_warning(&rough_duration(estimate_ms)) }</p>
            }
            if !state.errors.is_empty() {
                <p class="error" role="note">{ "Fix the settings marked in red to run." }</p>
            }
            { for progress }
            if let Some(message) = &state.run_message { <p class="run-message" role="status">{ message }</p> }
            <Permalink />
            if !state.flags.embed { <EmbedBox /> }
        </div>
    }
}

/// The link that reproduces these settings, and a button that copies it.
#[component]
#[optimize(size)]
fn Permalink() -> Html {
    let app = use_app();
    let with_run = use_state(|| false);
    let flags = PageFlags {
        run: *with_run,
        embed: false,
    };
    let link = page::link(&app.state.settings, flags);
    let toggle = {
        let with_run = with_run.clone();
        move |_| with_run.set(!*with_run)
    };
    html! {
        <div class="permalink">
            <CopyButton id="copy-link" text={link.clone()} label="Copy link" what="link" />
            <label><input type="checkbox" checked={*with_run} onchange={toggle} />{ " start the run when opened" }</label>
            <input class="link" readonly=true value={link} aria-label="Link to these settings" />
        </div>
    }
}
