//! What every component reaches through context: the state (and its dispatcher) and the
//! controls that cancel what is running.

use crate::app::{Action, AppState};
use crate::ui::lab::runner::Controls;
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

/// What the app provides to every component: the state, and the controls that start a job
/// ([`AppContext::start`]) or cancel it.
#[derive(Clone, PartialEq)]
pub struct AppContext {
    /// The state; dispatch actions through it.
    pub state: UseReducerHandle<AppState>,
    /// Cancels the run in progress.
    pub controls: Rc<Controls>,
}

impl AppContext {
    /// A callback that dispatches actions.
    pub fn dispatcher(&self) -> Callback<Action> {
        self.state.dispatcher().to_callback()
    }

    /// Starts a job (a comparison run, the sweep, the calibration, the core count) on the state
    /// as it is now: the one way the page starts one. The job reports through the dispatcher
    /// and stops when the controls cancel it.
    pub fn start<F>(&self, job: impl FnOnce(Rc<AppState>, Callback<Action>, Controls) -> F)
    where
        F: Future<Output = ()> + 'static,
    {
        let snapshot = Rc::new((*self.state).clone());
        wasm_bindgen_futures::spawn_local(job(
            snapshot,
            self.dispatcher(),
            (*self.controls).clone(),
        ));
    }
}

/// The app's context, from inside a component (every component is inside it).
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("every component is inside the app's context")
}
