//! What the engine needs from wherever it runs: a clock shared by every unit and a way to
//! block for an IO wait. Natively these are `std`'s; in the browser, `web::platform` provides
//! `performance.timeOrigin + performance.now()` and an atomic wait (or, on the page's main
//! thread, where waiting is forbidden, a busy loop).

/// A clock and a sleep.
pub trait Platform: Sync {
    /// The current time in ms on a clock that all units of a run share.
    fn now_ms(&self) -> f64;
    /// Blocks the calling unit for `ms` milliseconds.
    fn sleep_ms(&self, ms: f64);
}

/// `std`'s clock and sleep, for native tests and benchmarks.
#[derive(Debug)]
pub struct NativePlatform {
    start: std::time::Instant,
}

impl NativePlatform {
    /// A clock whose 0 is now.
    pub fn new() -> Self {
        NativePlatform {
            start: std::time::Instant::now(),
        }
    }
}

impl Default for NativePlatform {
    fn default() -> Self {
        Self::new()
    }
}

impl Platform for NativePlatform {
    fn now_ms(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }

    fn sleep_ms(&self, ms: f64) {
        std::thread::sleep(std::time::Duration::from_secs_f64(ms.max(0.0) / 1000.0));
    }
}

/// A [`Platform`]'s clock as the GIL's clock, so that its waiters measure the switch interval
/// where `std` has no clock (the browser).
#[derive(Debug, Clone, Copy)]
pub struct PlatformClock<P>(pub P);

impl<P: Platform + Send + std::fmt::Debug> crate::model::gil::GilClock for PlatformClock<P> {
    fn now(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.0.now_ms().max(0.0) / 1000.0)
    }
}

/// The finest step of a clock, found by reading it until it changes a few times (ms). With a
/// coarse clock (1 ms) this takes a few ms.
pub fn timer_resolution_ms(now_ms: impl Fn() -> f64) -> f64 {
    let mut finest = f64::INFINITY;
    let mut last = now_ms();
    let mut changes = 0;
    let mut reads = 0u32;
    while changes < 5 && reads < 2_000_000 {
        let t = now_ms();
        reads += 1;
        if t > last {
            finest = finest.min(t - last);
            changes += 1;
            last = t;
        }
    }
    finest
}
