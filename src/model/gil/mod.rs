//! A model of CPython's Global Interpreter Lock that runs on real threads. A thread must hold
//! it to compute; it is released around IO waits.
//!
//! - [`GilVersion::New`] follows CPython 3.2+ (`Python/ceval_gil.h`): a thread that has waited
//!   longer than the switch interval without the lock changing hands sets a drop request; the
//!   holder sees it at its next step (the "eval breaker"), drops the lock, and does not take it
//!   back until another thread has had it (forced switching). A thread with no rival never
//!   switches, because nobody asks.
//! - [`GilVersion::Old`] follows Python 2: every `ticks` steps the holder releases the lock and
//!   at once tries to take it again, with no hand-over enforced, so the releasing thread usually
//!   wins and the waiters are woken for nothing.
//!
//! Threads are numbered by the caller (for a pool: the thread's index). The time a waiter has
//! waited is read from a [`GilClock`]: the real one in the modes, one that tests move by hand
//! so that the timing rules are checked exactly, without depending on the machine's speed.

mod clock;

#[cfg(not(target_arch = "wasm32"))]
pub use clock::RealClock;
pub use clock::{GilClock, ManualClock};

use crate::settings::GilVersion;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// No thread.
const NOBODY: usize = usize::MAX;

#[derive(Debug)]
struct State {
    locked: bool,
    /// The thread that took the lock last (CPython's `last_holder`).
    holder: usize,
    /// Counts changes of holder (CPython's `switch_number`).
    switches: u64,
    /// When the holder last changed, on the lock's clock.
    switched_at: Duration,
    /// Threads waiting in `acquire`.
    waiters: u32,
}

/// The lock, shared by the threads of one run.
#[derive(Debug)]
pub struct Gil {
    version: GilVersion,
    interval: Duration,
    ticks: u32,
    state: Mutex<State>,
    /// Signalled when the lock is released.
    released: Condvar,
    /// Signalled when the lock changes hands (for forced switching).
    switched: Condvar,
    /// Set by a waiter whose interval passed; read by the holder at every step.
    drop_request: AtomicBool,
    /// Where waiters read how long they have waited.
    clock: Box<dyn GilClock>,
}

/// A thread's view of the GIL: its number and its step count since the last check.
#[derive(Debug)]
pub struct GilHolder<'a> {
    gil: &'a Gil,
    me: usize,
    steps: u32,
}

