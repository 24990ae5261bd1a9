//! The timeline of one mode's run: a lane per execution unit (`timeline_lane`), on a time scale
//! shared by every mode so they compare by eye, with its axis, the description of the chosen
//! bar, the record as a trace for Perfetto, and the same intervals as a table for screen readers.
//! Intervals narrower than a pixel are merged (`model::timeline::bars`). Its replay
//! (`widgets::replay`) moves a playhead over the lanes and says what each unit was doing then.

use crate::engine::ModeResult;
use crate::format::millis;
use crate::model::record::{IntervalKind, RunRecord};
use crate::model::replay::Replayable;
use crate::model::timeline::{bars, tick_label, ticks};
use crate::model::trace::chrome_trace;
use crate::ui::widgets::lane::{TimelineLane, WIDTH};
use crate::ui::widgets::replay::{Replay, playhead};
use crate::ui::widgets::styled::Styled;
use crate::ui::widgets::text;
use crate::web::page;
use std::rc::Rc;
use yew::prelude::*;

/// The most table rows shown for one run.
const TABLE_ROWS: usize = 2000;

/// Props: the run, and the time the scale spans (ms).
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The run.
    pub result: ModeResult,
    /// The end of the shared scale, ms.
    pub scale_ms: f64,
    /// Where its playhead starts (a downloaded record's), ms.
    #[prop_or_default]
    pub playhead: Option<f64>,
}

/// One mode's timeline: its lanes on the shared scale, the axis, the chosen bar's description,
/// the downloads (JSON record, Perfetto trace) and the table of intervals.
#[component]
#[optimize(size)]
pub fn Timeline(props: &TimelineProps) -> Html {
    let details = use_state_eq(|| None::<String>);
    let record = props.result.record.clone();
    let scale = props.scale_ms.max(1e-3);
    // Keyed by the record's address: comparing whole records would cost more than merging.
    let lane_bars = {
        let record = record.clone();
        use_memo((Rc::as_ptr(&record) as usize, scale.to_bits()), move |_| {
            record
                .lanes
                .iter()
                .map(|lane| Rc::new(bars(&lane.intervals, WIDTH / scale)))
                .collect::<Vec<_>>()
        })
    };
    use_effect_with(Rc::as_ptr(&record) as usize, |_| {
        page::mark("cp-timeline-drawn")
    });
    // The playhead starts where the record's file left it (each record has its own timeline:
    // `Timelines` keys them by record).
    let at = use_state(|| props.playhead);
    let lanes = record.lanes.len();
    let height = if lanes <= 24 {
        18
    } else if lanes <= 100 {
        6
    } else {
        2
    };
    let labelled = height >= 12;
    let where_ = if record.on_main_thread {
        " on the page's main thread"
    } else {
        ""
    };
    let caption = format!(
        "{}{where_}: wall {}, start-up {}, {lanes} {}",
        record.mode.title(),
        millis(record.wall_ms),
        millis(record.startup_ms),
        if lanes == 1 { "lane" } else { "lanes" }
    );
    // One callback for the component's life, so that describing a bar redraws no lane.
    let on_describe = {
        let details = details.setter();
        use_callback((), move |text: String, _| details.set(Some(text)))
    };
    let axis = ticks(scale, 6).into_iter().filter(|t| *t <= scale * 1.0001).map(|t| {
        html! { <Styled class="tick" property="left" value={format!("{:.3}%", t / scale * 100.0)}>{ tick_label(t) }</Styled> }
    });
    let export_trace = {
        let record = record.clone();
        move |_| {
            page::download(
                &format!(
                    "{}-{}.trace.json",
                    record.settings.workload.name(),
                    record.mode.name()
                ),
                "application/json",
                &chrome_trace(&[&*record]).to_string(),
            )
        }
    };
    html! {
        <figure class={classes!("timeline", if labelled { "labelled" } else { "dense" })} data-mode={record.mode.name()}
            data-scale-ms={scale.to_string()} data-origin-ms={record.origin_ms.to_string()} data-span-ms={record.span_ms().to_string()}
            data-ended-ms={record.stopped.map(|s| s.ended_ms.to_string())}>
            <figcaption>{ caption }</figcaption>
            if let Some(note) = text::dropped_note(&record.lanes, crate::engine::unit_log::MAX_INTERVALS) { <p class="note dropped">{ note }</p> }
            <div class="lanes">
                for (index, lane) in record.lanes.iter().enumerate() {
                    <TimelineLane key={index} label={AttrValue::from(lane.label.clone())} bars={lane_bars[index].clone()}
                        scale_ms={scale} {height} {labelled} on_describe={on_describe.clone()} />
                }
                { playhead(*at, scale) }
            </div>
            <div class="axis" aria-hidden="true">{ for axis }</div>
            <Replay replayed={record.clone() as Rc<dyn Replayable>} scale_ms={scale} {at} />
            <p class="details" aria-live="polite">
                { (*details).clone().unwrap_or_else(|| text::TIMELINE_HINT.to_owned()) }
            </p>
            <div class="exports">
                <button class="export-trace" onclick={export_trace}>{ "Download a trace for Perfetto" }</button>
            </div>
            <TimelineTable record={record.clone()} />
        </figure>
    }
}

/// Props: the record whose intervals the table lists.
#[derive(Properties, PartialEq)]
pub struct TimelineTableProps {
    /// The run's record.
    pub record: Rc<RunRecord>,
}

/// The timeline's intervals as a table for screen readers, built only once someone opens it.
#[component]
#[optimize(size)]
pub fn TimelineTable(props: &TimelineTableProps) -> Html {
    let table_open = use_state(|| false);
    let record = &props.record;
    let ontoggle = {
        let table_open = table_open.clone();
        move |event: Event| {
            table_open.set(
                event
                    .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        }
    };
    let rows: Vec<Html> = record
        .intervals()
        .take(if *table_open { TABLE_ROWS } else { 0 })
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
    html! {
        <details class="as-table" {ontoggle}>
                <summary>{ "This timeline as a table" }</summary>
                <table>
                    <caption>{ format!("{} intervals of {}", total, record.mode.title()) }</caption>
                    <thead><tr><th scope="col">{ "Unit" }</th><th scope="col">{ "Task" }</th><th scope="col">{ "Doing" }</th><th scope="col">{ "Start (ms)" }</th><th scope="col">{ "Duration (ms)" }</th></tr></thead>
                    <tbody>{ rows }</tbody>
                </table>
                if total > TABLE_ROWS { <p>{ format!("The first {TABLE_ROWS} of {total} intervals are listed.") }</p> }
            </details>
    }
}

/// The interval kinds a legend names.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The kinds that occur in the timelines shown, in the order of `IntervalKind::ALL`.
    pub kinds: Vec<IntervalKind>,
}

/// The legend: the colour and word of each interval kind the timelines below contain, shown
/// once above them (a kind no run here produced, such as the locks lab's, is left out).
#[component]
#[optimize(size)]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="legend">
            for kind in props.kinds.iter() {
                <li><span class={classes!("swatch", kind.name())}></span>{ kind.label() }</li>
            }
        </ul>
    }
}
