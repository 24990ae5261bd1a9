//! Be the scheduler (`lab=scheduler`, in the views module): the index of levels, a level with
//! its units' code side by side, the shared state, the student's moves and what happened
//! (`page.rs`), its effects (`effects.rs`) and prose (`text.rs`). Its state and rules are
//! `scheduler::lab::SchedulerLab`, plain Rust.

pub mod effects;
pub mod level;
pub mod page;
pub mod text;
