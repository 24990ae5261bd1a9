//! "Embed": the `<iframe>` snippet that puts the playground, with the current settings, in a
//! course page, and what the course page and the playground's host must send for the Threads
//! modes to work inside it.

use super::context::use_app;
use super::copy_button::CopyButton;
use crate::settings::query::{PageFlags, to_query};
use crate::web::page;
use yew::prelude::*;

/// The iframe that embeds the playground at `address` with `query` in the compact view.
pub fn snippet(address: &str, query: &str) -> String {
    format!(
        "<iframe src=\"{address}?{query}\" title=\"Concurrency Playground\" width=\"100%\" height=\"800\" \
         style=\"border:0\" allow=\"cross-origin-isolated; clipboard-write\" loading=\"lazy\"></iframe>"
    )
}

/// The Embed button and, when open, the snippet with its notes.
#[component]
pub fn EmbedBox() -> Html {
    let app = use_app();
    let open = use_state(|| false);
    let query = to_query(
        &app.state.settings,
        PageFlags {
            run: false,
            embed: true,
        },
    );
    let code = snippet(&page::address_without_query(), &query);
    let toggle = {
        let open = open.clone();
        move |_| open.set(!*open)
    };
    html! {
        <div class="embed-box">
            <button id="embed" onclick={toggle} aria-expanded={(*open).to_string()} aria-controls="embed-panel">{ "Embed" }</button>
            if *open {
                <div id="embed-panel" class="embed-panel">
                    <label for="embed-code">{ "Put this in your course page to embed the playground with these settings:" }</label>
                    <textarea id="embed-code" readonly=true rows="3" value={code.clone()} />
                    <div class="buttons"><CopyButton text={code.clone()} label="Copy the code" what="code" /></div>
                    <p class="explain">
                        { "Every mode but Threads works in any course page. For the two Threads modes the iframe must be cross-origin isolated, which browsers allow only when the course page itself is: it must send " }
                        <code>{ "Cross-Origin-Opener-Policy: same-origin" }</code>{ " and " }
                        <code>{ "Cross-Origin-Embedder-Policy: require-corp" }</code>
                        { ", and this playground's host must send " }
                        <code>{ "Cross-Origin-Embedder-Policy: require-corp" }</code>{ " and " }
                        <code>{ "Cross-Origin-Resource-Policy: cross-origin" }</code>
                        { " with its files (the release build's _headers file does, on hosts that read it). The iframe's allow=\"cross-origin-isolated\" passes the isolation on. Otherwise the Threads modes say why they are unavailable and offer to open the playground in its own tab." }
                    </p>
                </div>
            }
        </div>
    }
}
