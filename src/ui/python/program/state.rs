//! The program form's state as a Yew reducer (around `own_python::program_lab::ProgramLab`,
//! which holds every rule), the context its components reach it through, and what cancels its
//! run.

use crate::own_python::program_lab::{ProgramAction, ProgramLab};
use crate::web::page;
use crate::web::platform::now_ms;
use crate::web::python_program::{ProgramCanceller, ProgramRun};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for ProgramLab {
    type Action = ProgramAction;

    fn reduce(self: Rc<Self>, action: ProgramAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// What cancels the run going on.
#[derive(Default)]
pub struct ProgramControls {
    canceller: RefCell<Option<ProgramCanceller>>,
}

impl ProgramControls {
    /// Ends the run going on (its interpreter is terminated).
    pub fn cancel(&self) {
        if let Some(canceller) = self.canceller.borrow().as_ref() {
            canceller.cancel();
        }
    }
}

impl PartialEq for ProgramControls {
    /// The form has one, for as long as it is open.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What every component of the form reaches.
#[derive(Clone, PartialEq)]
pub struct ProgramForm {
    /// The state; dispatch actions through it.
    pub state: UseReducerHandle<ProgramLab>,
    /// Cancels the run going on.
    pub controls: Rc<ProgramControls>,
}

impl ProgramForm {
    /// A callback that dispatches actions.
    pub fn dispatcher(&self) -> Callback<ProgramAction> {
        self.state.dispatcher().to_callback()
    }

    /// Run: the state starts the run or says why not, and the runner runs it.
    pub fn run(&self) {
        let request = self.state.run_request();
        let limit_s = self.state.limit_s;
        let dispatch = self.dispatcher();
        dispatch.emit(ProgramAction::RunStarted(now_ms()));
        let Ok(program) = request else { return };
        let run = ProgramRun::default();
        *self.controls.canceller.borrow_mut() = Some(run.canceller());
        let controls = self.controls.clone();
        wasm_bindgen_futures::spawn_local(async move {
            run.run(program, limit_s, &|action| dispatch.emit(action))
                .await;
            controls.canceller.borrow_mut().take();
            page::mark("cp-program-finished");
        });
    }
}

/// The program form's context, from inside one of its components.
#[hook]
pub fn use_program_form() -> ProgramForm {
    use_context::<ProgramForm>().expect("the program form's components are inside its context")
}
