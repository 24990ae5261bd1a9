//! Pyodide's memory snapshot, made once per page: a worker (`python/program.js`, asked to make
//! one) starts Python the long way, imports what programs and the runtime use, and hands back
//! its whole memory; every interpreter started after that restores it in place of starting
//! Python again (a few hundred milliseconds, not two seconds). Where the page is cross-origin
//! isolated the snapshot sits in shared memory, so that handing it to each worker copies
//! nothing on the page's thread. Where it cannot be made (or takes longer than [`MOST_MS`]),
//! it is null and interpreters start the long way.

use super::isolation;
use super::module_worker::{ModuleWorker, spawn_module_worker};
use super::python_shared::pyodide_module;
use super::python_workers::asset;
use js_sys::{Function, Object, Promise, Reflect, SharedArrayBuffer, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The longest the page waits for a snapshot before starting interpreters without one.
const MOST_MS: u32 = 60_000;

thread_local! {
    static SNAPSHOT: RefCell<Option<Promise>> = const { RefCell::new(None) };
    static MAKER: RefCell<Option<ModuleWorker>> = const { RefCell::new(None) };
    static MADE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The snapshot if it has been made (null if not yet, or if it could not be), without waiting.
pub fn made() -> JsValue {
    MADE.with(|m| m.borrow().clone()).unwrap_or(JsValue::NULL)
}

/// Whether the page has settled its snapshot (made it, or given up).
pub fn settled() -> bool {
    MADE.with(|m| m.borrow().is_some())
}

/// The page's snapshot of a started interpreter (a `Uint8Array`), made at the first call, or
/// null where it could not be made.
pub async fn pyodide_snapshot() -> JsValue {
    let module = pyodide_module().await;
    let promise = SNAPSHOT.with(|s| s.borrow_mut().get_or_insert_with(|| make(&module)).clone());
    JsFuture::from(promise).await.unwrap_or(JsValue::NULL)
}

fn make(module: &JsValue) -> Promise {
    Promise::new(&mut |resolve: Function, _reject| {
        // Marks for `scripts/bench programs`: from asking to having the snapshot (or not).
        super::page::mark("cp-snapshot-asked");
        let done = Rc::new(move |value: &JsValue| {
            if settled() {
                return;
            }
            super::page::mark(if value.is_null() {
                "cp-snapshot-none"
            } else {
                "cp-snapshot-made"
            });
            MADE.with(|m| *m.borrow_mut() = Some(value.clone()));
            let _ = resolve.call1(&JsValue::NULL, value);
            // The maker is ended after the handler that called this has returned.
            wasm_bindgen_futures::spawn_local(async {
                MAKER.with(|m| m.borrow_mut().take());
            });
        });
        let failed = done.clone();
        let Ok(mut worker) = asset("python/program.js").and_then(|script| {
            spawn_module_worker(&script, "worker", "", move |_| failed(&JsValue::NULL))
        }) else {
            done(&JsValue::NULL);
            return;
        };
        let heard = done.clone();
        worker.on_message(move |event: web_sys::MessageEvent| {
            let snapshot = Reflect::get(&event.data(), &JsValue::from_str("snapshot"))
                .ok()
                .and_then(|s| s.dyn_into::<Uint8Array>().ok());
            heard(&snapshot.map_or(JsValue::NULL, |s| shared(&s).into()));
        });
        let first = Object::new();
        let _ = Reflect::set(&first, &JsValue::from_str("module"), module);
        let _ = Reflect::set(&first, &JsValue::from_str("makeSnapshot"), &JsValue::TRUE);
        if worker.post(&first).is_err() {
            done(&JsValue::NULL);
            return;
        }
        MAKER.with(|m| *m.borrow_mut() = Some(worker));
        let late = done.clone();
        gloo_timers::callback::Timeout::new(MOST_MS, move || late(&JsValue::NULL)).forget();
    })
}

/// `bytes` in shared memory where the page may share it, else as they are.
fn shared(bytes: &Uint8Array) -> Uint8Array {
    if !isolation::cross_origin_isolated() {
        return bytes.clone();
    }
    let copy = Uint8Array::new(&SharedArrayBuffer::new(bytes.length()));
    copy.set(bytes, 0);
    copy
}
