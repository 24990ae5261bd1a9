//! The locks lab's effects, which its view starts, so that only the views module carries them:
//! keeping the address in step with the lab's own link (`app::link::locks_query`), and
//! following `run=1` once the machine is measured. (The page's own effects calibrate.)

use super::runner::run_locks_lab;
use crate::app::Action;
use crate::app::link::locks_query;
use crate::settings::query::PageFlags;
use crate::ui::shell::context::use_app;
use crate::web::page;
use yew::prelude::*;

/// Every effect of the locks lab's view.
#[hook]
pub fn use_locks_effects() {
    let context = use_app();
    let state = &context.state;
    {
        let embed = state.flags.embed;
        use_effect_with(state.settings.clone(), move |settings| {
            page::show_query(&locks_query(settings, PageFlags { run: false, embed }));
        });
    }
    let deps = (state.autorun_pending, state.calibrated);
    use_effect_with(deps, move |&(pending, calibrated)| {
        if !pending || !calibrated {
            return;
        }
        let refusal = context.state.autorun_refusal();
        let start = refusal.is_none();
        context.dispatcher().emit(Action::AutorunHandled(refusal));
        if start {
            context.start(run_locks_lab);
        }
    });
}
