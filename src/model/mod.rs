//! Pure models: number formatting (more to come: the run record, statistics, the GIL).

pub mod format;
