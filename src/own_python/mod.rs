//! Students' own Python (`lab=python`): the code and its templates, the lab's settings and
//! link (the code compressed in it), the lab's state and rules (`lab`), the messages to the
//! Python workers, and the record, table and explanation of a run. Plain Rust;
//! `web::python_workers` runs the interpreters (Pyodide, CPython compiled to WebAssembly) and
//! `ui::python` shows it.

pub mod code_link;
pub mod explain;
pub mod lab;
pub mod program;
pub mod protocol;
pub mod record;
pub mod settings;
pub mod templates;

#[cfg(test)]
mod lab_tests;
#[cfg(test)]
mod tests;
