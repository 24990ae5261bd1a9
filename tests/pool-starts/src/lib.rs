//! Pool starts, measured: the Rust half of the reproducer run by `scripts/bench pool-starts`.
//!
//! Each start is a fresh unit worker (`www/unit.js`) with its own instance of this module. Built
//! with the feature `crate`, the unit starts a pool of rayon threads with wasm-bindgen-rayon's
//! `initThreadPool` (its global pool; the crate starts the threads' workers from inside the
//! unit). Built without it, the unit starts the pool the way the app does today
//! (`src/web/pool.rs` and `spawn_threads` in `src/web/unit_handle.rs`): a rayon spawn handler
//! queues the threads, the unit sends one pointer per thread to the page, and the page starts
//! the threads' workers (`www/thread.js`), which call [`thread_main`]. Either way the unit then
//! runs [`run_job`] on the pool.

use rayon::prelude::*;
#[cfg(feature = "crate")]
use wasm_bindgen::prelude::*;

#[cfg(feature = "crate")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// The small job: every thread of the pool says which it is (a bit mask of thread indices), then
/// the pool sums `0..n`. Returns the sum (as a float; it is below 2^53 for the `n` used) and the
/// mask.
fn job(n: u64) -> Vec<f64> {
    let threads = rayon::broadcast(|context| 1u32 << context.index().min(31))
        .into_iter()
        .fold(0, |mask, bit| mask | bit);
    let sum: u64 = (0..n).into_par_iter().sum();
    vec![sum as f64, f64::from(threads)]
}

/// Runs the job on wasm-bindgen-rayon's global pool, blocking this unit until it is done.
#[cfg(feature = "crate")]
#[wasm_bindgen]
pub fn run_job(n: u32) -> Vec<f64> {
    job(u64::from(n))
}

#[cfg(not(feature = "crate"))]
pub use ours::{run_job, start_pool, started_threads, thread_main};

/// The app's pool, as in `src/web/pool.rs` (without its async wait, which `www/unit.js` does).
#[cfg(not(feature = "crate"))]
mod ours {
    use super::job;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::{Arc, Mutex, OnceLock, PoisonError};
    use wasm_bindgen::prelude::*;

    /// The unit's pool.
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    /// How many of the pool's threads have started.
    static STARTED: AtomicU32 = AtomicU32::new(0);

    /// Builds the pool with `threads` threads and returns what the page needs to start their
    /// workers: `{module, memory, threads: [pointer, ...]}`.
    ///
    /// # Panics
    /// If called twice in one unit.
    #[wasm_bindgen]
    pub fn start_pool(threads: usize) -> js_sys::Object {
        let waiting: Arc<Mutex<Vec<rayon::ThreadBuilder>>> = Arc::default();
        let queue = waiting.clone();
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
            .expect("the pool builds");
        assert!(POOL.set(pool).is_ok(), "one pool per unit");
        let pointers = js_sys::Array::new();
        for thread in std::mem::take(&mut *waiting.lock().unwrap_or_else(PoisonError::into_inner)) {
            pointers.push(&JsValue::from(
                Box::into_raw(Box::new(thread)) as usize as f64
            ));
        }
        let request = js_sys::Object::new();
        for (key, value) in [
            ("module", wasm_bindgen::module()),
            ("memory", wasm_bindgen::memory()),
            ("threads", pointers.into()),
        ] {
            js_sys::Reflect::set(&request, &key.into(), &value).expect("a plain object");
        }
        request
    }

    /// The entry of a pool thread, called by `www/thread.js` with the pointer it was given.
    ///
    /// # Safety
    /// `start` must be one of the pointers [`start_pool`] returned, used once.
    #[wasm_bindgen]
    pub unsafe fn thread_main(start: usize) {
        // SAFETY: `start_pool` leaked this box for exactly one thread, which takes it back here.
        let thread = unsafe { Box::from_raw(start as *mut rayon::ThreadBuilder) };
        STARTED.fetch_add(1, Ordering::AcqRel);
        thread.run();
    }

    /// How many of the pool's threads run.
    #[wasm_bindgen]
    pub fn started_threads() -> u32 {
        STARTED.load(Ordering::Acquire)
    }

    /// Runs the job on the unit's pool, blocking this unit until it is done.
    ///
    /// # Panics
    /// If the pool was not started.
    #[wasm_bindgen]
    pub fn run_job(n: u32) -> Vec<f64> {
        POOL.get()
            .expect("start_pool ran")
            .install(|| job(u64::from(n)))
    }
}
