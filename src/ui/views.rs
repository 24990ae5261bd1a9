//! The views module's views: what the page shows, besides the main lab, once the main module
//! has fetched the views module for a link that opens one of them (see [`super::Views`]).

use super::Views;
use super::classmate::ComparePage;
use super::lesson_view::LessonPage;
use super::lessons_index::LessonsIndex;
use super::locks_lab::LocksLab;
use super::python_lab::PythonLab;
use crate::app::link::View;
use yew::prelude::*;

/// The views module's views, handed to [`super::start`] by its binary.
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
        View::Lab => None,
    }
}
