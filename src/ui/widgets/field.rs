//! One setting's field: its label and unit, an input that suits what it accepts, its meaning,
//! and the parser's sentence when what it holds is invalid.

use crate::app::Action;
use crate::settings::Key;
use crate::settings::accepts::Accepts;
use crate::ui::shell::context::use_app;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Which setting the field edits; everything else comes from its row of the settings table.
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The setting this field edits.
    pub setting: Key,
}

/// One setting's field, built from its row of the table: a select for a choice, a checkbox for
/// a flag, a text input otherwise. Each edit dispatches `Action::Edit`; the state validates it.
#[component]
#[optimize(size)]
pub fn Field(props: &FieldProps) -> Html {
    let app = use_app();
    let key = props.setting;
    let spec = key.spec();
    let name = key.name();
    let value = app.state.fields.get(&key).cloned().unwrap_or_default();
    let error = app.state.errors.get(&key).cloned();
    let dispatch = app.dispatcher();
    let id = format!("field-{name}");
    let error_id = format!("error-{name}");
    let hint_id = format!("hint-{name}");
    let described = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let disabled = app.state.busy();
    let unit = (!spec.unit.is_empty()).then(|| html! { <span class="unit">{ spec.unit }</span> });

    let input = match spec.accepts {
        Accepts::OneOf { names: choices, .. } => {
            let onchange = move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                dispatch.emit(Action::Edit(key, select.value()));
            };
            html! {
                <select id={id.clone()} {name} {onchange} {disabled} aria-describedby={described.clone()}>
                    for choice in choices.iter() {
                        <option value={*choice} selected={value == *choice}>{ choice_label(key, choice) }</option>
                    }
                </select>
            }
        }
        Accepts::Flag { .. } => {
            let checked = value == "1";
            let onchange = move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                dispatch.emit(Action::Edit(
                    key,
                    if input.checked() { "1" } else { "0" }.to_owned(),
                ));
            };
            html! {
                <input type="checkbox" id={id.clone()} {name} {checked} {onchange} {disabled} aria-describedby={described.clone()} />
            }
        }
        _ => {
            let oninput = move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                dispatch.emit(Action::Edit(key, input.value()));
            };
            let mode = if matches!(spec.accepts, Accepts::Decimal { .. }) {
                "decimal"
            } else {
                "numeric"
            };
            html! {
                <input type="text" inputmode={mode} id={id.clone()} {name} value={value.clone()} {oninput} {disabled}
                    autocomplete="off" spellcheck="false"
                    aria-invalid={if error.is_some() { "true" } else { "false" }}
                    aria-describedby={described.clone()} />
            }
        }
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id}>{ spec.label }</label>
            <div class="control">{ input }{ unit }</div>
            <small id={hint_id} class="hint">{ spec.meaning }{ " · " }<code>{ name }</code>
                if name == "workers" {
                    { format!(" · by default the cores the browser reports: {}", app.state.cores_text()) }
                }
            </small>
            if let Some(error) = error {
                <p id={error_id} class="error" aria-live="polite">{ error }</p>
            }
        </div>
    }
}

fn choice_label(key: Key, choice: &str) -> String {
    use crate::settings::{GilVersion, WorkloadKind};
    match key {
        Key::Workload => WorkloadKind::from_name(choice)
            .map_or_else(|| choice.to_owned(), |k| k.title().to_owned()),
        Key::Gil => match GilVersion::from_name(choice) {
            Some(GilVersion::New) => "new (CPython 3.2+)".to_owned(),
            Some(GilVersion::Old) => "old (Python 2)".to_owned(),
            None => choice.to_owned(),
        },
        _ => choice.to_owned(),
    }
}
