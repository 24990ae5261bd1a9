//! The page's own effects: calibrating at start (not on the lessons' index, which runs
//! nothing), keeping the address in step with the main lab's (and the compare view's)
//! settings, and following `run=1` in the main lab. The lessons' views and the locks lab start
//! their own (`lesson_effects.rs`, `locks_effects.rs`).

use super::context::AppContext;
use crate::app::Action;
use crate::app::link::View;
use crate::settings::query::{PageFlags, to_query};
use crate::ui::lab::runner::{calibrate, run_comparison};
use crate::web::page;
use yew::prelude::*;

/// Every effect of the page, for the app's one context.
#[hook]
pub fn use_page_effects(context: &AppContext) {
    let state = &context.state;
    {
        let context = context.clone();
        use_effect_with((), move |_| {
            if !context.state.view.skips_calibration() {
                context.start(calibrate);
            }
        });
    }
    {
        let dispatch = context.dispatcher();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                dispatch.emit(Action::GpuDetected(crate::web::gpu::detect().await));
            });
        });
    }
    {
        let context = context.clone();
        let deps = (state.settings.clone(), state.view.clone());
        use_effect_with(deps, move |(settings, view)| {
            let flags = PageFlags {
                run: false,
                embed: context.state.flags.embed,
            };
            match view {
                View::Compare => {
                    page::show_query(&format!("compare=1&{}", to_query(settings, flags)))
                }
                _ if !view.has_own_effects() => page::show_link(settings, flags),
                _ => {}
            }
        });
    }
    let context = context.clone();
    // A run with the GPU mode waits for WebGPU's answer too, so that the mode is not refused for
    // want of it; other runs do not wait for it.
    let gpu_known = !state.settings.modes.contains(&crate::settings::Mode::Gpu)
        || state.env.gpu != crate::gpu::GpuSupport::Unknown;
    let deps = (state.autorun_pending, state.calibrated, gpu_known);
    use_effect_with(deps, move |&(pending, calibrated, gpu_known)| {
        let state = &context.state;
        if !pending || !calibrated || !gpu_known || state.view.has_own_effects() {
            return;
        }
        let refusal = state.autorun_refusal();
        let start = refusal.is_none();
        context.dispatcher().emit(Action::AutorunHandled(refusal));
        if start {
            context.start(run_comparison);
        }
    });
}
