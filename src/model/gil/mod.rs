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
//! Threads are numbered by the caller (for a pool: the thread's index).

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
}

/// A thread's view of the GIL: its number and its step count since the last check.
#[derive(Debug)]
pub struct GilHolder<'a> {
    gil: &'a Gil,
    me: usize,
    steps: u32,
}

impl Gil {
    /// A free lock. `switch_ms` applies to the new GIL, `ticks` to the old one.
    pub fn new(version: GilVersion, switch_ms: f64, ticks: u32) -> Self {
        Gil {
            version,
            interval: Duration::from_secs_f64(switch_ms.max(0.001) / 1000.0),
            ticks: ticks.max(1),
            state: Mutex::new(State {
                locked: false,
                holder: NOBODY,
                switches: 0,
                waiters: 0,
            }),
            released: Condvar::new(),
            switched: Condvar::new(),
            drop_request: AtomicBool::new(false),
        }
    }

    /// How many times the lock passed from one thread to another.
    pub fn switches(&self) -> u64 {
        self.lock_state().switches
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
            while state.locked {
                match self.version {
                    GilVersion::New => {
                        let seen = state.switches;
                        let (next, wait) = self
                            .released
                            .wait_timeout(state, self.interval)
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        state = next;
                        // Waited a whole interval and nobody else got the lock: ask for it.
                        if wait.timed_out() && state.locked && state.switches == seen {
                            self.drop_request.store(true, Ordering::Release);
                        }
                    }
                    GilVersion::Old => {
                        state = self
                            .released
                            .wait(state)
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                    }
                }
            }
            state.waiters -= 1;
        }
        state.locked = true;
        if state.holder != me {
            if state.holder != NOBODY {
                state.switches += 1;
            }
            state.holder = me;
            self.switched.notify_all();
        }
        // Whoever asked, the lock has now been taken: the request is answered.
        self.drop_request.store(false, Ordering::Release);
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
