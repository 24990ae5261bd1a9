//! Concurrency Playground: a Python concurrency lecture's experiments, run for real in the
//! browser.
//!
//! The layers, and the one way data flows through them:
//! - [`settings`]: every setting's name, range and meaning; parsing text and URLs.
//! - [`workloads`]: pure computation split into tasks that advance in small steps.
//! - [`model`]: the run record, statistics, and models such as the GIL.
//! - [`engine`]: the execution modes behind one interface, where each runs, producing a record.
//! - [`python`]: the equivalent CPython program for each mode, and reading back its timings.
//! - [`app`]: the page's state and rules, changed only by actions.
//! - `web` (wasm only): the browser glue: workers, messages, clocks, isolation.
//! - `ui` (wasm only): the Yew components that render the state and dispatch actions.
//!
//! ARCHITECTURE.md says what each layer may touch and where to add a workload, a mode, a
//! setting or a view.

pub mod app;
pub mod engine;
pub mod model;
pub mod python;
pub mod settings;
pub mod workloads;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
