//! A button that copies a text to the clipboard and says whether the browser allowed it.

use crate::web::page;
use yew::prelude::*;

/// What to copy, the button's label, and the word its failure message uses for the text.
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// The button's label.
    pub label: AttrValue,
    /// What the text is, for the fallback sentence ("link", "code").
    pub what: AttrValue,
    /// The button's id.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A button that copies `text`, then says "Copied." or, if the browser refused, how to copy
/// by hand.
#[component]
#[optimize(size)]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let onclick = {
        let (text, copied) = (props.text.clone(), copied.clone());
        move |_| {
            let (text, copied) = (text.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(page::copy_text(&text).await))
            });
        }
    };
    let status = match *copied {
        Some(true) => "Copied.".to_owned(),
        Some(false) => format!(
            "The browser did not allow copying; select the {} and copy it.",
            props.what
        ),
        None => String::new(),
    };
    html! {
        <>
            <button id={props.id.clone()} {onclick}>{ props.label.clone() }</button>
            <span role="status">{ status }</span>
        </>
    }
}
