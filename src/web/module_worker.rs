//! The one way the page starts a Web Worker: a module worker from a script of the page's own
//! origin, counted in `web::diagnostics` when it starts and when it ends, its `error` event
//! turned into a sentence, and terminated when its handle is dropped (that is how a run is
//! cancelled). Unit workers, their pools' threads and the Python lab's interpreters all start
//! here; what each says in its messages is its caller's business.

use super::js_error::{describe, error_message};
use wasm_bindgen::prelude::*;

/// A running module worker, terminated when dropped.
pub struct ModuleWorker {
    worker: web_sys::Worker,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

/// Starts `script` as a module worker. `what` names it in the sentence of a refusal ("The
/// browser would not start a {what}"); `on_error` hears the message of each of its `error`
/// events (`fallback` when the browser gives none, as when the script cannot load).
///
/// # Errors
/// If the browser refuses to start it.
pub fn spawn_module_worker(
    script: &str,
    what: &str,
    fallback: &'static str,
    mut on_error: impl FnMut(String) + 'static,
) -> Result<ModuleWorker, String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(script, &options)
        .map_err(|e| format!("The browser would not start a {what}: {}", describe(&e)))?;
    super::diagnostics::worker_started();
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        on_error(error_message(&event, fallback));
    });
    worker.set_onerror(Some(handler.as_ref().unchecked_ref()));
    Ok(ModuleWorker {
        worker,
        _on_error: handler,
        on_message: None,
    })
}

impl ModuleWorker {
    /// Hands every message the worker posts to `handler` (in place of any earlier one).
    pub fn on_message(&mut self, handler: impl FnMut(web_sys::MessageEvent) + 'static) {
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(handler);
        self.worker
            .set_onmessage(Some(handler.as_ref().unchecked_ref()));
        self.on_message = Some(handler);
    }

    /// Posts `message` to the worker.
    ///
    /// # Errors
    /// What the browser said, when it cannot clone the message.
    pub fn post(&self, message: &JsValue) -> Result<(), String> {
        self.worker.post_message(message).map_err(|e| describe(&e))
    }
}

impl Drop for ModuleWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        super::diagnostics::worker_ended();
    }
}
