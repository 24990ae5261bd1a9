//! What every component reaches through context: the state (and its dispatcher) and the
//! controls that cancel what is running.

use super::runner::Controls;
use super::state::AppState;
use std::rc::Rc;
use yew::prelude::*;

/// The app's context.
#[derive(Clone, PartialEq)]
pub struct AppContext {
    /// The state; dispatch actions through it.
    pub state: UseReducerHandle<AppState>,
    /// Cancels the run in progress.
    pub controls: Rc<Controls>,
}

impl AppContext {
    /// A callback that dispatches actions.
    pub fn dispatcher(&self) -> Callback<super::state::Action> {
        self.state.dispatcher().to_callback()
    }

    /// A snapshot of the state, for a job that runs on after this render.
    pub fn snapshot(&self) -> Rc<AppState> {
        Rc::new((*self.state).clone())
    }
}

/// The app's context, from inside a component.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("every component is inside the app's context")
}
