//! The nav bar every view shows: a link to each of the other views (`View::NAV`), each address
//! built by `View::query`, so no view writes another's address by hand.

use crate::app::link::View;
use yew::prelude::*;

/// Props: the view showing the bar, and what its links carry.
#[derive(Properties, PartialEq)]
pub struct NavProps {
    /// The view the bar is in; its own link is left out (a lesson's bar keeps the index's).
    pub current: View,
    /// The main lab's address with this view's settings, when it has some to carry.
    #[prop_or_default]
    pub lab_href: Option<AttrValue>,
    /// A fragment for the lessons' link (the locks lab points at its own lessons).
    #[prop_or_default]
    pub lessons_anchor: Option<&'static str>,
}

/// What a view's link says.
fn title(view: &View) -> &'static str {
    match view {
        View::Lab => "The main lab: sequential, threads, processes, coroutines",
        View::Lessons | View::Lesson(_) => "Lessons: the lecture, one experiment at a time",
        View::Compare => "Compare with a classmate",
        View::LocksLab => "Locks, contention and queues: lost updates on real threads",
        View::PythonLab => "Your own Python: write the task, run it in real CPython",
        View::Scheduler => "Be the scheduler: cause a lost update or a deadlock yourself",
    }
}

/// The class tests and styles know a view's link by.
fn class(view: &View) -> &'static str {
    match view {
        View::Lab => "lab-link",
        View::Lessons | View::Lesson(_) => "lessons-link",
        View::Compare => "compare-link",
        View::LocksLab => "locks-link",
        View::PythonLab => "python-link",
        View::Scheduler => "scheduler-link",
    }
}

/// The bar: a link to every view but the current one.
#[component]
#[optimize(size)]
pub fn Nav(props: &NavProps) -> Html {
    let links = View::NAV
        .iter()
        .filter(|v| **v != props.current)
        .map(|view| {
            let href = match view {
                View::Lab => props
                    .lab_href
                    .as_ref()
                    .map_or_else(|| view.query(), |h| h.to_string()),
                View::Lessons => format!("{}{}", view.query(), props.lessons_anchor.unwrap_or("")),
                _ => view.query(),
            };
            html! { <a class={class(view)} href={href}>{ title(view) }</a> }
        });
    html! { <nav class="top-links" aria-label="Pages">{ for links }</nav> }
}
