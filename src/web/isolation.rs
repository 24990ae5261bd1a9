//! What this browser context allows: workers at all, cross-origin isolation, SharedArrayBuffer
//! and WebAssembly over shared memory (which the Threads modes need, decided in
//! `model::threads_support`), and the cores it reports. Found from the browser's own flags and
//! a tiny module, before anything is tried.

use crate::model::threads_support::{Offers, ThreadsSupport};
use wasm_bindgen::{JsCast, JsValue};

fn global_flag(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Resolves once `coi-register.js` has decided not to reload the page (or at once without it):
/// nothing starts a worker before, so a page about to come back isolated does no work that the
/// reload would throw away mid-way.
pub async fn reload_settled() {
    let pending = global_flag("cpIsolationSettled");
    if let Ok(promise) = pending.dyn_into::<js_sys::Promise>() {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// `self.crossOriginIsolated`.
pub fn cross_origin_isolated() -> bool {
    global_flag("crossOriginIsolated")
        .as_bool()
        .unwrap_or(false)
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

/// Whether this engine runs WebAssembly over shared memory: a tiny module that imports nothing
/// and declares a shared memory of one page validates, and such a memory can be created.
pub fn wasm_threads_available() -> bool {
    // "\0asm", version 1, a memory section with one memory: shared, at least and at most 1 page.
    const SHARED_MEMORY_MODULE: [u8; 14] = [0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 3, 1, 1];
    let bytes = js_sys::Uint8Array::from(&SHARED_MEMORY_MODULE[..]);
    if !js_sys::WebAssembly::validate(&bytes).unwrap_or(false) {
        return false;
    }
    let descriptor = js_sys::Object::new();
    for (key, value) in [
        ("initial", 1.into()),
        ("maximum", 1.into()),
        ("shared", true.into()),
    ] {
        let _ = js_sys::Reflect::set(&descriptor, &JsValue::from_str(key), &value);
    }
    js_sys::WebAssembly::Memory::new(&descriptor).is_ok_and(|memory| {
        memory
            .buffer()
            .is_instance_of::<js_sys::SharedArrayBuffer>()
    })
}

/// What this context offers the Threads modes, found from the browser's own flags.
pub fn offers() -> Offers {
    let shared_array_buffer = !global_flag("SharedArrayBuffer").is_undefined();
    Offers {
        workers: workers_available(),
        isolated: cross_origin_isolated(),
        shared_array_buffer,
        wasm_threads: shared_array_buffer && wasm_threads_available(),
        in_frame: in_frame(),
    }
}

/// Whether the Threads modes can run here, and if not, why.
pub fn threads_support() -> ThreadsSupport {
    ThreadsSupport::of(offers())
}
