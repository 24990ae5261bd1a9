//! The locks lab (`lab=locks`, in the views module): its page, runner, effects, results,
//! plots, timeline and prose.

pub mod effects;
pub mod page;
pub mod plots;
pub mod results;
pub mod runner;
pub mod text;
