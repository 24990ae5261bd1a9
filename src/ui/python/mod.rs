//! The Python lab (`lab=python`, in the views module): students' own Python in real
//! interpreters. Its state and rules are `own_python::lab` (the task form) and
//! `own_python::program_lab` (the program form, in `program/`); here are its page and pieces (the
//! code, the settings, the run bar, the results), the reducer and context (`state.rs`), the
//! runner, the effects and the prose.

pub mod code;
pub mod effects;
pub mod page;
pub mod program;
pub mod results;
pub mod run_bar;
pub mod runner;
pub mod settings_form;
pub mod state;
pub mod text;
