//! Notices about the link the page was opened with: each names the setting and what was used.

use crate::ui::shell::context::use_app;
use yew::prelude::*;

/// The notices about the link, above the form; nothing when the link was used as given.
#[component]
#[optimize(size)]
pub fn Notices() -> Html {
    let app = use_app();
    let notices = &app.state.notices;
    if notices.is_empty() {
        return html! {};
    }
    html! {
        <section class="notices" role="status" aria-label="Notices about this link">
            <ul>
                for notice in notices.iter() {
                    <li data-setting={notice.setting.clone()}>{ notice.message.clone() }</li>
                }
            </ul>
        </section>
    }
}
