//! The program form's effects: unpacking the link's program once (the browser's
//! `DecompressionStream`), keeping the program in local storage for the next visit, and keeping
//! the address and the form's link (for Copy link) in step with the program.

use super::state::ProgramForm;
use crate::own_python::code_link::MAX_CODE_BYTES;
use crate::own_python::program::{Program, program_query};
use crate::own_python::program_lab::ProgramAction;
use crate::web::{page, python_workers};
use yew::prelude::*;

/// Where the program is kept between visits.
const SAVED_PROGRAM: &str = "cp-python-program";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The program kept from the last visit, if it still reads.
pub fn saved_program() -> Option<Program> {
    let json = storage()?.get_item(SAVED_PROGRAM).ok().flatten()?;
    Program::parse(&json).ok()
}

/// Every effect of the program form.
#[hook]
pub fn use_program_effects(form: &ProgramForm) {
    {
        let (bytes, dispatch) = (form.state.unpacking.clone(), form.dispatcher());
        use_effect_with((), move |_| {
            if let Some(bytes) = bytes {
                wasm_bindgen_futures::spawn_local(async move {
                    // The JSON of the largest program, with room for its escapes.
                    let read = python_workers::inflate(&bytes, 2 * MAX_CODE_BYTES).await;
                    dispatch.emit(ProgramAction::LinkUnpacked(read));
                });
            }
        });
    }
    let program = form.state.program_to_keep().cloned();
    let dispatch = form.dispatcher();
    use_effect_with(program, move |program| {
        let Some(program) = program.clone() else {
            return;
        };
        let json = program.to_json();
        if let Some(storage) = storage() {
            let _ = storage.set_item(SAVED_PROGRAM, &json);
        }
        wasm_bindgen_futures::spawn_local(async move {
            let (query, carried) = match python_workers::deflate(&json).await {
                Ok(compressed) => program_query(&compressed),
                Err(why) => (
                    "lab=python&form=program".to_owned(),
                    Err(format!(
                        "The program could not be compressed for a link: {why}"
                    )),
                ),
            };
            page::show_query(&query);
            let address = format!("{}?{query}", page::address_without_query());
            dispatch.emit(ProgramAction::LinkMade(carried.map(|()| address)));
        });
    });
}
