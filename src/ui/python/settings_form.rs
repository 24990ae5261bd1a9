//! The Python lab's settings: a checkbox per mode and the number fields (the shared field
//! widget, read and worded by the main settings' parsers through `own_python::settings`).

use super::state::use_py_lab;
use crate::own_python::lab::PyLabAction;
use crate::own_python::settings::{PyKey, PyMode};
use crate::ui::widgets::field::{FieldInput, FieldView};
use yew::prelude::*;

/// The modes and the fields.
#[component]
pub fn PySettingsForm() -> Html {
    let lab = use_py_lab();
    let state = &lab.state;
    let dispatch = lab.dispatcher();
    let toggle = |mode: PyMode| {
        dispatch.reform(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            PyLabAction::ToggleMode(mode, input.checked())
        })
    };
    let field = |key: PyKey| {
        let spec = key.spec();
        html! {
            <FieldView name={key.name()} label={spec.label} unit={spec.unit} meaning={spec.meaning}
                input={FieldInput::Number { decimal: false }}
                value={state.fields.get(&key).cloned().unwrap_or_default()}
                error={state.errors.get(&key).cloned()}
                on_edit={dispatch.reform(move |text| PyLabAction::Edit(key, text))} />
        }
    };
    html! {
        <form class="settings" onsubmit={|e: SubmitEvent| e.prevent_default()} aria-label="Settings">
            <fieldset>
                <legend>{ "Modes" }</legend>
                for mode in PyMode::ALL {
                    <label class="mode">
                        <input type="checkbox" id={format!("mode-{}", mode.name())} checked={state.mode_checked(mode)} onchange={toggle(mode)} />
                        { mode.label() }
                    </label>
                }
                if let Some(e) = state.errors.get(&PyKey::Modes) { <p class="error" role="alert">{ e.clone() }</p> }
            </fieldset>
            <div class="fields">
                for key in [PyKey::Tasks, PyKey::Workers, PyKey::TimeLimit] { { field(key) } }
            </div>
        </form>
    }
}
