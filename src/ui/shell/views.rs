//! The views module's views: what the page shows, besides the main lab, once the main module
//! has fetched the views module for a link that opens one of them (see [`crate::ui::Views`]).

use crate::app::link::View;
use crate::ui::Views;
use crate::ui::compare::page::ComparePage;
use crate::ui::lessons::index::LessonsIndex;
use crate::ui::lessons::page::LessonPage;
use crate::ui::locks::page::LocksLab;
use crate::ui::python::page::PythonLab;
use crate::ui::scheduler::page::SchedulerPage;
use yew::prelude::*;

/// The views module's views, handed to [`crate::ui::start`] by its binary.
pub const VIEWS: Views = Views::module(show);

/// The view for `view`, or `None` for the main lab (with its notice for a view that is not
/// here yet).
fn show(view: &View) -> Option<Html> {
    match view {
        View::Lessons => Some(html! { <LessonsIndex /> }),
        View::Lesson(_) => Some(html! { <LessonPage /> }),
        View::Compare => Some(html! { <ComparePage /> }),
        View::LocksLab => Some(html! { <LocksLab /> }),
        View::PythonLab => Some(html! { <PythonLab /> }),
        View::Scheduler => Some(html! { <SchedulerPage /> }),
        View::Lab => None,
    }
}
