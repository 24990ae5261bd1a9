//! The scheduler view's effects: fetching the levels file once, and keeping the address in step
//! with the level and the moves (`SchedulerLab::query`), so that a copied address replays them.

use crate::scheduler::lab::{SchedulerAction, SchedulerLab};
use crate::web::page;
use std::rc::Rc;
use yew::prelude::*;

/// Where the levels file is, relative to the page (the lessons' pages list their levels too).
pub const LEVELS: &str = "scheduler/levels.json";

impl Reducible for SchedulerLab {
    type Action = SchedulerAction;

    fn reduce(self: Rc<Self>, action: SchedulerAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// Every effect of the scheduler view.
#[hook]
pub fn use_scheduler_effects(state: &UseReducerHandle<SchedulerLab>) {
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let text = page::fetch_text(LEVELS).await;
                dispatch.dispatch(SchedulerAction::Loaded(text));
            });
        });
    }
    use_effect_with(state.query(), |query| page::show_query(query));
}
