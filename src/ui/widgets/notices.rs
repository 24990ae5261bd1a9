//! Notices about the link the page was opened with: each names the setting and what was used.

use crate::settings::query::Notice;
use crate::ui::shell::context::use_app;
use yew::prelude::*;

/// The main lab's notices about the link, above the form (from the app's state).
#[component]
#[optimize(size)]
pub fn Notices() -> Html {
    let app = use_app();
    html! { <NoticeList notices={app.state.notices.clone()} /> }
}

/// Props: the notices to show.
#[derive(Properties, PartialEq)]
pub struct NoticeListProps {
    /// One per thing in the link that was not used as given.
    pub notices: Vec<Notice>,
}

/// A list of notices about a link, each marked with the setting it names; nothing when there
/// is none. Every view's notices look so (the Python lab's come from its own state).
#[component]
#[optimize(size)]
pub fn NoticeList(props: &NoticeListProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <section class="notices" role="status" aria-label="Notices about this link">
            <ul>
                for notice in props.notices.iter() {
                    <li data-setting={notice.setting.clone()}>{ notice.message.clone() }</li>
                }
            </ul>
        </section>
    }
}
