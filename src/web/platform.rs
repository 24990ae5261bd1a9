//! The engine's clock and sleep in the browser. The clock is `performance.timeOrigin +
//! performance.now()`, the same wall-clock base in every worker; a worker's small disagreement
//! with the page is measured by `web::inbox` (`Inbox::clock_offset`) and subtracted. A worker sleeps with an atomic
//! wait; the page's main thread may not wait, so there an IO wait is a busy loop (only in the
//! announced main-thread runs, which are meant to freeze the page).

use crate::engine::Platform;
use wasm_bindgen::JsCast;

thread_local! {
    static PERFORMANCE: web_sys::Performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .expect("every browser context has performance")
        .unchecked_into();
}

thread_local! {
    static RESOLUTION: f64 = crate::engine::platform::timer_resolution_ms(now_ms);
}

/// The finest step of this context's clock, measured once, ms.
pub fn resolution_ms() -> f64 {
    RESOLUTION.with(|r| *r)
}

/// `performance.timeOrigin + performance.now()` in this context, ms.
pub fn now_ms() -> f64 {
    PERFORMANCE.with(|p| p.time_origin() + p.now())
}

/// The browser's clock and sleep, for a worker or for the page's main thread.
#[derive(Debug, Clone, Copy)]
pub struct WebPlatform {
    /// Whether this runs on the page's main thread (which may not block in a wait).
    pub main_thread: bool,
}

impl Platform for WebPlatform {
    fn now_ms(&self) -> f64 {
        now_ms()
    }

    fn sleep_ms(&self, ms: f64) {
        if ms <= 0.0 {
            return;
        }
        if self.main_thread {
            let until = now_ms() + ms;
            while now_ms() < until {
                std::hint::spin_loop();
            }
        } else {
            std::thread::sleep(std::time::Duration::from_secs_f64(ms / 1000.0));
        }
    }
}
