//! What the program form's processes share: the process table on shared memory (each
//! process's state and exit code, which `join` waits on with `Atomics.wait`; the page marks
//! each end and wakes the joiners), and Pyodide's WebAssembly module, compiled once per page and
//! handed to every process's worker.

use super::isolation;
use super::python_workers::asset;
use js_sys::{Atomics, Int32Array, Reflect, SharedArrayBuffer};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

/// The process table's slots: pids 2 and up are children (slot 0 counts them).
const TABLE_SLOTS: u32 = 1024;

#[wasm_bindgen(inline_js = r#"
export function cp_pyodide_module(url) {
  globalThis.__cpPyodideModule ??= WebAssembly.compileStreaming(fetch(url)).catch(() => null);
  return globalThis.__cpPyodideModule;
}
"#)]
extern "C" {
    fn cp_pyodide_module(url: &str) -> js_sys::Promise;
}

/// Pyodide's WebAssembly module, compiled once for the page (by the browser, off the main
/// thread), or null where it could not be.
pub async fn pyodide_module() -> JsValue {
    match asset("python/pyodide/pyodide.asm.wasm") {
        Ok(url) => JsFuture::from(cp_pyodide_module(&url))
            .await
            .unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}

/// A fresh process table on shared memory, the main process (pid 1) running and the next pid
/// 2, or `None` where the page has no shared memory (then no process can be started).
pub fn new_table() -> Option<Int32Array> {
    let shared = Reflect::has(&js_sys::global(), &JsValue::from_str("SharedArrayBuffer"));
    if !isolation::cross_origin_isolated() || shared != Ok(true) {
        return None;
    }
    let table = Int32Array::new(&SharedArrayBuffer::new(TABLE_SLOTS * 8));
    table.set_index(0, 2);
    table.set_index(2, 1);
    Some(table)
}

/// Marks process `pid` ended with `code` in `table`, once, and wakes its joiners.
pub fn mark_ended(table: Option<&Int32Array>, pid: u32, code: i32) {
    let Some(table) = table else { return };
    if pid >= TABLE_SLOTS {
        return;
    }
    let _ = Atomics::store(table, 2 * pid + 1, code);
    if Atomics::compare_exchange(table, 2 * pid, 1, 2) == Ok(1) {
        let _ = Atomics::sub(table, 1, 1);
    }
    let _ = Atomics::notify(table, 2 * pid);
}
