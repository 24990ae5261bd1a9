//! An element with one inline style property, set through the CSSOM
//! (`element.style.setProperty`) rather than a `style="…"` attribute: the page's
//! Content-Security-Policy (`style-src 'self'`, no `'unsafe-inline'`) refuses style attributes
//! in markup but allows a script of the page's own to style an element. For the lengths and
//! colours that come from a run (a bar's width, a tick's place, a lane's height, a swatch).

use yew::prelude::*;

/// Props of a [`Styled`] element.
#[derive(Properties, PartialEq)]
pub struct StyledProps {
    /// The element's tag name.
    #[prop_or("span")]
    pub tag: &'static str,
    /// Its classes.
    #[prop_or_default]
    pub class: Classes,
    /// The CSS property set on it, e.g. `width`.
    pub property: &'static str,
    /// That property's value, e.g. `42.00%`.
    pub value: AttrValue,
    /// What it holds.
    #[prop_or_default]
    pub children: Html,
}

/// `<tag class=…>children</tag>` whose `property` is `value`, set after each render that changes
/// it (before the browser paints).
#[component]
pub fn Styled(props: &StyledProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(
            (props.property, props.value.clone()),
            move |(property, value)| {
                if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                    let _ = element.style().set_property(property, value);
                }
            },
        );
    }
    html! {
        <@{props.tag} ref={node} class={props.class.clone()}>{ props.children.clone() }</@>
    }
}
