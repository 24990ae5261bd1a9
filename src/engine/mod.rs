//! The execution modes behind one interface. [`placement::place`] decides where a mode runs;
//! each mode runs a [`Plan`]'s tasks on its units and every unit keeps a [`UnitLog`];
//! [`assemble`] turns the logs into the mode's [`ModeResult`].
//!
//! The modes' logic is plain Rust and runs natively in tests on real threads: a blocking unit
//! ([`task`], [`sequential`]), a rayon pool with or without the GIL ([`threads`]), an event loop
//! ([`coroutines`]), the processes' parent ([`parent`]) and child ([`processes`]), and the lanes
//! of a unit's logs ([`lanes`]). `web` starts the units (Web Workers, shared memory) and carries
//! their messages; it decides nothing.

pub mod assemble;
pub mod coroutines;
pub mod fault;
pub mod lanes;
pub mod parent;
pub mod placement;
pub mod platform;
pub mod processes;
pub mod sequential;
pub mod task;
pub mod threads;
pub mod unit_log;
pub mod warm_up;

pub use assemble::{Image, ModeResult, RunLogs, assemble};
pub use fault::Fault;
pub use platform::Platform;
pub use unit_log::UnitLog;

use crate::settings::{Mode, Settings};
use crate::workloads::Plan;

/// One mode to run, as the page asks for it; every mode of a comparison gets the same plan.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRequest {
    /// Which mode.
    pub mode: Mode,
    /// The settings it runs with ([`placement::place`] reads where and how from them).
    pub settings: Settings,
    /// The tasks, fixed before the first mode runs.
    pub plan: Plan,
    /// A task to fail or panic on purpose (the test-only `fault=` of a link).
    pub fault: Option<Fault>,
}

#[cfg(test)]
pub(crate) mod tests;
