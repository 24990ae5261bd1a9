//! The program form's interpreters: each a module worker (`python/program.js`) handed Pyodide's
//! compiled module and the page's snapshot of a started interpreter at once, whose messages and
//! failures go to whichever run adopts it (held until then). While the form is open the page
//! keeps some ready ([`keep_ready`]: as many as the browser reports cores, at most
//! [`MOST_READY`]), so that a run's main process and its first children start on an
//! interpreter that has already started Python; a run takes them ([`take`]) and starts fresh
//! ones when none is left.

use super::module_worker::{ModuleWorker, spawn_module_worker};
use super::python_shared::pyodide_module;
use super::python_snapshot;
use super::python_workers::asset;
use js_sys::{Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The most interpreters kept ready.
pub const MOST_READY: usize = 4;

type OnMessage = Box<dyn FnMut(JsValue)>;
type OnError = Box<dyn FnMut(String)>;

/// Where an interpreter's messages and failures go: to its run, or held until one adopts it.
#[derive(Default)]
struct Route {
    message: Option<OnMessage>,
    error: Option<OnError>,
    held: Vec<JsValue>,
    failed: Option<String>,
}

/// An interpreter's worker, ended when dropped.
pub struct Interpreter {
    worker: ModuleWorker,
    route: Rc<RefCell<Route>>,
}

impl Interpreter {
    /// Starts one, handing it Pyodide's compiled `module` and the page's `snapshot` of a
    /// started interpreter (either may be null).
    ///
    /// # Errors
    /// If the browser would not start its worker.
    pub fn start(module: &JsValue, snapshot: &JsValue) -> Result<Self, String> {
        let route = Rc::new(RefCell::new(Route::default()));
        let failures = route.clone();
        let mut worker = spawn_module_worker(
            &asset("python/program.js")?,
            "worker",
            "the program's worker stopped with an error (could its files not load?)",
            move |error| {
                let mut route = failures.borrow_mut();
                match route.error.as_mut() {
                    Some(on_error) => on_error(error),
                    None => route.failed = Some(error),
                }
            },
        )?;
        let messages = route.clone();
        worker.on_message(move |event: web_sys::MessageEvent| {
            let mut route = messages.borrow_mut();
            match route.message.as_mut() {
                Some(on_message) => on_message(event.data()),
                None => route.held.push(event.data()),
            }
        });
        let first = Object::new();
        let _ = Reflect::set(&first, &JsValue::from_str("module"), module);
        let _ = Reflect::set(&first, &JsValue::from_str("snapshot"), snapshot);
        worker.post(&first)?;
        ALIVE.with(|alive| alive.set(alive.get() + 1));
        Ok(Interpreter { worker, route })
    }

    /// Sends its messages and failures, those held first, to a run.
    pub fn adopt(&self, mut on_message: OnMessage, mut on_error: OnError) {
        let (held, failed) = {
            let mut route = self.route.borrow_mut();
            (std::mem::take(&mut route.held), route.failed.take())
        };
        for message in held {
            on_message(message);
        }
        if let Some(error) = failed {
            on_error(error);
        }
        let mut route = self.route.borrow_mut();
        route.message = Some(on_message);
        route.error = Some(on_error);
    }

    /// Posts `message` to it.
    ///
    /// # Errors
    /// What the browser said, when it cannot clone the message.
    pub fn post(&self, message: &JsValue) -> Result<(), String> {
        self.worker.post(message)
    }

    /// Whether it failed before a run adopted it.
    fn failed(&self) -> bool {
        self.route.borrow().failed.is_some()
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        ALIVE.with(|alive| alive.set(alive.get().saturating_sub(1)));
    }
}

thread_local! {
    static READY: RefCell<Vec<Interpreter>> = const { RefCell::new(Vec::new()) };
    static ALIVE: Cell<usize> = const { Cell::new(0) };
}

/// How many interpreters' workers are running now: those kept ready and those of runs.
pub fn alive_count() -> usize {
    ALIVE.with(Cell::get)
}

/// An interpreter kept ready (the oldest first), if one is.
pub fn take() -> Option<Interpreter> {
    READY.with(|ready| {
        let mut ready = ready.borrow_mut();
        ready.retain(|i| !i.failed());
        (!ready.is_empty()).then(|| ready.remove(0))
    })
}

/// How many of those kept ready have started Python (said `ready`, held for a run).
pub fn warm_count() -> usize {
    READY.with(|ready| {
        ready
            .borrow()
            .iter()
            .filter(|i| !i.route.borrow().held.is_empty())
            .count()
    })
}

/// How many are kept ready now.
pub fn ready_count() -> usize {
    READY.with(|ready| ready.borrow().len())
}

/// Starts interpreters until `count` (at most [`MOST_READY`]) are kept ready.
pub async fn keep_ready(count: usize) {
    super::diagnostics::count_interpreters_with(|| [alive_count(), ready_count(), warm_count()]);
    let module = pyodide_module().await;
    // Before the page's snapshot is made, one starts the long way beside its maker, so that a
    // Run pressed at once waits for one start, not for the snapshot and then a start.
    if !python_snapshot::settled() && ready_count() == 0 && count > 0 {
        match Interpreter::start(&module, &JsValue::NULL) {
            Ok(interpreter) => READY.with(|ready| ready.borrow_mut().push(interpreter)),
            Err(_) => return,
        }
    }
    let snapshot = python_snapshot::pyodide_snapshot().await;
    let missing = count.min(MOST_READY).saturating_sub(ready_count());
    for _ in 0..missing {
        match Interpreter::start(&module, &snapshot) {
            Ok(interpreter) => READY.with(|ready| ready.borrow_mut().push(interpreter)),
            Err(_) => return,
        }
    }
}

/// Ends every interpreter kept ready (the form was left).
pub fn end_all() {
    READY.with(|ready| ready.borrow_mut().clear());
}
