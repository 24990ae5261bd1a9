//! One setting's field: its label and unit, an input that suits what it accepts, its meaning,
//! and the parser's sentence when what it holds is invalid. [`FieldView`] draws any lab's
//! field from props; [`Field`] is the main lab's, built from its row of the settings table.

use crate::app::Action;
use crate::settings::Key;
use crate::settings::accepts::Accepts;
use crate::ui::shell::context::use_app;
use std::rc::Rc;
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
    let input = match spec.accepts {
        Accepts::OneOf { names, .. } => FieldInput::Choice(
            names
                .iter()
                .map(|&choice| (choice, choice_label(key, choice)))
                .collect(),
        ),
        Accepts::Flag { .. } => FieldInput::Flag,
        Accepts::Decimal { .. } => FieldInput::Number { decimal: true },
        _ => FieldInput::Number { decimal: false },
    };
    let more = (key == Key::Workers).then(|| {
        format!(
            " · by default the cores the browser reports: {}",
            app.state.cores_text()
        )
    });
    html! {
        <FieldView name={key.name()} label={spec.label} unit={spec.unit} meaning={spec.meaning}
            {more} {input}
            value={app.state.fields.get(&key).cloned().unwrap_or_default()}
            error={app.state.errors.get(&key).cloned()}
            disabled={app.state.busy()}
            on_edit={app.dispatcher().reform(move |text| Action::Edit(key, text))} />
    }
}

/// How a field takes its value.
#[derive(Clone, PartialEq)]
pub enum FieldInput {
    /// A text box for a whole (or a decimal) number.
    Number {
        /// Whether it takes a decimal point.
        decimal: bool,
    },
    /// A select: each choice's value and its label.
    Choice(Rc<[(&'static str, String)]>),
    /// A checkbox, "1" when on and "0" when off.
    Flag,
}

/// Props of any lab's field.
#[derive(Properties, PartialEq)]
pub struct FieldViewProps {
    /// The setting's name: the input is `field-<name>`, and the hint shows it.
    pub name: &'static str,
    /// The label.
    pub label: &'static str,
    /// The unit, or "".
    pub unit: &'static str,
    /// Its meaning, under the field.
    pub meaning: &'static str,
    /// More of the hint, after the name.
    #[prop_or_default]
    pub more: Option<String>,
    /// How it takes its value.
    pub input: FieldInput,
    /// What it holds, as typed.
    pub value: String,
    /// The parser's sentence, when what it holds is invalid.
    pub error: Option<String>,
    /// Whether it is disabled (while a job runs).
    #[prop_or_default]
    pub disabled: bool,
    /// Hears the text after every edit (as typed, and when the input changes).
    pub on_edit: Callback<String>,
}

/// A field: its label, input, unit, meaning and error.
#[component]
#[optimize(size)]
pub fn FieldView(props: &FieldViewProps) -> Html {
    let name = props.name;
    let (value, error, disabled) = (&props.value, &props.error, props.disabled);
    let id = format!("field-{name}");
    let error_id = format!("error-{name}");
    let hint_id = format!("hint-{name}");
    let described = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let unit = (!props.unit.is_empty()).then(|| html! { <span class="unit">{ props.unit }</span> });
    let on_edit = props.on_edit.clone();
    let input = match &props.input {
        FieldInput::Choice(choices) => {
            let onchange = move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                on_edit.emit(select.value());
            };
            html! {
                <select id={id.clone()} {name} {onchange} {disabled} aria-describedby={described.clone()}>
                    for (choice, label) in choices.iter() {
                        <option value={*choice} selected={value == choice}>{ label.clone() }</option>
                    }
                </select>
            }
        }
        FieldInput::Flag => {
            let checked = value == "1";
            let onchange = move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_edit.emit(if input.checked() { "1" } else { "0" }.to_owned());
            };
            html! {
                <input type="checkbox" id={id.clone()} {name} {checked} {onchange} {disabled} aria-describedby={described.clone()} />
            }
        }
        FieldInput::Number { decimal } => {
            let oninput = on_edit
                .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
            // A value set from outside (a script, an autofill) may come only as a change.
            let onchange =
                on_edit.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
            let mode = if *decimal { "decimal" } else { "numeric" };
            html! {
                <input type="text" inputmode={mode} id={id.clone()} {name} value={value.clone()} {oninput} {onchange} {disabled}
                    autocomplete="off" spellcheck="false"
                    aria-invalid={if error.is_some() { "true" } else { "false" }}
                    aria-describedby={described.clone()} />
            }
        }
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id}>{ props.label }</label>
            <div class="control">{ input }{ unit }</div>
            <small id={hint_id} class="hint">{ props.meaning }{ " · " }<code>{ name }</code>
                if let Some(more) = &props.more { { more.clone() } }
            </small>
            if let Some(error) = error {
                <p id={error_id} class="error" aria-live="polite">{ error.clone() }</p>
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
