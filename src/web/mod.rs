//! The only module that touches browser APIs: the clock and sleep the engine uses, what the
//! context allows (isolation, workers), the unit workers and their messages, and running a
//! mode from the page. Everything here is thin; the logic it carries out lives in `engine`.

pub mod between_modes;
pub mod diagnostics;
pub mod files;
pub mod frames;
pub mod gpu;
pub mod gpu_timer;
pub mod in_unit;
pub mod inbox;
pub mod isolation;
pub mod isolation_headers;
pub mod js_error;
pub mod lessons_store;
pub mod locks;
pub mod machine;
pub mod module_worker;
pub mod page;
pub mod panic_hook;
pub mod platform;
#[allow(unsafe_code)]
pub mod pool;
pub mod protocol;
pub mod python_program;
pub mod python_ready;
pub mod python_shared;
pub mod python_snapshot;
pub mod python_workers;
pub mod run_mode;
pub mod unit_handle;
pub mod views_module;
