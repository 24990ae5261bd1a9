//! The Python lab's run: each chosen mode in turn on its interpreters
//! (`web::python_workers::ModeRun`), reporting what it does, each mode's end and the run's end
//! to the state, which decides what the page says. Cancel ends the mode running.

use crate::own_python::lab::{PyLabAction, RunRequest};
use crate::web::page;
use crate::web::python_workers::{Canceller, ModeRun};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::Callback;

/// What stops the run going on, and whether one is.
#[derive(Default)]
pub struct PyControls {
    canceller: RefCell<Option<Canceller>>,
    busy: Cell<bool>,
}

impl PyControls {
    /// Cancels the mode running (its workers are ended); the run ends with it.
    pub fn cancel(&self) {
        if let Some(canceller) = self.canceller.borrow().as_ref() {
            canceller.cancel();
        }
    }

    /// Marks a run as going on; false if one already is.
    pub fn begin(&self) -> bool {
        !self.busy.replace(true)
    }
}

impl PartialEq for PyControls {
    /// The lab has one, for as long as it is open.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Runs every mode of `request` in order; a mode whose ending ends the run
/// (`Ending::ends_run`) is the last.
pub async fn run_python(
    request: RunRequest,
    dispatch: Callback<PyLabAction>,
    controls: Rc<PyControls>,
) {
    let RunRequest { settings, code } = request;
    let mut version = None;
    let say = {
        let dispatch = dispatch.clone();
        move |text: String| dispatch.emit(PyLabAction::Progress(text))
    };
    for mode in settings.modes.clone() {
        let mode_run = ModeRun::new();
        *controls.canceller.borrow_mut() = Some(mode_run.canceller());
        let (log, ending) = mode_run
            .run(mode, &settings, &code, &say, &mut version)
            .await;
        controls.canceller.borrow_mut().take();
        let last = ending.ends_run();
        dispatch.emit(PyLabAction::ModeFinished(log.finish(), ending));
        if last {
            break;
        }
        page::next_frame().await;
    }
    dispatch.emit(PyLabAction::RunEnded { python: version });
    controls.busy.set(false);
    page::mark("cp-python-finished");
}
