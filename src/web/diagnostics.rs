//! What the page can say about its own health, for the robustness suite (and anyone curious,
//! from the console: `wasmBindings.cp_diagnostics()`): how many Web Workers it has started and
//! ended (unit workers, their pools' threads and the Python lab's interpreters, counted where
//! `module_worker` starts and terminates them), and the size of the page's own wasm memory, which never shrinks. Each of
//! the page's two wasm modules keeps its own: the main module's are `wasmBindings`', the views
//! module's (once a view of it opened) `cpViewsBindings`'.

use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// Counts the program form's interpreters: running, kept ready, of those started Python.
type InterpreterCounts = fn() -> [usize; 3];

thread_local! {
    static STARTED: Cell<u32> = const { Cell::new(0) };
    static ENDED: Cell<u32> = const { Cell::new(0) };
    static PYTHON: Cell<Option<InterpreterCounts>> = const { Cell::new(None) };
}

/// The program form says how to count its interpreters (running, kept ready, of those started
/// Python) when it opens: the main module, which has no such form, then carries none of it.
pub fn count_interpreters_with(counts: InterpreterCounts) {
    PYTHON.with(|c| c.set(Some(counts)));
}

/// A worker was started.
pub fn worker_started() {
    STARTED.with(|c| c.set(c.get() + 1));
}

/// A worker was terminated.
pub fn worker_ended() {
    ENDED.with(|c| c.set(c.get() + 1));
}

/// `{ workersStarted, workersEnded, memoryBytes, pythonInterpreters, pythonReady, pythonWarm }`
/// for this page: the last three (once the program form has opened) count its interpreters
/// running now, those of them kept ready (the others belong to a run), and those of these that
/// have started Python.
#[wasm_bindgen]
pub fn cp_diagnostics() -> js_sys::Object {
    let out = js_sys::Object::new();
    let memory_bytes = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
        .and_then(|buffer| js_sys::Reflect::get(&buffer, &"byteLength".into()))
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(f64::NAN);
    for (key, value) in [
        ("workersStarted", f64::from(STARTED.with(Cell::get))),
        ("workersEnded", f64::from(ENDED.with(Cell::get))),
        ("memoryBytes", memory_bytes),
    ] {
        js_sys::Reflect::set(&out, &key.into(), &value.into())
            .expect("a plain object takes properties");
    }
    if let Some(counts) = PYTHON.with(Cell::get) {
        let names = ["pythonInterpreters", "pythonReady", "pythonWarm"];
        for (key, value) in names.into_iter().zip(counts()) {
            js_sys::Reflect::set(&out, &key.into(), &(value as f64).into())
                .expect("a plain object takes properties");
        }
    }
    out
}
