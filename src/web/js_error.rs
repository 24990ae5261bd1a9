//! What the browser's errors say, as text: a thrown JS value and a worker's `error` event.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// The message of a worker's `error` event: an `ErrorEvent`'s, or `fallback` for the plain
/// `Event` a browser fires when it cannot load a worker's script at all.
pub fn error_message(event: &web_sys::Event, fallback: &str) -> String {
    event
        .dyn_ref::<web_sys::ErrorEvent>()
        .map(web_sys::ErrorEvent::message)
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| fallback.to_owned())
}

/// A JS error's message.
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
