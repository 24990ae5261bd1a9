//! The clock the GIL's waiters read: the machine's monotonic clock in the modes, or a clock
//! that a test sets by hand, so that "a whole switch interval has passed" is decided exactly.

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;

/// Where the GIL reads the time.
pub trait GilClock: Send + Sync + Debug {
    /// The time since this clock's origin.
    fn now(&self) -> Duration;

    /// How long a waiter sleeps before it reads the clock again, when `remaining` is left of its
    /// interval. The real clock sleeps it all (a release wakes the waiter early anyway).
    fn sleep_slice(&self, remaining: Duration) -> Duration {
        remaining
    }
}

/// The machine's monotonic clock, from when the lock was made (native only: `std` has no clock
/// in the browser).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct RealClock(Instant);

#[cfg(not(target_arch = "wasm32"))]
impl RealClock {
    /// A clock whose origin is now.
    pub fn new() -> Self {
        RealClock(Instant::now())
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Default for RealClock {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl GilClock for RealClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// A clock that stands still until it is set; waiters look at it every 100 µs of real time.
/// Clones share one time.
#[derive(Debug, Clone, Default)]
pub struct ManualClock(std::sync::Arc<AtomicU64>);

impl ManualClock {
    /// Sets the time to `micros` microseconds after the origin.
    pub fn set_us(&self, micros: u64) {
        self.0.store(micros, Ordering::Release);
    }
}

impl GilClock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_micros(self.0.load(Ordering::Acquire))
    }

    fn sleep_slice(&self, _remaining: Duration) -> Duration {
        Duration::from_micros(100)
    }
}
