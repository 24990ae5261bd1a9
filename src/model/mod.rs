//! Pure models: the run record, the GIL, clocks, and what the views compute (comparison, the
//! Amdahl fit, timeline ticks and bars). No browser types; all tested natively.

pub mod amdahl;
pub mod browser;
pub mod clock;
pub mod comparison;
pub mod cores;
pub mod exchange;
pub mod gil;
pub mod isolation;
pub mod record;
pub mod replay;
pub mod stopping;
pub mod threads_support;
pub mod timeline;
pub mod trace;
