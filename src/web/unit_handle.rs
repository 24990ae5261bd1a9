//! The page's handle on a unit worker: starts `unit-worker.js` as a module worker, hands it the
//! app's glue and compiled wasm module, and turns everything the worker says (its messages, its
//! panic, its crash) into [`RunEvent`]s on its run's inbox. It also starts the threads of the
//! unit's pool when the unit asks (see `web::pool`). Dropping the handle terminates the worker
//! and its pool; that is how a run is cancelled. The worker itself is started as every worker
//! is, by `web::module_worker`.

use super::inbox::{Inbox, RunError, RunEvent};
use super::js_error::describe;
use super::module_worker::{ModuleWorker, spawn_module_worker};
use super::platform::{now_ms, resolution_ms};
use super::protocol::{FromUnit, ToUnit, from_js, message_type, to_js};
use crate::model::clock::{Ping, offset};
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
type PoolThreads = Rc<RefCell<Vec<ModuleWorker>>>;

/// A running unit worker. Dropping it ends the unit, then its pool's threads.
pub struct UnitHandle {
    worker: ModuleWorker,
    _pool_threads: PoolThreads,
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
        let crashed = events.clone();
        let mut worker = spawn_module_worker(
            &script,
            "worker",
            "the worker stopped with an error",
            move |message| {
                let _ = crashed.unbounded_send(RunEvent::Crashed(index, message));
            },
        )?;

        let pool_threads = PoolThreads::default();
        let threads = pool_threads.clone();
        worker.on_message(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if message_type(&data).as_deref() == Some("cp-spawn-threads") {
                if let Err(error) = spawn_threads(&data, index, &events, &threads) {
                    let _ = events.unbounded_send(RunEvent::Crashed(index, error));
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
            let _ = events.unbounded_send(unit_event);
        });

        let init = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| {
            js_sys::Reflect::set(&init, &key.into(), value)
                .expect("a plain object takes properties");
        };
        set("type", &"cp-init".into());
        set("glue", &glue.into());
        set("module", &wasm_bindgen::module());
        set("label", &label.into());
        // A worker that cannot be handed its init is ended here, when `worker` is dropped.
        worker
            .post(&init)
            .map_err(|e| format!("The worker could not be started: {e}"))?;
        Ok(UnitHandle {
            worker,
            _pool_threads: pool_threads,
        })
    }

    /// Sends a message.
    pub fn send(&self, message: &ToUnit) {
        // Posting to a live worker only fails for uncloneable data, and bytes always clone.
        self.worker
            .post(&to_js(message))
            .expect("bytes can be posted");
    }

    /// How far this unit's clock is ahead of the page's, from a few pings answered on `inbox`.
    ///
    /// # Errors
    /// If the run is cancelled or a unit fails meanwhile.
    pub async fn clock_offset(&self, inbox: &mut Inbox) -> Result<f64, RunError> {
        let mut pings = Vec::new();
        for _ in 0..3 {
            let sent = now_ms();
            self.send(&ToUnit::Ping);
            loop {
                if let (_, FromUnit::Pong(remote)) = inbox.message().await? {
                    pings.push(Ping {
                        sent,
                        remote,
                        received: now_ms(),
                    });
                    break;
                }
            }
        }
        Ok(offset(&pings, resolution_ms()))
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
        let sender = events.clone();
        let worker = spawn_module_worker(&script, "thread", "it failed", move |message| {
            let why = format!("a thread of the pool stopped: {message}");
            let _ = sender.unbounded_send(RunEvent::Crashed(index, why));
        })?;
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
        let posted = worker.post(&init);
        threads.borrow_mut().push(worker);
        posted?;
    }
    Ok(())
}
