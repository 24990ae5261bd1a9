//! The Python lab's state as a Yew reducer (a wrapper around `own_python::lab::PyLabState::apply`,
//! which holds every rule and is tested natively), and the context its components reach it
//! through.

use super::runner::{PyControls, run_python};
use crate::own_python::lab::{PyLabAction, PyLabState};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for PyLabState {
    type Action = PyLabAction;

    fn reduce(self: Rc<Self>, action: PyLabAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// What every component of the Python lab reaches: the state and what cancels its run.
#[derive(Clone, PartialEq)]
pub struct PyLab {
    /// The state; dispatch actions through it.
    pub state: UseReducerHandle<PyLabState>,
    /// Cancels the run going on.
    pub controls: Rc<PyControls>,
}

impl PyLab {
    /// A callback that dispatches actions.
    pub fn dispatcher(&self) -> Callback<PyLabAction> {
        self.state.dispatcher().to_callback()
    }

    /// Run: the state starts the run or says why not (`PyLabState::run_request`), and the
    /// runner runs what it would start.
    pub fn run(&self) {
        let request = self.state.run_request();
        self.dispatcher().emit(PyLabAction::RunStarted);
        if let Ok(request) = request
            && self.controls.begin()
        {
            wasm_bindgen_futures::spawn_local(run_python(
                request,
                self.dispatcher(),
                self.controls.clone(),
            ));
        }
    }
}

/// The Python lab's context, from inside one of its components.
#[hook]
pub fn use_py_lab() -> PyLab {
    use_context::<PyLab>().expect("the Python lab's components are inside its context")
}