impl Gil {
    /// A free lock on the machine's clock (natively; in the browser `std` has no clock, so the
    /// engine passes its own to [`Gil::with_clock`]). `switch_ms` applies to the new GIL,
    /// `ticks` to the old one.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new(version: GilVersion, switch_ms: f64, ticks: u32) -> Self {
        Self::with_clock(version, switch_ms, ticks, Box::new(RealClock::new()))
    }

    /// A free lock whose waiters read the time from `clock`.
    pub fn with_clock(
        version: GilVersion,
        switch_ms: f64,
        ticks: u32,
        clock: Box<dyn GilClock>,
    ) -> Self {
        Gil {
            version,
            interval: Duration::from_secs_f64(switch_ms.max(0.001) / 1000.0),
            ticks: ticks.max(1),
            state: Mutex::new(State {
                locked: false,
                holder: NOBODY,
                switches: 0,
                switched_at: Duration::ZERO,
                waiters: 0,
            }),
            released: Condvar::new(),
            switched: Condvar::new(),
            drop_request: AtomicBool::new(false),
            clock,
        }
    }

    /// How many times the lock passed from one thread to another.
    pub fn switches(&self) -> u64 {
        self.lock_state().switches
    }

    /// How many threads are waiting to take the lock.
    pub fn waiters(&self) -> u32 {
        self.lock_state().waiters
    }

    /// Whether a waiter has asked the holder to drop the lock (the new GIL's drop request).
    pub fn drop_requested(&self) -> bool {
        self.drop_request.load(Ordering::Acquire)
    }

    /// The thread that took the lock last, if any.
    pub fn last_holder(&self) -> Option<usize> {
        let holder = self.lock_state().holder;
        (holder != NOBODY).then_some(holder)
    }

    /// Thread `me`'s handle on the lock (which it does not hold yet).
    pub fn holder(&self, me: usize) -> GilHolder<'_> {
        GilHolder {
            gil: self,
            me,
            steps: 0,
        }
    }

    fn lock_state(&self) -> MutexGuard<'_, State> {
        // A panic while holding this mutex aborts (panic=abort), so it is never poisoned in the
        // browser; natively, recover the state rather than cascade a test failure.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// CPython's `take_gil`: waits until the lock is free and takes it.
    fn take(&self, me: usize) {
        let mut state = self.lock_state();
        if state.locked {
            state.waiters += 1;
            state = match self.version {
                GilVersion::New => self.wait_asking_for_a_switch(state),
                GilVersion::Old => self.wait_until_free(state),
            };
            state.waiters -= 1;
        }
        state.locked = true;
        if state.holder != me {
            if state.holder != NOBODY {
                state.switches += 1;
            }
            state.holder = me;
            state.switched_at = self.clock.now();
            self.switched.notify_all();
        }
        // Whoever asked, the lock has now been taken: the request is answered.
        self.drop_request.store(false, Ordering::Release);
    }

    /// The new GIL's wait: whenever a whole interval passes on the clock with the lock held and
    /// no change of holder, ask the holder to drop it (CPython's `SET_GIL_DROP_REQUEST`). A
    /// change of holder starts the interval again.
    fn wait_asking_for_a_switch<'s>(
        &'s self,
        mut state: MutexGuard<'s, State>,
    ) -> MutexGuard<'s, State> {
        let mut seen = state.switches;
        let mut since = self.clock.now();
        while state.locked {
            let now = self.clock.now();
            if state.switches != seen {
                seen = state.switches;
                since = state.switched_at;
            }
            let mut waited = now.saturating_sub(since);
            if waited >= self.interval {
                self.drop_request.store(true, Ordering::Release);
                since = now;
                waited = Duration::ZERO;
            }
            let slice = self.clock.sleep_slice(self.interval - waited);
            state = self
                .released
                .wait_timeout(state, slice)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        state
    }

    /// The old GIL's wait: until the lock is free, asking nothing of the holder.
    fn wait_until_free<'s>(&'s self, mut state: MutexGuard<'s, State>) -> MutexGuard<'s, State> {
        while state.locked {
            state = self
                .released
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        state
    }

    /// CPython's `drop_gil`. With `forced`, waits until another thread has taken the lock.
    fn drop_lock(&self, me: usize, forced: bool) {
        let mut state = self.lock_state();
        state.locked = false;
        self.released.notify_one();
        if forced {
            while state.holder == me && state.waiters > 0 {
                let (next, _) = self
                    .switched
                    .wait_timeout(state, self.interval)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                state = next;
            }
        }
    }
}

impl GilHolder<'_> {
    /// Takes the lock, waiting as long as it takes.
    pub fn acquire(&mut self) {
        self.gil.take(self.me);
        self.steps = 0;
    }

    /// Releases the lock (before an IO wait, or when the task ends).
    pub fn release(&mut self) {
        self.gil.drop_lock(self.me, false);
    }

    /// Called by the holder after each step of computation: whether it must let go of the lock
    /// now (new GIL: a waiter asked; old GIL: `ticks` steps have passed).
    pub fn should_yield(&mut self) -> bool {
        match self.gil.version {
            GilVersion::New => self.gil.drop_request.load(Ordering::Acquire),
            GilVersion::Old => {
                self.steps += 1;
                self.steps >= self.gil.ticks
            }
        }
    }

    /// Lets go of the lock and takes it back: with the new GIL only after another thread has
    /// had it; with the old one at once, if nobody grabbed it first.
    pub fn yield_lock(&mut self) {
        self.gil
            .drop_lock(self.me, self.gil.version == GilVersion::New);
        self.acquire();
    }
}

#[cfg(test)]
mod tests;
