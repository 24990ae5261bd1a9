//! The messages between the page and its unit workers. Each is a JS object
//! `{type: "cp-msg", payload: Uint8Array}` whose payload is a Rust enum serialized with
//! `postcard`; the `cp-` prefix keeps them apart from anyone else's messages (such as the
//! thread pool's own). Two plain messages need no Rust: `cp-ready` (the worker's wasm is
//! loaded) and `cp-panic` (its panic hook's last words, sent before the worker dies).

use crate::engine::Fault;
use crate::engine::placement::UnitJob;
use crate::engine::processes::{ProcessReply, decode, encode};
use crate::engine::unit_log::UnitLog;
use crate::workloads::{Calibration, TaskSpec};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// From the page to a unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToUnit {
    /// Answer with the time on your clock.
    Ping,
    /// Get ready: start a pool of this many threads (Threads modes) and warm up on this task.
    Prepare {
        /// Pool threads to start, if any.
        threads: Option<u32>,
        /// A task to warm up on.
        warm_up: Option<TaskSpec>,
    },
    /// Run every task of the plan, as `job` says (never sent to a process).
    Run {
        /// On the unit's own thread, or on its pool.
        job: UnitJob,
        /// The plan's tasks.
        tasks: Vec<TaskSpec>,
        /// A task to fail or panic on purpose, for tests.
        fault: Option<Fault>,
    },
    /// A pickled `TaskMessage` for a process.
    Task {
        /// The pickled task.
        pickled: Vec<u8>,
        /// A fault to inject, for tests.
        fault: Option<Fault>,
    },
    /// Warm up every workload, then measure the hash speed for the Mixed workload.
    Calibrate,
    /// Spin for this long and report how much was done (to count cores).
    Spin {
        /// How long to spin, ms.
        ms: f64,
    },
    /// Run the locks lab's experiment (on the pool started by `Prepare`, if it needs threads):
    /// its `LocksPlan`, encoded by `web::locks` and decoded there, in the views module's
    /// workers, so that the main module carries no code of the locks lab.
    Locks(Vec<u8>),
}

/// From a unit to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromUnit {
    /// The unit's clock now, ms.
    Pong(f64),
    /// Ready to take work: started (with its pool, if any) at `ready_at`, then warmed up
    /// until `warmed_at`, on its clock.
    Prepared {
        /// When it had started, before warming up, on its clock, ms.
        ready_at: f64,
        /// When it had warmed up, on its clock, ms (equal to `ready_at` if it did not).
        warmed_at: f64,
        /// The finest step of its clock, ms.
        resolution_ms: f64,
    },
    /// Finished tasks so far.
    Progress(u32),
    /// A whole mode's run ended: one log per unit (thread, coroutine or the worker itself).
    Finished {
        /// The logs.
        units: Vec<UnitLog>,
        /// GIL hand-overs.
        gil_switches: u64,
    },
    /// A process finished a task.
    TaskDone(ProcessReply),
    /// The calibration.
    Calibrated(Calibration),
    /// Spin iterations done.
    Spun(u64),
    /// The locks lab's experiment finished: its `LocksReport`, encoded as the plan is.
    LocksDone(Vec<u8>),
    /// The run failed (a task's error, a crashed pool thread).
    Failed(String),
}

/// The JS message carrying `message`.
pub fn to_js<T: Serialize>(message: &T) -> JsValue {
    let object = js_sys::Object::new();
    let payload = js_sys::Uint8Array::from(encode(message).as_slice());
    js_sys::Reflect::set(&object, &"type".into(), &"cp-msg".into())
        .expect("a plain object takes properties");
    js_sys::Reflect::set(&object, &"payload".into(), &payload)
        .expect("a plain object takes properties");
    object.into()
}

/// A message's `type`, if it has one.
pub fn message_type(data: &JsValue) -> Option<String> {
    js_sys::Reflect::get(data, &"type".into()).ok()?.as_string()
}

/// Reads the Rust message of a `cp-msg`.
///
/// # Errors
/// If the data is not a `cp-msg` or its payload does not decode.
pub fn from_js<T: for<'a> Deserialize<'a>>(data: &JsValue) -> Result<T, String> {
    let payload = js_sys::Reflect::get(data, &"payload".into())
        .map_err(|_| "a message had no payload".to_owned())?;
    let bytes = payload
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| "a message's payload was not bytes".to_owned())?;
    decode(&bytes.to_vec())
}

/// A plain `{type, message}` object.
pub fn plain(kind: &str, text: &str) -> JsValue {
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"type".into(), &kind.into())
        .expect("a plain object takes properties");
    js_sys::Reflect::set(&object, &"message".into(), &text.into())
        .expect("a plain object takes properties");
    object.into()
}
