//! The Python lab's effects: unpacking the link's code once (the browser's
//! `DecompressionStream`), keeping the code in local storage for the next visit, and keeping
//! the address and the lab's link (for Copy link) in step with the code and the settings.

use super::state::PyLab;
use crate::own_python::code_link::MAX_CODE_BYTES;
use crate::own_python::lab::PyLabAction;
use crate::own_python::settings::lab_link;
use crate::web::{page, python_workers};
use yew::prelude::*;

/// Where the editor's code is kept between visits.
const SAVED_CODE: &str = "cp-python-code";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The code kept from the last visit, if any.
pub fn saved_code() -> Option<String> {
    storage()?.get_item(SAVED_CODE).ok().flatten()
}

/// Every effect of the Python lab's view.
#[hook]
pub fn use_python_effects(lab: &PyLab, active: bool) {
    // The link's code, unpacked once (it is never run by itself).
    {
        let (bytes, dispatch) = (lab.state.unpacking.clone(), lab.dispatcher());
        use_effect_with((), move |_| {
            if let Some(bytes) = bytes {
                wasm_bindgen_futures::spawn_local(async move {
                    let read = python_workers::inflate(&bytes, MAX_CODE_BYTES).await;
                    dispatch.emit(PyLabAction::LinkCodeUnpacked(read));
                });
            }
        });
    }
    // Keep the code for the next visit, and the address and the link in step with it (not
    // while the link's code is being unpacked: the editor is empty until then).
    // Only while the task form is shown: the program form keeps the address then.
    let deps = (
        lab.state.code_to_keep().map(str::to_owned),
        lab.state.settings.clone(),
        active,
    );
    let (template, dispatch) = (lab.state.code_template(), lab.dispatcher());
    use_effect_with(deps, move |(code, settings, active)| {
        let Some(code) = code.clone().filter(|_| *active) else {
            return;
        };
        if let Some(storage) = storage() {
            let _ = storage.set_item(SAVED_CODE, &code);
        }
        let settings = settings.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let compressed = match template {
                Some(_) => None,
                None => Some(python_workers::deflate(&code).await),
            };
            let (query, carried) = lab_link(&settings, template, compressed);
            page::show_query(&query);
            let address = format!("{}?{query}", page::address_without_query());
            dispatch.emit(PyLabAction::LinkMade(carried.map(|()| address)));
        });
    });
}
