//! Wall times as horizontal bars, start-up drawn beside them, on one scale. The table holds the
//! same numbers, so the chart is hidden from screen readers.

use crate::ui::shell::context::use_app;
use crate::ui::widgets::styled::Styled;
use yew::prelude::*;

/// Each finished mode's wall time (and start-up) as a bar; nothing until a mode has finished.
#[component]
#[optimize(size)]
pub fn BarChart() -> Html {
    let app = use_app();
    let results = &app.state.results;
    if results.is_empty() {
        return html! {};
    }
    let longest = results
        .iter()
        .map(|r| r.record.wall_ms + r.record.startup_ms)
        .fold(1e-9, f64::max);
    html! {
        <div class="bar-chart" aria-hidden="true">
            for result in results.iter() {
                {{
                    let r = &result.record;
                    let work = 100.0 * r.wall_ms / longest;
                    let startup = 100.0 * r.startup_ms / longest;
                    html! {
                        <div class="bar-row">
                            <span class="bar-label">{ r.mode.title() }</span>
                            <span class="bar-track">
                                <Styled class="bar startup" property="width" value={format!("{startup:.2}%")} />
                                <Styled class={classes!("bar", "wall", r.mode.name())} property="width" value={format!("{work:.2}%")} />
                                <span class="bar-value">{ format!("{:.1} ms", r.wall_ms) }</span>
                            </span>
                        </div>
                    }
                }}
            }
            <p class="legend"><span class="swatch startup"></span>{ " start-up " }<span class="swatch wall"></span>{ " wall time" }</p>
        </div>
    }
}
