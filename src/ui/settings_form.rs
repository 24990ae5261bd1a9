//! The settings form: the workload and its own settings, the modes to compare and the settings
//! that change how they run. Every field is validated as the person types.

use super::context::use_app;
use super::field::Field;
use super::state::{Action, MAIN_THREAD_CAP_MS};
use crate::settings::spec::{self, Scope};
use crate::settings::{Mode, WorkloadKind};
use crate::workloads::describe;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The form.
#[component]
pub fn SettingsForm() -> Html {
    let app = use_app();
    let state = &app.state;
    let workload = state.workload_in_form();
    let own: Vec<&'static str> = spec::SETTINGS
        .iter()
        .filter(|s| matches!(s.scope, Scope::Workloads(_)) && s.scope.matters_to(workload))
        .map(|s| s.name)
        .collect();
    let chosen: Vec<Mode> = state.fields["modes"]
        .split(',')
        .filter_map(|m| Mode::from_name(m.trim()))
        .collect();
    let has = |m: Mode| chosen.contains(&m);
    let imbalance = match workload {
        WorkloadKind::Primes => {
            Some("Equal ranges are unequal tasks here: larger numbers need more divisions.")
        }
        WorkloadKind::Mandelbrot => Some("Bands through the middle of the set take longest."),
        _ => None,
    };
    html! {
        <form class="settings" onsubmit={|e: SubmitEvent| e.prevent_default()} aria-label="Settings">
            <fieldset>
                <legend>{ "Workload" }</legend>
                <Field name="workload" />
                <p class="about">{ describe(workload) }</p>
                if let Some(note) = imbalance { <p class="about note">{ note }</p> }
                <div class="fields">
                    <Field name="tasks" />
                    for name in own { <Field {name} /> }
                </div>
                if workload == WorkloadKind::Mixed { <MixSlider /> }
            </fieldset>
            <fieldset>
                <legend>{ "Modes to compare" }</legend>
                <ModeChoices chosen={chosen.clone()} />
                <div class="fields">
                    if has(Mode::Threads) || has(Mode::Gil) || has(Mode::Processes) { <Field name="workers" /> }
                    if has(Mode::Gil) {
                        <Field name="gil" />
                        if state.fields["gil"] == "old" { <Field name="ticks" /> } else { <Field name="switch_ms" /> }
                    }
                    if has(Mode::Coroutines) { <Field name="yield_every" /> }
                </div>
                if has(Mode::Sequential) || has(Mode::Coroutines) {
                    <div class="main-thread">
                        <Field name="main_thread" />
                        if state.settings.main_thread {
                            <p class="warning" role="note">
                                { format!("Sequential and Coroutines will run on this page's own thread. While they compute, the page will not answer at all, not even Cancel, for up to {:.0} s (the limit). Nothing is broken: that is the lesson.", MAIN_THREAD_CAP_MS / 1000.0) }
                            </p>
                        }
                    </div>
                }
            </fieldset>
        </form>
    }
}

/// Props of the mode checkboxes.
#[derive(Properties, PartialEq)]
struct ModeChoicesProps {
    chosen: Vec<Mode>,
}

/// One checkbox per mode; they write the `modes` setting.
#[component]
fn ModeChoices(props: &ModeChoicesProps) -> Html {
    let app = use_app();
    let error = app.state.errors.get("modes").cloned();
    let threads_reason = app.state.env.threads_unavailable.clone();
    let disabled = app.state.busy();
    html! {
        <div class="modes" role="group" aria-describedby="error-modes">
            for mode in Mode::ALL.iter().copied() {
                {{
                    let chosen = props.chosen.clone();
                    let dispatch = app.dispatcher();
                    let onchange = move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let mut next: Vec<Mode> = Mode::ALL.iter().copied()
                            .filter(|m| if *m == mode { input.checked() } else { chosen.contains(m) })
                            .collect();
                        next.dedup();
                        let text = next.iter().map(|m| m.name()).collect::<Vec<_>>().join(",");
                        dispatch.emit(Action::Edit("modes", text));
                    };
                    let id = format!("mode-{}", mode.name());
                    let unavailable = if mode.needs_shared_memory() { threads_reason.clone() } else { None };
                    html! {
                        <label class={classes!("mode", unavailable.is_some().then_some("unavailable"))} for={id.clone()}>
                            <input type="checkbox" id={id} name="mode" value={mode.name()}
                                checked={props.chosen.contains(&mode)} {onchange} {disabled} />
                            <span class="mode-title">{ mode.title() }</span>
                            <small>{ format!(" like {}", mode.python_counterpart()) }</small>
                            if unavailable.is_some() { <small class="unavailable-note">{ " (unavailable here)" }</small> }
                        </label>
                    }
                }}
            }
            if let Some(error) = error { <p id="error-modes" class="error" aria-live="polite">{ error }</p> }
        </div>
    }
}

/// The Mixed workload's slider: moves each task's time between waiting and computing, keeping
/// their sum, from IO-bound (left) to CPU-bound (right).
#[component]
fn MixSlider() -> Html {
    let app = use_app();
    let state = &app.state;
    let (io, cpu) = (state.settings.io_ms, state.settings.cpu_ms);
    let total = (io + cpu).max(1);
    let share = (100 * cpu + total / 2) / total;
    let dispatch = app.dispatcher();
    let oninput = move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let share: u32 = input.value().parse().unwrap_or(50);
        let cpu = (total * share + 50) / 100;
        dispatch.emit(Action::Edit("io_ms", (total - cpu).to_string()));
        dispatch.emit(Action::Edit("cpu_ms", cpu.to_string()));
    };
    html! {
        <div class="mix">
            <label for="mix-slider">{ "From IO-bound to CPU-bound" }</label>
            <div class="mix-row">
                <span>{ "IO-bound" }</span>
                <input id="mix-slider" type="range" min="0" max="100" step="5" value={share.to_string()} {oninput}
                    disabled={state.busy()}
                    aria-valuetext={format!("{io} ms waiting, {cpu} ms computing per task")} />
                <span>{ "CPU-bound" }</span>
            </div>
            <small class="hint">{ format!("Each task waits {io} ms, then computes about {cpu} ms.") }</small>
        </div>
    }
}
