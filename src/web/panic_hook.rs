//! Panics, wherever they happen, reach people and tests. The wasm is built with panic = abort,
//! so a panic kills its thread; before it does, this hook writes the message to the console,
//! keeps it where a pool's coordinator can find it, and, in a worker, posts it to the page. On
//! the page's main thread it replaces the page with the message, since the app cannot go on.

use super::protocol::plain;
use std::sync::Mutex;
use wasm_bindgen::JsCast;

/// The last panic's message in this wasm memory (shared by a unit and its pool threads).
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Installs the hook for this wasm instance.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let what = info.payload_as_str().unwrap_or("a panic");
        let message = match info.location() {
            Some(at) => format!("{what} (at {}:{})", at.file(), at.line()),
            None => what.to_owned(),
        };
        web_sys::console::error_1(&format!("panicked: {message}").into());
        if let Ok(mut slot) = LAST_PANIC.try_lock() {
            slot.get_or_insert_with(|| message.clone());
        }
        let global = js_sys::global();
        if let Some(window) = web_sys::window() {
            show_on_page(&window, &message);
        } else if let Ok(scope) = global.dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            let _ = scope.post_message(&plain("cp-panic", &message));
        }
    }));
}

/// Takes the message of a panic in this memory, if one happened.
pub fn take_last_panic() -> Option<String> {
    LAST_PANIC.try_lock().ok().and_then(|mut slot| slot.take())
}

fn show_on_page(window: &web_sys::Window, message: &str) {
    let Some(document) = window.document() else {
        return;
    };
    let Ok(box_) = document.create_element("div") else {
        return;
    };
    box_.set_class_name("fatal");
    box_.set_attribute("role", "alert").ok();
    box_.set_text_content(Some(&format!(
        "The playground stopped because of a bug: {message}. Reload the page to start again."
    )));
    if let Some(body) = document.body() {
        body.prepend_with_node_1(&box_).ok();
    }
}
