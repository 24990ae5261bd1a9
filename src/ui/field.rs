//! One setting's field: its label and unit, an input that suits what it accepts, its meaning,
//! and the parser's sentence when what it holds is invalid.

use super::context::use_app;
use super::state::Action;
use crate::settings::spec::{self, Accepts};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props: which setting.
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The setting's name.
    pub name: &'static str,
}

/// A setting's field.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let app = use_app();
    let spec = spec::find(props.name).expect("fields are made for known settings");
    let name = spec.name;
    let value = app.state.fields.get(name).cloned().unwrap_or_default();
    let error = app.state.errors.get(name).cloned();
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
        Accepts::OneOf(choices) => {
            let onchange = move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                dispatch.emit(Action::Edit(name, select.value()));
            };
            html! {
                <select id={id.clone()} {name} {onchange} {disabled} aria-describedby={described.clone()}>
                    for choice in choices.iter() {
                        <option value={*choice} selected={value == *choice}>{ choice_label(name, choice) }</option>
                    }
                </select>
            }
        }
        Accepts::Flag => {
            let checked = value == "1";
            let onchange = move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                dispatch.emit(Action::Edit(
                    name,
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
                dispatch.emit(Action::Edit(name, input.value()));
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

fn choice_label(name: &str, choice: &str) -> String {
    use crate::settings::WorkloadKind;
    match name {
        "workload" => WorkloadKind::from_name(choice)
            .map_or_else(|| choice.to_owned(), |k| k.title().to_owned()),
        "gil" if choice == "new" => "new (CPython 3.2+)".to_owned(),
        "gil" if choice == "old" => "old (Python 2)".to_owned(),
        _ => choice.to_owned(),
    }
}
