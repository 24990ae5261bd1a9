//! The program form's run bar: Run and Cancel, how the last run ended (from its record), the
//! link to this program, and the record's download.

use super::state::use_program_form;
use crate::ui::widgets::copy_button::CopyButton;
use crate::web::page;
use yew::prelude::*;

/// Run, Cancel, the message, the link and the download.
#[component]
pub fn ProgramRunBar() -> Html {
    let form = use_program_form();
    let state = &form.state;
    let run = {
        let form = form.clone();
        move |_| form.run()
    };
    let cancel = {
        let controls = form.controls.clone();
        move |_| controls.cancel()
    };
    let download = state.last.clone().map(|record| {
        move |_| page::download("program-run.json", "application/json", &record.to_json())
    });
    html! {
        <div class="run-bar">
            <div class="buttons">
                <button id="run" class="primary" onclick={run} disabled={!state.can_run()}>{ "Run" }</button>
                <button id="cancel" onclick={cancel} disabled={state.running.is_none()}>{ "Cancel" }</button>
                if let Some(download) = download {
                    <button id="program-download" onclick={download}>{ "Download this run (JSON)" }</button>
                }
            </div>
            if state.running.is_some() {
                <div class="progress" role="status">{ running_says(state.running.as_ref().is_some_and(|r| r.python.is_some())) }</div>
            }
            if let Some(message) = &state.message { <p id="exit-status" class="run-message" role="status">{ message }</p> }
            <div class="permalink">
                { match &state.link {
                    Some(Ok(address)) => html! {
                        <>
                            <CopyButton id="copy-link" text={address.clone()} label="Copy link" what="link" />
                            <input class="link" readonly=true value={address.clone()} aria-label="Link to this program" />
                        </>
                    },
                    Some(Err(why)) => html! { <p class="note" role="note">{ why }</p> },
                    None => html! {},
                } }
            </div>
        </div>
    }
}

/// What the run is doing: starting its interpreter, or running.
fn running_says(ready: bool) -> &'static str {
    if ready {
        "Running…"
    } else {
        "Starting a fresh Python interpreter in its own worker…"
    }
}
