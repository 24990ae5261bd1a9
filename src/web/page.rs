//! The page itself: its URL query, the browser's name, the clipboard, and waiting for the next
//! animation frame.

use crate::settings::Settings;
use crate::settings::query::{PageFlags, to_query};
use wasm_bindgen::JsCast;

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

/// Whether the page's tests have switched on faults injected by links (local storage holds
/// `app::faults::SWITCH` = `1`). False where storage is refused.
pub fn test_faults_switched_on() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(crate::app::faults::SWITCH).ok().flatten())
        .as_deref()
        == Some("1")
}

/// The URL's query, with its `?`.
pub fn query() -> String {
    window().location().search().unwrap_or_default()
}

/// The page's address without its query.
pub fn address_without_query() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// This page's address with the query that reproduces these settings.
pub fn link(settings: &Settings, flags: PageFlags) -> String {
    format!("{}?{}", address_without_query(), to_query(settings, flags))
}

/// Puts the link to these settings in the address bar (no reload, no history entry).
pub fn show_link(settings: &Settings, flags: PageFlags) {
    let url = link(settings, flags);
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Puts this query in the address bar (no reload, no history entry).
pub fn show_query(query: &str) {
    let url = format!("{}?{query}", address_without_query());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// `navigator.userAgent`.
pub fn user_agent() -> String {
    window().navigator().user_agent().unwrap_or_default()
}

/// Copies text to the clipboard; false if the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Resolves at the next animation frame.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(resolve.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Keeps `text` for this tab under `key` (session storage), for the next page this tab opens;
/// false where storage is refused.
pub fn keep_in_tab(key: &str, text: &str) -> bool {
    let storage = window().session_storage().ok().flatten();
    storage.is_some_and(|s| s.set_item(key, text).is_ok())
}

/// What [`keep_in_tab`] kept under `key` in this tab, if anything (kept for a reload).
pub fn kept_in_tab(key: &str) -> Option<String> {
    let storage = window().session_storage().ok().flatten()?;
    storage.get_item(key).ok().flatten()
}

/// Offers `text` as a file download called `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = window().document().expect("a window has a document");
    if let Ok(anchor) = document.create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The attribute `name` of the first element `selector` matches.
pub fn attribute(selector: &str, name: &str) -> Option<String> {
    window()
        .document()?
        .query_selector(selector)
        .ok()??
        .get_attribute(name)
}

/// Whether the visitor asked for reduced motion (`prefers-reduced-motion: reduce`).
pub fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion:reduce)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

/// Leaves a measure named `name` on the page's performance timeline, from the last mark named
/// `since` to now (read by the benchmark), and clears the marks.
pub fn measure_since_mark(name: &str, since: &str) {
    if let Ok(performance) = js_sys::Reflect::get(&js_sys::global(), &"performance".into()) {
        let performance: web_sys::Performance = performance.unchecked_into();
        let _ = performance.measure_with_str(name, since);
        performance.clear_marks_with_mark_name(since);
    }
}

/// Leaves a mark on the page's performance timeline (read by the benchmark).
pub fn mark(name: &str) {
    if let Ok(performance) = js_sys::Reflect::get(&js_sys::global(), &"performance".into()) {
        let performance: web_sys::Performance = performance.unchecked_into();
        let _ = performance.mark(name);
    }
}

/// The text of a file beside the page (a lessons file, a GPU kernel), or what went wrong.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().ok_or("no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| "the network refused")?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "unreadable")?;
    wasm_bindgen_futures::JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "unreadable".to_owned())
}
