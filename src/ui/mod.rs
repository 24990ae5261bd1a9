//! The page (Yew). Only this module knows about Yew. A folder per view, each with the same
//! parts (`page.rs`, and as it needs: `effects.rs`, `runner.rs`, `text.rs`, its own pieces):
//! [`lab`] (the main lab, the first load), [`compare`] (a classmate's run), [`lessons`],
//! [`locks`], [`python`]; [`shell`] holds what every view sits in (the app, its context, the
//! reducer wrapper, the page's effects, the nav and the views module's list) and [`widgets`]
//! the pieces more than one view uses.

pub mod compare;
pub mod lab;
pub mod lessons;
pub mod locks;
pub mod python;
pub mod scheduler;
pub mod shell;
pub mod widgets;

use crate::app::AppState;
use crate::app::environment::Environment;
use crate::app::link::{View, read_link};
use crate::model::browser::name_from_user_agent;
use crate::model::threads_support::WORKERS_REFUSED;
use crate::web::{isolation, page};
use std::rc::Rc;
use yew::Html;

/// The views a wasm module holds besides the main lab. The page is two modules so that the
/// first load stays small: the main one (the lab) and the views module (`dist/views/`: the
/// lessons, the locks lab), which the main one fetches only when a link opens one of its
/// views (`View::in_views_module`). Each binary names its own views here, so the linker
/// leaves the other's components out.
#[derive(Clone, Copy)]
pub struct Views {
    /// What this module shows for a view, or `None` for the main lab.
    show: fn(&View) -> Option<Html>,
    /// Whether this is the main module, which opens the views module for the views it lacks.
    main: bool,
}

impl Views {
    /// The main module's: none but the lab.
    pub const MAIN: Views = Views {
        show: |_| None,
        main: true,
    };

    /// The views module's: `show` gives each view it holds.
    pub const fn module(show: fn(&View) -> Option<Html>) -> Views {
        Views { show, main: false }
    }

    /// What this module shows for `view`, or `None` for the main lab.
    pub fn show(&self, view: &View) -> Option<Html> {
        (self.show)(view)
    }
}

impl PartialEq for Views {
    /// A module's views never change while the page is open.
    fn eq(&self, _: &Views) -> bool {
        true
    }
}

/// Mounts the app on the page's `#app` element, if this is a page (not a worker). The main
/// module (`views` = [`Views::MAIN`]) opens the views module instead when the link asks
/// for one of its views.
pub fn start(views: Views) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    crate::web::panic_hook::install();
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    let cores = isolation::cores_reported();
    let opened = read_link(&page::query(), cores, page::test_faults_switched_on());
    if views.main && opened.view.in_views_module() {
        crate::web::views_module::open(move |why| {
            root.set_text_content(Some(&format!("{} ({why})", lab::text::VIEWS_MODULE_FAILED)));
            let _ = root.set_attribute("role", "alert");
        });
        return;
    }
    root.set_inner_html("");
    let threads = isolation::threads_support();
    let env = Environment {
        cores,
        isolated: isolation::cross_origin_isolated(),
        threads,
        threads_unavailable: threads.reason(&page::user_agent()),
        workers_unavailable: (!isolation::workers_available()).then(|| WORKERS_REFUSED.to_owned()),
        in_frame: isolation::in_frame(),
        browser: name_from_user_agent(&page::user_agent()),
        timer_resolution_ms: crate::web::platform::resolution_ms(),
        gpu: crate::gpu::GpuSupport::Unknown,
    };
    let lessons = opened.view.is_lessons();
    let mut initial = AppState::new(opened, env);
    if lessons {
        initial = initial.with_progress(crate::web::lessons_store::read_progress());
    }
    let initial = Rc::new(initial);
    yew::Renderer::<shell::app::App>::with_root_and_props(
        root,
        shell::app::AppProps { initial, views },
    )
    .render();
}
