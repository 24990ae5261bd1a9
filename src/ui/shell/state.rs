//! The page's state as a Yew reducer: a wrapper around `app::AppState::apply`, which holds
//! every rule and is tested natively.

use crate::app::{Action, AppState};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}
