//! The scheduler view's prose, kept out of its components.

/// The title.
pub const TITLE: &str = "Be the scheduler";

/// The lead under the title.
pub const LEAD: &str = "Threads and coroutines take turns, and the scheduler chooses the order. \
    Here you are the scheduler: choose which one takes its next step, one Python operation at a \
    time. Threads may be switched after any step (preemptive multitasking); a coroutine runs until \
    it awaits (cooperative). Each level asks you to cause something that goes wrong with shared \
    data, or to see why it cannot.";
