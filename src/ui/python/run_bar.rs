//! The Python lab's run bar: Run and Cancel, what the run is doing, how it ended, and the link
//! to this code and these settings.

use super::state::use_py_lab;
use super::text;
use crate::ui::widgets::copy_button::CopyButton;
use yew::prelude::*;

/// Run, Cancel, the progress, the message and the link.
#[component]
pub fn PyRunBar() -> Html {
    let lab = use_py_lab();
    let state = &lab.state;
    let run = {
        let lab = lab.clone();
        move |_| lab.run()
    };
    let cancel = {
        let controls = lab.controls.clone();
        move |_| controls.cancel()
    };
    html! {
        <div class="run-bar">
            <div class="buttons">
                <button id="run" class="primary" onclick={run} disabled={!state.can_run()}>{ "Run" }</button>
                <button id="cancel" onclick={cancel} disabled={state.running.is_none()}>{ "Cancel" }</button>
            </div>
            if let Some(status) = &state.status { <div class="progress" role="status">{ status }</div> }
            if let Some(message) = &state.message { <p class="run-message" role="status">{ message }</p> }
            <div class="permalink">
                { match &state.link {
                    Some(Ok(address)) => html! {
                        <>
                            <CopyButton id="copy-link" text={address.clone()} label="Copy link" what="link" />
                            <input class="link" readonly=true value={address.clone()} aria-label={text::LINK_LABEL} />
                        </>
                    },
                    Some(Err(why)) => html! { <p class="note" role="note">{ why }</p> },
                    None => html! {},
                } }
            </div>
        </div>
    }
}
