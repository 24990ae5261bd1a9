//! Every mode's timeline of the last comparison, and of a classmate's imported run beside it,
//! on one shared time scale.

use super::mandelbrot_view::MandelbrotView;
use super::text;
use super::timeline::{Legend, Timeline};
use crate::app::lesson::LessonRun;
use crate::model::record::IntervalKind;
use crate::ui::shell::context::use_app;
use std::rc::Rc;
use yew::prelude::*;

/// What the section shows: the last comparison (no props), or one run of a lesson.
#[derive(Properties, PartialEq)]
pub struct TimelinesProps {
    /// A lesson's finished run, instead of the comparison in progress or last made.
    #[prop_or_default]
    pub run: Option<LessonRun>,
    /// Added to the heading's id, to keep it unique.
    #[prop_or_default]
    pub suffix: AttrValue,
}

/// Every finished mode's timeline (and Mandelbrot image), scaled to the longest; nothing until
/// a mode has finished.
#[component]
#[optimize(size)]
pub fn Timelines(props: &TimelinesProps) -> Html {
    let app = use_app();
    let results = match &props.run {
        Some(run) => &run.results,
        None => &app.state.results,
    };
    let theirs = app.state.classmate.as_ref().filter(|_| props.run.is_none());
    let their_results = theirs.map_or(&[][..], |c| &c.results[..]);
    let heading = format!("timelines-heading{}", props.suffix);
    if results.is_empty() && their_results.is_empty() {
        return html! {};
    }
    let scale_ms = results
        .iter()
        .chain(their_results)
        .map(|r| r.record.span_ms())
        .fold(1.0, f64::max);
    let kinds: Vec<IntervalKind> = IntervalKind::ALL
        .iter()
        .copied()
        .filter(|&kind| {
            results.iter().chain(their_results).any(|r| {
                r.record
                    .lanes
                    .iter()
                    .any(|lane| lane.intervals.iter().any(|i| i.kind == kind))
            })
        })
        .collect();
    html! {
        <section class="timelines" aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ "What each unit did, and when" }</h2>
            <p class="explain">{ text::TIMELINES_EXPLAIN }</p>
            <Legend {kinds} />
            for result in results.iter() {
                <Timeline key={Rc::as_ptr(&result.record) as usize} result={result.clone()} {scale_ms} />
                if let Some(image) = result.image.clone() {
                    <MandelbrotView {image} record={result.record.clone()} />
                }
            }
            if let Some(theirs) = theirs {
                <div class="classmate-timelines" id="classmate-timelines">
                    <h3>{ format!("Your classmate's run, in {}, on the same scale", theirs.machine.browser) }</h3>
                    for (result, playhead) in their_results.iter().zip(&theirs.playheads) {
                        <Timeline key={Rc::as_ptr(&result.record) as usize} result={result.clone()} {scale_ms} playhead={*playhead} />
                    }
                </div>
            }
        </section>
    }
}
