//! The timeline of one mode's run: a lane per execution unit, a bar per interval coloured by
//! kind, on a time scale shared by every mode so they compare by eye. Bars can be hovered or
//! reached by keyboard to tell what they were; the same intervals are also a table for screen
//! readers. Intervals narrower than a pixel are merged (`model::timeline::bars`).

use super::state::ModeResult;
use crate::model::format::millis;
use crate::model::record::IntervalKind;
use crate::model::timeline::{Bar, bars, tick_label, ticks};
use crate::model::trace::chrome_trace;
use crate::web::page;
use yew::prelude::*;

/// The width of a lane in the SVG's own units; bars narrower than one unit are merged.
const WIDTH: f64 = 1000.0;
/// The most table rows shown for one run.
const TABLE_ROWS: usize = 2000;

/// Props: the run, and the time the scale spans (ms).
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The run.
    pub result: ModeResult,
    /// The end of the shared scale, ms.
    pub scale_ms: f64,
}

fn describe(bar: &Bar, lane: &str) -> String {
    let tasks = match bar.tasks {
        Some((a, b)) if a == b => format!("task {a}"),
        Some((a, b)) => format!("tasks {a}–{b}"),
        None => "no task".to_owned(),
    };
    let merged = if bar.count > 1 {
        format!(" ({} intervals merged)", bar.count)
    } else {
        String::new()
    };
    format!(
        "{lane}: {tasks}, {}, from {} for {}{merged}",
        bar.kind.label(),
        millis(bar.start),
        millis(bar.end - bar.start)
    )
}

/// One mode's timeline.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let details = use_state(|| None::<String>);
    let record = &props.result.record;
    use_effect_with(record.clone(), |_| page::mark("cp-timeline-drawn"));
    let scale = props.scale_ms.max(1e-3);
    let x = |ms: f64| ms / scale * WIDTH;
    let lanes = record.lanes.len();
    let lane_height = if lanes <= 24 {
        18
    } else if lanes <= 100 {
        6
    } else {
        2
    };
    let labelled = lane_height >= 12;
    let tick_marks = ticks(scale, 6);
    let where_ = if record.on_main_thread {
        " on the page's main thread"
    } else {
        ""
    };
    let caption = format!(
        "{}{where_}: wall {}, start-up {}, {} lanes",
        record.mode.title(),
        millis(record.wall_ms),
        millis(record.startup_ms),
        lanes
    );
    let lane_rows = record.lanes.iter().enumerate().map(|(index, lane)| {
        let drawn = bars(&lane.intervals, WIDTH / scale);
        let rects = drawn.iter().map(|bar| {
            let text = describe(bar, &lane.label);
            let (focus_text, hover_text) = (text.clone(), text.clone());
            let (on_focus, on_hover) = (details.clone(), details.clone());
            let width = (x(bar.end) - x(bar.start)).max(0.8);
            html! {
                <rect x={format!("{:.2}", x(bar.start))} y="0" width={format!("{width:.2}")} height="10"
                    class={classes!("iv", bar.kind.name())} tabindex="0" role="img" aria-label={text.clone()}
                    onfocus={move |_| on_focus.set(Some(focus_text.clone()))}
                    onmouseenter={move |_| on_hover.set(Some(hover_text.clone()))}>
                    <title>{ text }</title>
                </rect>
            }
        });
        html! {
            <div class="lane" key={index} style={format!("height:{lane_height}px")} data-lane={index.to_string()}>
                if labelled { <span class="lane-label">{ lane.label.clone() }</span> }
                <svg class="lane-bars" viewBox={format!("0 0 {WIDTH} 10")} preserveAspectRatio="none" role="group"
                    aria-label={lane.label.clone()}>
                    { for rects }
                </svg>
            </div>
        }
    });
    let axis = tick_marks.iter().filter(|t| **t <= scale * 1.0001).map(|t| {
        html! { <span class="tick" style={format!("left:{:.3}%", t / scale * 100.0)}>{ tick_label(*t) }</span> }
    });
    let rows: Vec<Html> = record
        .intervals()
        .take(TABLE_ROWS)
        .map(|(lane, iv)| {
            html! {
                <tr>
                    <td>{ record.lanes[lane].label.clone() }</td>
                    <td>{ iv.task.map_or_else(|| "–".to_owned(), |t| t.to_string()) }</td>
                    <td>{ iv.kind.label() }</td>
                    <td>{ format!("{:.3}", iv.start) }</td>
                    <td>{ format!("{:.3}", iv.duration()) }</td>
                </tr>
            }
        })
        .collect();
    let total: usize = record.lanes.iter().map(|l| l.intervals.len()).sum();
    let file = format!("{}-{}", record.settings.workload.name(), record.mode.name());
    let export_json = {
        let (record, file) = (record.clone(), file.clone());
        move |_| {
            let text = serde_json::to_string_pretty(&*record).expect("a record serializes");
            page::download(&format!("{file}.json"), "application/json", &text);
        }
    };
    let export_trace = {
        let record = record.clone();
        move |_| {
            let text = chrome_trace(&[&*record]).to_string();
            page::download(&format!("{file}.trace.json"), "application/json", &text);
        }
    };
    html! {
        <figure class={classes!("timeline", if labelled { "labelled" } else { "dense" })} data-mode={record.mode.name()}>
            <figcaption>{ caption }</figcaption>
            <div class="lanes">{ for lane_rows }</div>
            <div class="axis" aria-hidden="true">{ for axis }</div>
            <p class="details" aria-live="polite">
                { (*details).clone().unwrap_or_else(|| "Point at a bar, or reach it with Tab, to see what it was.".to_owned()) }
            </p>
            <div class="exports">
                <button class="export-json" onclick={export_json}>{ "Download the record (JSON)" }</button>
                <button class="export-trace" onclick={export_trace}>{ "Download a trace for Perfetto" }</button>
            </div>
            <details class="as-table">
                <summary>{ "This timeline as a table" }</summary>
                <table>
                    <caption>{ format!("{} intervals of {}", total, record.mode.title()) }</caption>
                    <thead><tr><th scope="col">{ "Unit" }</th><th scope="col">{ "Task" }</th><th scope="col">{ "Doing" }</th><th scope="col">{ "Start (ms)" }</th><th scope="col">{ "Duration (ms)" }</th></tr></thead>
                    <tbody>{ rows }</tbody>
                </table>
                if total > TABLE_ROWS { <p>{ format!("The first {TABLE_ROWS} of {total} intervals are listed.") }</p> }
            </details>
        </figure>
    }
}

/// The colours of the interval kinds.
#[component]
pub fn Legend() -> Html {
    html! {
        <ul class="legend">
            for kind in IntervalKind::ALL.iter() {
                <li><span class={classes!("swatch", kind.name())}></span>{ kind.label() }</li>
            }
        </ul>
    }
}
