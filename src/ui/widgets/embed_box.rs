//! "Embed": the `<iframe>` snippet that puts the playground, with the current settings, in a
//! course page, and what each browser gets inside it: threads in any course page where
//! Document-Isolation-Policy is supported, elsewhere only in a course page that is isolated.

use super::copy_button::CopyButton;
use crate::settings::query::{PageFlags, to_query};
use crate::ui::lab::text;
use crate::ui::shell::context::use_app;
use crate::web::page;
use yew::prelude::*;

/// The iframe that embeds the playground at `address` with `query` in the compact view.
pub fn snippet(address: &str, query: &str) -> String {
    format!(
        "<iframe src=\"{address}?{query}\" title=\"Concurrency Playground\" width=\"100%\" height=\"800\" \
         style=\"border:0\" allow=\"cross-origin-isolated; clipboard-write\" loading=\"lazy\"></iframe>"
    )
}

/// What to embed: the current settings in the lab, or a lesson's query (with `embed=1`).
#[derive(Properties, PartialEq, Default)]
pub struct EmbedProps {
    /// The query to embed, instead of the lab's settings.
    #[prop_or_default]
    pub query: Option<AttrValue>,
}

/// The Embed button and, when open, the snippet with its notes.
#[component]
#[optimize(size)]
pub fn EmbedBox(props: &EmbedProps) -> Html {
    let app = use_app();
    let open = use_state(|| false);
    let query = props.query.as_ref().map_or_else(
        || {
            to_query(
                &app.state.settings,
                PageFlags {
                    run: false,
                    embed: true,
                },
            )
        },
        |q| q.to_string(),
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
                    <label for="embed-code">{ text::EMBED_INTRO }</label>
                    <textarea id="embed-code" readonly=true rows="3" value={code.clone()} />
                    <div class="buttons"><CopyButton text={code.clone()} label="Copy the code" what="code" /></div>
                    <p class="explain">{ "What students get depends on their browser:" }</p>
                    <ul class="explain">
                        <li>{ text::EMBED_CHROMIUM }
                            <code>{ "Document-Isolation-Policy: isolate-and-require-corp" }</code>
                            { text::EMBED_CHROMIUM_AFTER }</li>
                        <li>{ text::EMBED_OTHERS }
                            <code>{ "Cross-Origin-Opener-Policy: same-origin" }</code>{ " and " }
                            <code>{ "Cross-Origin-Embedder-Policy: require-corp" }</code>
                            { ", this playground's host sends them with " }
                            <code>{ "Cross-Origin-Resource-Policy: cross-origin" }</code>
                            { ", and the iframe keeps its allow=\"cross-origin-isolated\")." }</li>
                    </ul>
                </div>
            }
        </div>
    }
}
