//! The page (Yew): the reducer around `app::AppState` ([`state`]), the jobs that run and
//! report into it ([`runner`]), and one component per file. Only this module knows about Yew.

pub mod app;
pub mod bar_chart;
pub mod context;
pub mod copy_button;
pub mod cpython_beside;
pub mod embed_box;
pub mod field;
pub mod locks_lab;
pub mod locks_plots;
pub mod locks_results;
pub mod locks_text;
pub mod locks_timeline;
pub mod machine_panel;
pub mod mandelbrot_view;
pub mod notices;
pub mod python_panel;
pub mod results_table;
pub mod run_bar;
pub mod runner;
pub mod settings_form;
pub mod state;
pub mod sweep_chart;
pub mod text;
pub mod timeline;
pub mod timeline_lane;
pub mod timelines;

use crate::app::AppState;
use crate::app::link::read_link;
use crate::app::state::Environment;
use crate::model::browser::name_from_user_agent;
use crate::web::{isolation, page};
use std::rc::Rc;

/// Mounts the app on the page's `#app` element, if this is a page (not a worker).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    crate::web::panic_hook::install();
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    root.set_inner_html("");
    let cores = isolation::cores_reported();
    let env = Environment {
        cores,
        isolated: isolation::cross_origin_isolated(),
        threads_unavailable: isolation::threads_unavailable_reason(),
        workers_unavailable: (!isolation::workers_available())
            .then(isolation::workers_unavailable_reason),
        in_frame: isolation::in_frame(),
        browser: name_from_user_agent(&page::user_agent()),
        timer_resolution_ms: crate::web::platform::resolution_ms(),
    };
    let initial = Rc::new(AppState::new(
        read_link(&page::query(), cores, page::test_faults_switched_on()),
        env,
    ));
    yew::Renderer::<app::App>::with_root_and_props(root, app::AppProps { initial }).render();
}
