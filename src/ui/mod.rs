//! The page (Yew): app state in one reducer, and one component per file.

pub mod app;

/// Mounts the app on the page's `#app` element, if this is a page (not a worker).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    crate::web::panic_hook::install();
    if let Some(root) = document.get_element_by_id("app") {
        root.set_inner_html("");
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
