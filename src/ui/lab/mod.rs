//! The main lab (the first load): the settings form, the run bar, the results, the timelines,
//! the Python beside them, the sweep and the machine panel; the jobs that run and report into
//! the app's state ([`runner`]); its prose ([`text`]).

pub mod bar_chart;
pub mod cpython_beside;
pub mod machine_panel;
pub mod mandelbrot_view;
pub mod page;
pub mod python_panel;
pub mod results_table;
pub mod run_bar;
pub mod runner;
pub mod settings_form;
pub mod sweep_chart;
pub mod text;
pub mod timeline;
pub mod timelines;
