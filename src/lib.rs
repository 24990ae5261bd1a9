//! Concurrency Playground: a Python concurrency lecture's experiments, run for real in the
//! browser.
//!
//! The layers, and the one way data flows through them:
//! - [`format`]: how numbers and durations are written (thousands, milliseconds).
//! - [`settings`]: every setting's name, range and meaning; parsing text and URLs.
//! - [`workloads`]: pure computation split into tasks that advance in small steps.
//! - [`model`]: the run record, statistics, and models such as the GIL.
//! - [`engine`]: the execution modes behind one interface, where each runs, producing a record.
//! - [`gpu`]: the GPU mode: WGSL kernels, dispatches sized to stay short, results folded into
//!   the same checksum, the adapter's facts.
//! - [`locks`]: the locks lab's experiments (lost updates, contention, a bounded queue) on
//!   real threads, with the same clock as the engine.
//! - [`python`]: the equivalent CPython program for each mode, and reading back its timings.
//! - [`own_python`]: students' own Python: templates, the code in a link, the record of a run.
//! - [`lessons`]: the lecture as guided experiments: lessons read from a file, judged and
//!   explained from the records.
//! - [`scheduler`]: be the scheduler: levels read from a file, their steps modelled, every
//!   order counted, what happened told from the student's moves.
//! - [`app`]: the page's state and rules, changed only by actions.
//! - `web` (wasm only): the browser glue: workers, messages, clocks, isolation.
//! - `ui` (wasm only): the Yew components that render the state and dispatch actions.
//!
//! ARCHITECTURE.md says what each layer may touch and where to add a workload, a mode, a
//! setting or a view.

// The crate is built for size (the first load has a budget; Cargo.toml's profile), but each
// workload's `step` asks for speed (`#[optimize(speed)]`), and so do the components for size
// (`#[optimize(size)]`). The toolchain is nightly already (build-std for wasm threads).
#![feature(optimize_attribute)]

// The thread pool shares the wasm memory between workers; without atomics it would build and
// then fail in the browser, so say it here (as wasm-bindgen-rayon does).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "the wasm build needs the atomics target feature: build with scripts/env's `wasm` \
     (.cargo/config.toml's rustflags and build-std)"
);

pub mod app;
pub mod engine;
pub mod format;
pub mod gpu;
pub mod lessons;
pub mod locks;
pub mod model;
pub mod own_python;
pub mod python;
pub mod scheduler;
pub mod settings;
pub mod workloads;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
