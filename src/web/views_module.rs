//! Fetches and starts the views module (`views/` beside the main module's glue) when the link
//! opens one of its views: the main module has not mounted anything, and the views module
//! mounts the page itself once it starts. If it cannot load, the caller hears why, so that
//! the page can say so instead of loading forever.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The views module's wasm-bindgen glue and wasm, relative to the main module's glue. Trunk
/// names them without a content hash, so each address carries the main glue's hashed name
/// (the two modules are built together): a new build is never mixed with a cached old one.
const GLUE: &str = "views/concurrency-playground-views.js";
const WASM: &str = "views/concurrency-playground-views_bg.wasm";

#[wasm_bindgen(inline_js = "export function cp_import(url) { return import(url); }")]
extern "C" {
    /// The browser's dynamic `import()`, which only JavaScript can name.
    #[wasm_bindgen(catch)]
    pub(crate) fn cp_import(url: &str) -> Result<Promise, JsValue>;
}

/// Starts fetching the views module; `failed` hears what went wrong if it cannot start.
pub fn open(failed: impl FnOnce(String) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = load().await {
            failed(super::js_error::describe(&error));
        }
    });
}

/// Imports the views module's glue and runs its default export, which instantiates its wasm
/// (whose `main` mounts the page).
async fn load() -> Result<(), JsValue> {
    let main_glue = super::unit_handle::glue_url();
    let build = main_glue
        .rsplit('/')
        .next()
        .and_then(|name| name.split(['.', '?']).next())
        .unwrap_or_default();
    let address = |file: &str| -> Result<String, JsValue> {
        let url = web_sys::Url::new_with_base(file, &main_glue)?;
        url.search_params().set("build", build);
        Ok(url.href())
    };
    let glue = JsFuture::from(cp_import(&address(GLUE)?)?).await?;
    let init: Function = Reflect::get(&glue, &JsValue::from_str("default"))?.dyn_into()?;
    let options = js_sys::Object::new();
    Reflect::set(&options, &"module_or_path".into(), &address(WASM)?.into())?;
    let started: Promise = init.call1(&JsValue::NULL, &options)?.dyn_into()?;
    JsFuture::from(started).await?;
    // Beside the main module's `wasmBindings` (Trunk's loader sets it), for the page's
    // diagnostics (`cp_diagnostics`, web::diagnostics), which each module keeps for itself.
    Reflect::set(&js_sys::global(), &"cpViewsBindings".into(), &glue)?;
    Ok(())
}
