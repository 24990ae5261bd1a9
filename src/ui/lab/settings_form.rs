//! The settings form: the workload and its own settings, the modes to compare and the settings
//! that change how they run. Every field is validated as the person types.

use super::text;
use crate::app::Action;
use crate::app::state::MAIN_THREAD_CAP_MS;
use crate::settings::spec::Scope;
use crate::settings::{GilVersion, Key, Mode, WorkloadKind};
use crate::ui::shell::context::use_app;
use crate::ui::widgets::field::Field;
use crate::workloads::describe;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The settings form. It shows only the settings that change something for the chosen workload
/// and modes (each setting's scope says which), and the main-thread warning while that is on.
#[component]
#[optimize(size)]
pub fn SettingsForm() -> Html {
    let app = use_app();
    let state = &app.state;
    let workload = state.workload_in_form();
    let own: Vec<Key> = Key::ALL
        .iter()
        .copied()
        .filter(|k| matches!(k.spec().scope, Scope::Workloads(_)))
        .filter(|k| k.spec().scope.matters_to(workload))
        .collect();
    let chosen: Vec<Mode> = state.fields[&Key::Modes]
        .split(',')
        .filter_map(|m| Mode::from_name(m.trim()))
        .collect();
    let gil = GilVersion::from_name(&state.fields[&Key::Gil]).unwrap_or(state.settings.gil);
    let changes = |key: Key| key.spec().scope.changes(&chosen, gil);
    let how: Vec<Key> = Key::ALL
        .iter()
        .copied()
        .filter(|&k| k != Key::MainThread && changes(k))
        .collect();
    let imbalance = match workload {
        WorkloadKind::Primes => Some(text::PRIMES_UNEVEN),
        WorkloadKind::Mandelbrot => Some(text::MANDELBROT_UNEVEN),
        _ => None,
    };
    html! {
        <form class="settings" onsubmit={|e: SubmitEvent| e.prevent_default()} aria-label="Settings">
            <fieldset>
                <legend>{ "Workload" }</legend>
                <Field setting={Key::Workload} />
                <p class="about">{ describe(workload) }</p>
                if let Some(note) = imbalance { <p class="about note">{ note }</p> }
                <div class="fields">
                    <Field setting={Key::Tasks} />
                    for setting in own { <Field {setting} /> }
                </div>
                if workload == WorkloadKind::Mixed { <MixSlider /> }
            </fieldset>
            <fieldset>
                <legend>{ "Modes to compare" }</legend>
                <ModeChoices chosen={chosen.clone()} />
                <div class="fields">
                    for setting in how { <Field {setting} /> }
                </div>
                if changes(Key::MainThread) {
                    <div class="main-thread">
                        <Field setting={Key::MainThread} />
                        if state.settings.main_thread {
                            <p class="warning" role="note">
                                { text::main_thread_warning(MAIN_THREAD_CAP_MS / 1000.0) }
                            </p>
                        }
                    </div>
                }
            </fieldset>
        </form>
    }
}

/// The modes chosen now, as the `modes` setting holds them.
#[derive(Properties, PartialEq)]
struct ModeChoicesProps {
    chosen: Vec<Mode>,
}

/// One checkbox per mode; they write the `modes` setting.
#[component]
#[optimize(size)]
fn ModeChoices(props: &ModeChoicesProps) -> Html {
    let app = use_app();
    let error = app.state.errors.get(&Key::Modes).cloned();
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
                        dispatch.emit(Action::Edit(Key::Modes, text));
                    };
                    let id = format!("mode-{}", mode.name());
                    let unavailable = app.state.unavailable(mode);
                    html! {
                        <label class={classes!("mode", unavailable.is_some().then_some("unavailable"))} for={id.clone()}>
                            <input type="checkbox" id={id} name="mode" value={mode.name()}
                                checked={props.chosen.contains(&mode)} {onchange} {disabled} />
                            <span class="mode-title">{ mode.title() }</span>
                            <small>{ format!(" like {}", mode.python_counterpart()) }</small>
                            if let Some(reason) = unavailable { <small class="unavailable-note" title={reason}>{ " (unavailable here)" }</small> }
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
#[optimize(size)]
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
        dispatch.emit(Action::Edit(Key::IoMs, (total - cpu).to_string()));
        dispatch.emit(Action::Edit(Key::CpuMs, cpu.to_string()));
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
