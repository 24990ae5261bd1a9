//! A unit's thread pool: rayon threads on Web Workers that share the unit's wasm memory.
//!
//! The unit builds the pool and asks the page to start the threads' workers (a
//! `cp-spawn-threads` message with the unit's memory and one pointer per thread; the page has
//! the glue and the module itself); the page starts them from its own thread, keeps them with
//! the unit and ends them with it ([`super::unit_handle`]). Each worker runs `www/pool-thread.js`, which instantiates the
//! module over the unit's memory and calls [`cp_pool_thread`] with its thread. Workers are not
//! started from inside the unit because in Firefox driven over WebDriver BiDi (as the tests
//! drive it) a worker's `new Worker(..)` now and then never returns, which hangs the unit: 17 of
//! 600 pool starts with wasm-bindgen-rayon (which starts its threads that way), 0 of 600 this
//! way (`scripts/bench pool-starts`; README, "The thread pool").
//!
//! The threads' clocks are not calibrated apart from the unit's: in a cross-origin isolated page
//! (the only kind that has threads), `timeOrigin + now()` in a worker agreed with the page's to
//! within 0.01 ms in Chromium and Firefox (pings between the page and four workers, 20 each).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use wasm_bindgen::prelude::*;

/// How long the pool's threads may take to start, ms.
const START_TIMEOUT_MS: f64 = 20_000.0;

/// The unit's pool (one per unit: a unit lives for one run).
static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();

/// A rayon thread waiting for its worker, and the counter it bumps when it starts.
struct Start {
    thread: rayon::ThreadBuilder,
    started: Arc<AtomicU32>,
}

/// The entry of a pool thread, called by `www/pool-thread.js` with the pointer it was given.
///
/// # Safety
/// `start` must be one of the pointers [`start_pool`] sent, used once.
#[wasm_bindgen]
pub unsafe fn cp_pool_thread(start: usize) {
    super::panic_hook::install();
    // SAFETY: `start_pool` leaked this box for exactly one worker, which takes it back here.
    let start = unsafe { Box::from_raw(start as *mut Start) };
    start.started.fetch_add(1, Ordering::AcqRel);
    start.thread.run();
}

/// Builds the unit's rayon pool with `threads` threads, has the page start their workers, and
/// resolves once every thread runs.
///
/// # Errors
/// If the pool cannot be built or its threads do not start.
pub async fn start_pool(threads: usize) -> Result<(), String> {
    let started = Arc::new(AtomicU32::new(0));
    let waiting: Arc<Mutex<Vec<rayon::ThreadBuilder>>> = Arc::default();
    let queue = waiting.clone();
    // Not `build_global`: it waits for the threads to start, and they cannot start before this
    // worker has sent their pointers. The handler only queues them.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .spawn_handler(move |thread| {
            queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(thread);
            Ok(())
        })
        .build()
        .map_err(|e| format!("The thread pool could not be built: {e}"))?;
    POOL.set(pool)
        .map_err(|_| "This unit already has a thread pool.".to_owned())?;
    let pointers = js_sys::Array::new();
    for thread in std::mem::take(&mut *waiting.lock().unwrap_or_else(PoisonError::into_inner)) {
        let start = Box::new(Start {
            thread,
            started: started.clone(),
        });
        pointers.push(&JsValue::from(Box::into_raw(start) as usize as f64));
    }
    let request = js_sys::Object::new();
    for (key, value) in [
        ("type", JsValue::from("cp-spawn-threads")),
        ("memory", wasm_bindgen::memory()),
        ("threads", pointers.into()),
    ] {
        js_sys::Reflect::set(&request, &key.into(), &value)
            .expect("a plain object takes properties");
    }
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope
        .post_message(&request)
        .map_err(|e| super::js_error::describe(&e))?;
    let deadline = super::platform::now_ms() + START_TIMEOUT_MS;
    while (started.load(Ordering::Acquire) as usize) < threads {
        if super::platform::now_ms() > deadline {
            return Err(format!(
                "Only {} of the pool's {threads} threads started in this browser.",
                started.load(Ordering::Acquire)
            ));
        }
        gloo_timers::future::TimeoutFuture::new(1).await;
    }
    Ok(())
}

/// Runs `job` on the unit's pool, without waiting for it.
///
/// # Panics
/// If the pool was not started.
pub fn spawn(job: impl FnOnce() + Send + 'static) {
    POOL.get()
        .expect("the pool is started before a run")
        .spawn(job);
}
