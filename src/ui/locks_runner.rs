//! The locks lab's job: its experiment in a unit worker with its own pool of threads
//! (`web::locks`). Only the lab's view starts it, so only the views module carries it.

use super::runner::Controls;
use crate::app::{Action, AppState};
use crate::locks::LocksPlan;
use crate::web::inbox::{Inbox, RunError};
use crate::web::{locks, page};
use std::rc::Rc;
use yew::Callback;

/// Runs the locks lab's experiment in a unit worker with its own pool of threads.
pub async fn run_locks_lab(state: Rc<AppState>, dispatch: Callback<Action>, controls: Controls) {
    controls.begin();
    if let Some(reason) = state.locks_unavailable() {
        dispatch.emit(Action::RunEnded(Some(reason)));
        return;
    }
    dispatch.emit(Action::LocksStarted);
    let settings = state.settings.clone();
    let mut inbox = Inbox::new();
    *controls.canceller.borrow_mut() = Some(inbox.canceller());
    let outcome = locks::run_locks(LocksPlan::new(&settings), &mut inbox).await;
    controls.canceller.borrow_mut().take();
    let message = match outcome {
        Ok(report) => {
            page::mark("cp-locks-finished");
            dispatch.emit(Action::LocksFinished(Rc::new((settings, report))));
            None
        }
        Err(RunError::Cancelled) => Some("Cancelled.".to_owned()),
        Err(RunError::Failed(message)) => Some(format!("The experiment failed: {message}")),
    };
    dispatch.emit(Action::RunEnded(message));
}
