//! The page's handle on a unit worker: starts `unit-worker.js` as a module worker, hands it the
//! app's glue and compiled wasm module, and turns everything the worker says (its messages, its
//! panic, its crash) into [`RunEvent`]s on its run's inbox. It also starts the threads of the
//! unit's pool when the unit asks (see `web::pool`). Dropping the handle terminates the worker
//! and its pool; that is how a run is cancelled.

use super::inbox::RunEvent;
use super::protocol::{FromUnit, ToUnit, from_js, message_type, to_js};
use futures_channel::mpsc::UnboundedSender;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The address of the app's wasm-bindgen glue (this module's `import.meta.url`).
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: js_sys::JsString;
}

/// The address of this module's wasm-bindgen glue, against which its workers' scripts (and
/// the views module) are found.
pub fn glue_url() -> String {
    GLUE_URL.with(|url| String::from(url))
}

/// The workers of a unit's thread pool, started by the page for the unit.
type PoolThreads = Rc<RefCell<Vec<(web_sys::Worker, Closure<dyn FnMut(web_sys::Event)>)>>>;

/// A running unit worker.
pub struct UnitHandle {
    worker: web_sys::Worker,
    pool_threads: PoolThreads,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl UnitHandle {
    /// Starts unit number `index`, called `label` on the timeline, reporting on `events`.
    ///
    /// # Errors
    /// If the browser refuses to start a worker.
    pub fn spawn(
        index: usize,
        label: &str,
        events: UnboundedSender<RunEvent>,
    ) -> Result<Self, String> {
        let glue = glue_url();
        let script = web_sys::Url::new_with_base("unit-worker.js", &glue)
            .map_err(|e| format!("{e:?}"))?
            .href();
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&script, &options)
            .map_err(|e| format!("The browser would not start a worker: {}", describe(&e)))?;
        super::diagnostics::worker_started();

        let sender = events.clone();
        let pool_threads = PoolThreads::default();
        let threads = pool_threads.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                if message_type(&data).as_deref() == Some("cp-spawn-threads") {
                    if let Err(error) = spawn_threads(&data, index, &sender, &threads) {
                        let _ = sender.unbounded_send(RunEvent::Crashed(index, error));
                    }
                    return;
                }
                let text = || {
                    js_sys::Reflect::get(&data, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_default()
                };
                let unit_event = match message_type(&data).as_deref() {
                    Some("cp-ready") => RunEvent::Ready(index),
                    Some("cp-panic") => RunEvent::Panicked(index, text()),
                    Some("cp-failed") => RunEvent::Crashed(index, text()),
                    Some("cp-msg") => match from_js::<FromUnit>(&data) {
                        Ok(message) => RunEvent::Message(index, message),
                        Err(error) => RunEvent::Crashed(index, error),
                    },
                    _ => return,
                };
                let _ = sender.unbounded_send(unit_event);
            },
        );
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let message = error_message(&event, "the worker stopped with an error");
            let _ = events.unbounded_send(RunEvent::Crashed(index, message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        let init = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| {
            js_sys::Reflect::set(&init, &key.into(), value)
                .expect("a plain object takes properties");
        };
        set("type", &"cp-init".into());
        set("glue", &glue.into());
        set("module", &wasm_bindgen::module());
        set("label", &label.into());
        if let Err(e) = worker.post_message(&init) {
            worker.terminate();
            super::diagnostics::worker_ended();
            return Err(format!("The worker could not be started: {}", describe(&e)));
        }
        Ok(UnitHandle {
            worker,
            pool_threads,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a message.
    pub fn send(&self, message: &ToUnit) {
        // Posting to a live worker only fails for uncloneable data, and bytes always clone.
        self.worker
            .post_message(&to_js(message))
            .expect("bytes can be posted");
    }
}

impl Drop for UnitHandle {
    fn drop(&mut self) {
        self.worker.terminate();
        super::diagnostics::worker_ended();
        for (thread, _) in self.pool_threads.borrow().iter() {
            thread.terminate();
            super::diagnostics::worker_ended();
        }
    }
}

/// Starts the pool threads unit `index` asked for (see `web::pool`): one worker per pointer,
/// each handed the module, the unit's memory and its pointer. A thread that dies is reported as
/// the unit's crash, since its pool cannot finish without it.
fn spawn_threads(
    request: &JsValue,
    index: usize,
    events: &UnboundedSender<RunEvent>,
    threads: &PoolThreads,
) -> Result<(), String> {
    let get = |key: &str| js_sys::Reflect::get(request, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let glue = glue_url();
    let script = web_sys::Url::new_with_base("pool-thread.js", &glue)
        .map_err(|e| describe(&e))?
        .href();
    let pointers: js_sys::Array = get("threads")
        .dyn_into()
        .map_err(|_| "a pool request had no threads".to_owned())?;
    for pointer in pointers.iter() {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&script, &options)
            .map_err(|e| format!("The browser would not start a thread: {}", describe(&e)))?;
        super::diagnostics::worker_started();
        let sender = events.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let why = format!(
                "a thread of the pool stopped: {}",
                error_message(&event, "it failed")
            );
            let _ = sender.unbounded_send(RunEvent::Crashed(index, why));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        for (key, value) in [
            ("type", JsValue::from("cp-pool-init")),
            ("glue", JsValue::from(glue.as_str())),
            ("module", wasm_bindgen::module()),
            ("memory", get("memory")),
            ("thread", pointer),
        ] {
            js_sys::Reflect::set(&init, &key.into(), &value)
                .expect("a plain object takes properties");
        }
        // Pushed first, so that the unit's drop terminates it even if it never starts.
        let posted = worker.post_message(&init);
        threads.borrow_mut().push((worker, on_error));
        posted.map_err(|e| describe(&e))?;
    }
    Ok(())
}

/// The message of a worker's `error` event: an `ErrorEvent`'s, or `fallback` for the plain
/// `Event` a browser fires when it cannot load a worker's script at all.
pub(crate) fn error_message(event: &web_sys::Event, fallback: &str) -> String {
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
