//! Students' own Python (`lab=python`): the task form's code and its templates, the program
//! form's programs (`program*`, `terminal`), the lab's settings and
//! link (the code compressed in it), the lab's state and rules (`lab`), the messages to the
//! Python workers, and the record, table and explanation of a run. Plain Rust;
//! `web::python_workers` runs the interpreters (Pyodide, CPython compiled to WebAssembly) and
//! `ui::python` shows it.

pub mod code_link;
pub mod explain;
pub mod lab;
pub mod processes;
pub mod program;
pub mod program_inputs;
pub mod program_lab;
pub mod program_protocol;
pub mod program_record;
pub mod program_templates;
pub mod program_timeline;
pub mod protocol;
pub mod record;
pub mod settings;
pub mod templates;
pub mod terminal;

#[cfg(test)]
mod lab_tests;
#[cfg(test)]
mod program_lab_tests;
#[cfg(test)]
mod tests;
