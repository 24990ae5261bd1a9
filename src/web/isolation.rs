//! What this browser context allows: cross-origin isolation (and so shared memory between
//! workers, which the Threads modes need), workers at all, and the cores it reports. Decided
//! from the browser's own flags before anything is tried.

use wasm_bindgen::JsValue;

fn global_flag(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `self.crossOriginIsolated`.
pub fn cross_origin_isolated() -> bool {
    global_flag("crossOriginIsolated")
        .as_bool()
        .unwrap_or(false)
}

/// Whether workers can share this page's memory: isolated, and `SharedArrayBuffer` exposed.
pub fn shared_memory_available() -> bool {
    cross_origin_isolated() && !global_flag("SharedArrayBuffer").is_undefined()
}

/// Whether this context may start Web Workers at all: a sandboxed frame without
/// `allow-same-origin` runs in an opaque origin ("null"), from which browsers refuse to start a
/// worker from the page's own files.
pub fn workers_available() -> bool {
    !global_flag("Worker").is_undefined()
        && global_flag("origin").as_string().as_deref() != Some("null")
}

/// Whether the page is inside a frame of another page.
pub fn in_frame() -> bool {
    web_sys::window().is_some_and(|w| w.top().ok().flatten().is_none_or(|top| top != w))
}

/// `navigator.hardwareConcurrency`, at least 1.
pub fn cores_reported() -> u32 {
    let navigator = global_flag("navigator");
    js_sys::Reflect::get(&navigator, &"hardwareConcurrency".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(1, |n| n.clamp(1.0, 1024.0) as u32)
}

/// Why the Threads modes cannot run here, as one sentence, or `None` if they can.
pub fn threads_unavailable_reason() -> Option<String> {
    if !workers_available() {
        return Some(workers_unavailable_reason());
    }
    if shared_memory_available() {
        return None;
    }
    Some(if in_frame() {
        let user_agent = crate::web::page::user_agent();
        crate::model::isolation::frame_reason(
            crate::model::isolation::dip_supported(&user_agent),
            &crate::model::browser::name_from_user_agent(&user_agent),
        )
    } else {
        "Threads need memory shared between workers, which browsers allow only when the server sends the \
         cross-origin isolation headers (COOP and COEP), and this server does not."
            .into()
    })
}

/// Why no worker can start here, as one sentence.
pub fn workers_unavailable_reason() -> String {
    "This page runs in a sandboxed frame, where the browser does not let it start Web Workers; \
     only the runs on the page's own thread (main_thread=1) work here. Open it in its own tab for the rest."
        .to_owned()
}
