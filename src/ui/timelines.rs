//! Every mode's timeline of the last comparison, and of a classmate's imported run beside it,
//! on one shared time scale.

use super::context::use_app;
use super::mandelbrot_view::MandelbrotView;
use super::text;
use super::timeline::{Legend, Timeline};
use yew::prelude::*;

/// Every finished mode's timeline (and Mandelbrot image), scaled to the longest; nothing until
/// a mode has finished.
#[component]
pub fn Timelines() -> Html {
    let app = use_app();
    let results = &app.state.results;
    let theirs = app.state.classmate.as_ref();
    let their_results = theirs.map_or(&[][..], |c| &c.results[..]);
    if results.is_empty() && their_results.is_empty() {
        return html! {};
    }
    let scale_ms = results
        .iter()
        .chain(their_results)
        .map(|r| r.record.span_ms())
        .fold(1.0, f64::max);
    html! {
        <section class="timelines" aria-labelledby="timelines-heading">
            <h2 id="timelines-heading">{ "What each unit did, and when" }</h2>
            <p class="explain">{ text::TIMELINES_EXPLAIN }</p>
            <Legend />
            for result in results.iter() {
                <Timeline result={result.clone()} {scale_ms} />
                if let Some(image) = result.image.clone() {
                    <MandelbrotView {image} record={result.record.clone()} />
                }
            }
            if let Some(theirs) = theirs {
                <div class="classmate-timelines" id="classmate-timelines">
                    <h3>{ format!("Your classmate's run, in {}, on the same scale", theirs.machine.browser) }</h3>
                    for result in their_results.iter() {
                        <Timeline result={result.clone()} {scale_ms} />
                    }
                </div>
            }
        </section>
    }
}
