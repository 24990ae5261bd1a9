//! Pure models: the run record, the GIL, statistics and number formatting. No browser types.

pub mod clock;
pub mod format;
pub mod gil;
pub mod record;
