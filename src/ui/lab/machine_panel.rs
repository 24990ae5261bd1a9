//! The machine: cores reported and measured, whether the page is cross-origin isolated and by
//! what (the host's headers, the service worker, Document-Isolation-Policy in a frame, or the
//! embedding page), whether that gives threads shared memory, whether threads can run and if
//! not why, the clock's resolution, the browser, and the honest notes on what these numbers are
//! and are not.

use super::runner::count_cores;
use super::text;
use crate::app::environment::Environment;
use crate::format::group_thousands;
use crate::model::threads_support::ThreadsSupport;
use crate::settings::query::PageFlags;
use crate::ui::shell::context::use_app;
use crate::web::isolation_headers::find_mechanism;
use crate::web::page;
use yew::prelude::*;

/// The "This machine" section, with its Measure button (which counts the cores with spinning
/// workers) and the honest notes, open unless embedded.
#[component]
#[optimize(size)]
pub fn MachinePanel() -> Html {
    let app = use_app();
    let state = &app.state;
    let env = &state.env;
    let mechanism = use_state(|| None);
    {
        let mechanism = mechanism.clone();
        let (isolated, in_frame) = (env.isolated, env.in_frame);
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                mechanism.set(Some(find_mechanism(isolated, in_frame).await));
            });
        });
    }
    let isolated_text = match *mechanism {
        Some(found) => found.describe(env.in_frame),
        None if env.isolated => "yes".to_owned(),
        None => "no".to_owned(),
    };
    let measure = {
        let app = app.clone();
        move |_| app.start(count_cores)
    };
    let measured = match &state.core_count {
        Some(count) => text::cores_measured(count.cores, count.workers),
        None => "not measured yet".to_owned(),
    };
    let calibration = if state.calibration.measured {
        format!(
            "{} SHA-256 rounds per ms",
            group_thousands(state.calibration.hash_rounds_per_ms.round() as u64)
        )
    } else {
        "not measured (a guess is used)".to_owned()
    };
    html! {
        <section class="machine" aria-labelledby="machine-heading">
            <h2 id="machine-heading">{ "This machine" }</h2>
            <dl>
                <dt>{ "Browser" }</dt><dd id="browser">{ env.browser.clone() }</dd>
                <dt>{ "Cores the browser reports" }</dt><dd id="cores-reported">{ state.cores_text() }</dd>
                <dt>{ "Cores measured" }</dt>
                <dd id="cores-measured">{ measured }{ " " }
                    <button id="measure-cores" onclick={measure} disabled={state.busy() || env.workers_unavailable.is_some()}>{ "Measure" }</button></dd>
                <dt>{ "Cross-origin isolated" }</dt>
                <dd id="isolated" data-mechanism={mechanism.map(|m| m.id())}>{ isolated_text }</dd>
                <dt>{ "Shared memory for threads" }</dt>
                <dd id="shared-memory">{ shared_memory_text(env) }</dd>
                <dt>{ "Threads" }</dt>
                <dd id="threads-available" data-support={format!("{:?}", env.threads)}>{ env.threads_unavailable.clone().unwrap_or_else(|| "available".to_owned()) }
                    if env.threads == (ThreadsSupport::NotIsolated { in_frame: true }) {
                        { " " }<a href={page::link(&state.settings, PageFlags::default())} target="_blank" rel="noopener">{ "Open in a new tab" }</a>
                    }
                </dd>
                <dt>{ "GPU (WebGPU)" }</dt><dd id="gpu-support" data-support={env.gpu.word()}>{ env.gpu.summary() }</dd>
                <dt>{ "Timer resolution" }</dt><dd id="timer-resolution">{ format!("{:.3} ms", env.timer_resolution_ms) }</dd>
                <dt>{ "Hash speed (calibrates Mixed)" }</dt><dd id="calibration" data-done={state.calibrated.to_string()}>{ calibration }</dd>
            </dl>
            <details class="honesty" open={!state.flags.embed}>
                <summary>{ "What these numbers are, and are not" }</summary>
                <ul>
                    <li>{ text::HONEST_SPEED }</li>
                    <li>{ text::HONEST_PROCESSES }</li>
                    <li>{ text::HONEST_GIL }</li>
                    <li>{ text::HONEST_HYPERTHREADS }</li>
                    if !env.isolated { <li>{ text::HONEST_COARSE_TIMERS }</li> }
                </ul>
            </details>
        </section>
    }
}

/// Whether the page is isolated and, if it is, whether that gives threads shared memory.
fn shared_memory_text(env: &Environment) -> &'static str {
    match (env.isolated, env.threads) {
        (false, _) => "no",
        (true, ThreadsSupport::Available) => "yes: threads can share memory",
        (true, ThreadsSupport::NoSharedArrayBuffer) => {
            "yes, but this browser offers no SharedArrayBuffer, so threads cannot share memory"
        }
        (true, ThreadsSupport::NoWasmThreads) => {
            "yes, but this browser cannot run WebAssembly over shared memory"
        }
        (true, _) => "yes",
    }
}
