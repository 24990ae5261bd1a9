//! The locks lab's jobs: its experiment in a unit worker with its own pool of threads
//! (`web::locks`), from the lab's Run or as a run of one of its lessons. Only the lab's and the
//! lessons' views start them, so only the views module carries them.

use crate::app::{Action, AppState};
use crate::locks::LocksPlan;
use crate::settings::Settings;
use crate::ui::lab::runner::Controls;
use crate::web::inbox::{Inbox, RunError};
use crate::web::{locks, page};
use std::rc::Rc;
use yew::Callback;

/// Runs the locks lab's experiment in a unit worker with its own pool of threads.
pub async fn run_locks_lab(state: Rc<AppState>, dispatch: Callback<Action>, controls: Controls) {
    controls.begin();
    let message = run_experiment(&state, state.settings.clone(), &dispatch, &controls)
        .await
        .err();
    dispatch.emit(Action::RunEnded(message));
}

/// Runs the experiment of `settings` and reports it (`LocksStarted`, `LocksFinished`); where it
/// cannot run here, reports that its units' mode failed (`locks::plan::units_mode`) and returns `Ok` so that a lesson can explain why.
///
/// # Errors
/// The sentence that ends the run: it was cancelled, or it failed.
pub async fn run_experiment(
    state: &AppState,
    settings: Settings,
    dispatch: &Callback<Action>,
    controls: &Controls,
) -> Result<(), String> {
    if let Some(reason) = state.locks_unavailable() {
        let mode = crate::locks::plan::units_mode(settings.experiment);
        dispatch.emit(Action::ModeFailed(mode, reason.clone()));
        return if state.in_locks_lesson() {
            Ok(())
        } else {
            Err(reason)
        };
    }
    dispatch.emit(Action::LocksStarted);
    let mut inbox = Inbox::new();
    *controls.canceller.borrow_mut() = Some(inbox.canceller());
    let outcome = locks::run_locks(LocksPlan::new(&settings), &mut inbox).await;
    controls.canceller.borrow_mut().take();
    match outcome {
        Ok(report) => {
            page::mark("cp-locks-finished");
            dispatch.emit(Action::LocksFinished(Rc::new((settings, report))));
            Ok(())
        }
        Err(RunError::Cancelled) => Err("Cancelled.".to_owned()),
        Err(RunError::Failed(message)) => Err(format!("The experiment failed: {message}")),
    }
}
