//! The page: its layout (full, or compact with `embed=1`), and the effects that tie it to the
//! world: calibrating at start, keeping the URL in step with the settings, and following
//! `run=1`.

use super::context::AppContext;
use super::effects::use_page_effects;
use crate::app::AppState;
use crate::ui::lab::page::Lab;
use crate::ui::lab::runner::Controls;
use std::rc::Rc;
use yew::prelude::*;

/// Props: the state the page starts in, and the views this wasm module can show.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Made from the URL and the browser, once.
    pub initial: Rc<AppState>,
    /// The views besides the main lab that this module holds (see [`crate::ui::Views`]).
    pub views: crate::ui::Views,
}

/// The whole page: the view the link opened (the main lab, or one that the views module
/// holds). Owns the reducer and the controls that every component reaches through
/// [`super::context::use_app`].
#[component]
#[optimize(size)]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || (*initial).clone());
    let controls = use_memo((), |_| Controls::default());
    let context = AppContext {
        state: state.clone(),
        controls: controls.clone(),
    };

    use_page_effects(&context);

    let embed = state.flags.embed;
    let body = props
        .views
        .show(&state.view)
        .unwrap_or_else(|| html! { <Lab /> });
    html! {
        <ContextProvider<AppContext> context={context}>
            <div class={classes!("app", embed.then_some("embed"))}>{ body }</div>
        </ContextProvider<AppContext>>
    }
}
