//! Every mode's timeline of the last comparison, on one shared time scale.

use super::context::use_app;
use super::mandelbrot_view::MandelbrotView;
use super::text;
use super::timeline::{Legend, Timeline};
use crate::model::record::IntervalKind;
use yew::prelude::*;

/// Every finished mode's timeline (and Mandelbrot image), scaled to the longest; nothing until
/// a mode has finished.
#[component]
#[optimize(size)]
pub fn Timelines() -> Html {
    let app = use_app();
    let results = &app.state.results;
    if results.is_empty() {
        return html! {};
    }
    let scale_ms = results
        .iter()
        .map(|r| r.record.span_ms())
        .fold(1.0, f64::max);
    let kinds: Vec<IntervalKind> = IntervalKind::ALL
        .iter()
        .copied()
        .filter(|&kind| {
            results.iter().any(|r| {
                r.record
                    .lanes
                    .iter()
                    .any(|lane| lane.intervals.iter().any(|i| i.kind == kind))
            })
        })
        .collect();
    html! {
        <section class="timelines" aria-labelledby="timelines-heading">
            <h2 id="timelines-heading">{ "What each unit did, and when" }</h2>
            <p class="explain">{ text::TIMELINES_EXPLAIN }</p>
            <Legend {kinds} />
            for result in results.iter() {
                <Timeline result={result.clone()} {scale_ms} />
                if let Some(image) = result.image.clone() {
                    <MandelbrotView {image} record={result.record.clone()} />
                }
            }
        </section>
    }
}
