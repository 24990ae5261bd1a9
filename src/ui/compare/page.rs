//! Compare with a classmate, the views module's compare view (`compare=1`): the lab, with the
//! run the lab handed over (kept for the tab) or one run here, and a run downloaded as a file on
//! another browser or machine imported (chosen in a file field, dropped, or pasted as text) and shown beside this page's:
//! their table under this one, both machines described, and how they ran it differently; their
//! timelines are drawn with this page's on one time scale (`timelines`). A file that is not
//! such a run, or did other work, gives a sentence saying what is wrong and changes nothing.

use crate::app::Action;
use crate::app::share::{CARRIED_KEY, Classmate as Theirs};
use crate::app::state::AppState;
use crate::model::exchange::{MAX_BYTES, fit};
use crate::ui::lab::cpython_beside::{Message, status};
use crate::ui::lab::page::Lab;
use crate::ui::lab::results_table::table;
use crate::ui::lab::text;
use crate::ui::shell::context::use_app;
use crate::web::{files, page};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The file's size limit, in the words of the refusal.
const WHAT: &str = "a run's file";

/// The compare view: the lab with the run it was handed, and the import box after its table.
#[component]
pub fn ComparePage() -> Html {
    let app = use_app();
    use_effect_with((), move |_| {
        if let Some(results) =
            page::kept_in_tab(CARRIED_KEY).and_then(|t| app.state.read_carried(&t))
        {
            app.dispatcher().emit(Action::RunCarried(results));
        }
    });
    html! { <Lab compare=true><Classmate /></Lab> }
}

/// The import box and, once a run is in, their table and both machines.
#[component]
pub fn Classmate() -> Html {
    let app = use_app();
    let message = use_state(|| None as Message);
    let text_ref = use_node_ref();
    let accept = {
        let (app, message) = (app.clone(), message.clone());
        Callback::from(move |text: Result<String, String>| {
            match text.and_then(|t| app.state.read_classmate(&t).map_err(|e| e.0)) {
                Ok(theirs) => {
                    let said = format!(
                        "Imported a run of {} modes from {}.",
                        theirs.results.len(),
                        theirs.machine.browser
                    );
                    app.dispatcher()
                        .emit(Action::ClassmateRead(Rc::new(theirs)));
                    message.set(Some((true, said)));
                }
                Err(why) => message.set(Some((false, why))),
            }
        })
    };
    let on_read = {
        let (accept, text_ref) = (accept.clone(), text_ref.clone());
        move |_| {
            if let Some(area) = text_ref.cast::<HtmlTextAreaElement>() {
                accept.emit(Ok(area.value()));
            }
        }
    };
    let on_file = {
        let accept = accept.clone();
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let accept = accept.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(text) = files::chosen_text(&input, MAX_BYTES, WHAT).await {
                    accept.emit(text);
                }
                input.set_value("");
            });
        }
    };
    let on_drop = move |e: DragEvent| {
        e.prevent_default();
        let accept = accept.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(text) = files::dropped_text(&e, MAX_BYTES, WHAT).await {
                accept.emit(text);
            }
        });
    };
    let state = &app.state;
    html! {
        <div class="classmate" id="classmate" ondragover={|e: DragEvent| e.prevent_default()} ondrop={on_drop}>
            <h3>{ "Compare with a classmate" }</h3>
            <p class="explain">{ text::CLASSMATE_HOW }</p>
            <label for="import-text">{ "A run's file, as text" }</label>
            <textarea id="import-text" ref={text_ref} rows="2" spellcheck="false" />
            <div class="python-actions">
                <button id="import-read" onclick={on_read}>{ "Import this run" }</button>
                <label>{ "or a file: " }<input type="file" id="import-file" accept=".json" onchange={on_file} /></label>
            </div>
            { status("import-message", &message) }
            if let Some(theirs) = &state.classmate { { beside(state, theirs) } }
        </div>
    }
}

/// Their table, both machines, and what they ran differently.
fn beside(state: &AppState, theirs: &Theirs) -> Html {
    let differ = fit::how_they_differ(&theirs.settings, state.compared_settings());
    let differ = if differ.is_empty() {
        "They ran it as you did.".to_owned()
    } else {
        format!("They ran it differently: {}.", differ.join("; "))
    };
    let caption = format!("Your classmate's run, in {}", theirs.machine.browser);
    html! {
        <>
            <dl class="machines" id="machines">
                <dt>{ "This page" }</dt><dd>{ state.machine().describe() }</dd>
                <dt>{ "Your classmate's" }</dt><dd>{ theirs.machine.describe() }</dd>
            </dl>
            <p class="explain" id="classmate-differ">{ differ }</p>
            { table("classmate-results", &caption, &theirs.results, &[], theirs.machine.cores, html! {}) }
        </>
    }
}
