//! The execution modes behind one interface. Each mode runs a [`Plan`]'s tasks on its units
//! and every unit keeps a [`UnitLog`]; [`assemble`] turns the logs into the run's record.
//!
//! The modes' logic is plain Rust and runs natively in tests on real threads: a blocking unit
//! ([`task`], [`sequential`]), a rayon pool with or without the GIL ([`threads`]), an event loop
//! ([`coroutines`]) and the parent/child halves of processes ([`processes`]). Where the units
//! live (Web Workers, shared memory, messages) is the business of `web::`.

pub mod assemble;
pub mod coroutines;
pub mod fault;
pub mod platform;
pub mod processes;
pub mod sequential;
pub mod task;
pub mod threads;
pub mod unit_log;

pub use assemble::{Image, ModeOutcome, assemble};
pub use fault::Fault;
pub use platform::Platform;
pub use unit_log::UnitLog;

use crate::settings::{Mode, Settings};
use crate::workloads::Plan;
use serde::{Deserialize, Serialize};

/// Everything a unit needs to run its part of a mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The mode.
    pub mode: Mode,
    /// The settings (workers, GIL, yields).
    pub settings: Settings,
    /// The tasks.
    pub plan: Plan,
    /// A fault to inject, for tests.
    pub fault: Option<Fault>,
}

#[cfg(test)]
mod tests;
