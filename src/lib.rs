//! Concurrency Playground: a Python concurrency lecture's experiments, run for real in the
//! browser.
//!
//! The layers, and the one way data flows through them:
//! - [`settings`]: every setting's name, range and meaning; parsing text and URLs.
//! - [`workloads`]: pure computation split into tasks that advance in small steps.
//! - [`model`]: the run record, statistics, and models such as the GIL.
//! - [`engine`]: the execution modes behind one interface, producing a record.
//! - [`python`]: the equivalent CPython program for each mode, and reading back its timings.
//! - [`lessons`]: the lecture as guided experiments: lessons read from a file, judged and
//!   explained from the records.
//! - `web` (wasm only): the browser glue: workers, messages, clocks, isolation.

pub mod engine;
pub mod lessons;
pub mod model;
pub mod python;
pub mod settings;
pub mod workloads;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
