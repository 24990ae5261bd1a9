//! A chart of lanes on its own time scale, with its legend: the locks lab's threads (computing
//! and waiting for a lock or on a queue) and the Python lab's interpreters and coroutines. Its
//! lanes are the same component as the main lab's timelines (`lane.rs`), reached by keyboard,
//! and it replays as they do (`replay.rs`), with what else the run sampled (`extras`: the
//! queue's depth, the counter).

use super::text;
use crate::model::record::{IntervalKind, Lane};
use crate::model::replay::{Chart, Replayable, Series};
use crate::model::timeline::{Bar, bars, tick_label, ticks};
use crate::ui::widgets::lane::{TimelineLane, WIDTH};
use crate::ui::widgets::replay::{Replay, playhead};
use crate::ui::widgets::styled::Styled;
use std::rc::Rc;
use yew::prelude::*;

/// Props: a caption and the lanes.
#[derive(Properties, PartialEq)]
pub struct LaneChartProps {
    /// What ran.
    pub title: String,
    /// One lane per thread.
    pub lanes: Vec<Lane>,
    /// What a lane is, for the caption ("thread" unless given).
    #[prop_or(AttrValue::Static("thread"))]
    pub unit: AttrValue,
    /// How many intervals a lane keeps, for the note on those it dropped (`None`: it keeps all).
    #[prop_or_default]
    pub kept: Option<usize>,
    /// The view's own class for the figure (`locks-timeline`, `python-timeline`).
    #[prop_or_default]
    pub class: Classes,
    /// The ends of the chart's tasks, ms (the replay says how many were done).
    #[prop_or_default]
    pub task_ends: Rc<Vec<f64>>,
    /// Quantities the run sampled, whose values the replay says.
    #[prop_or_default]
    pub series: Rc<Vec<Series>>,
    /// The chart's name on the page (`data-chart`), where a download finds its playhead.
    pub chart: AttrValue,
}

/// The chart: caption, dropped note, legend, lanes, axis and the chosen bar's description.
#[component]
pub fn LaneChart(props: &LaneChartProps) -> Html {
    let details = use_state_eq(|| None::<String>);
    let on_describe = {
        let details = details.setter();
        use_callback((), move |text: String, _| details.set(Some(text)))
    };
    let at = use_state_eq(|| None);
    // Everything drawn from the lanes, once per set of lanes (the playhead redraws the chart).
    let drawn = use_memo(
        (
            props.lanes.clone(),
            props.task_ends.clone(),
            props.series.clone(),
        ),
        |(lanes, task_ends, series)| Drawn::new(lanes, task_ends, series),
    );
    let scale = drawn.scale;
    {
        // Other lanes (a new run): the playhead starts again.
        let at = at.clone();
        use_effect_with(Rc::as_ptr(&drawn) as usize, move |_| at.set(None));
    }
    let axis = ticks(scale, 6).into_iter().filter(|t| *t <= scale * 1.0001).map(|t| {
        html! { <Styled class="tick" property="left" value={format!("{:.3}%", t / scale * 100.0)}>{ tick_label(t) }</Styled> }
    });
    html! {
        <figure class={classes!("timeline", "labelled", "lane-chart", props.class.clone())} data-chart={props.chart.clone()}>
            <figcaption>{ format!("{}: what each {} did", props.title, props.unit) }</figcaption>
            if let Some(note) = props.kept.and_then(|kept| text::dropped_note(&props.lanes, kept)) { <p class="note dropped">{ note }</p> }
            <ul class="legend">
                for kind in drawn.kinds.iter() {
                    <li><span class={classes!("swatch", kind.name())}></span>{ kind.label() }</li>
                }
            </ul>
            <div class="lanes">
                for (index, lane) in props.lanes.iter().enumerate() {
                    <TimelineLane key={index} label={AttrValue::from(lane.label.clone())}
                        bars={drawn.bars[index].clone()}
                        scale_ms={scale} height={18} labelled={true} on_describe={on_describe.clone()} />
                }
                { playhead(*at, scale) }
            </div>
            <div class="axis" aria-hidden="true">{ for axis }</div>
            <Replay replayed={drawn.chart.clone() as Rc<dyn Replayable>} scale_ms={scale} {at} />
            <p class="details" aria-live="polite">
                { (*details).clone().unwrap_or_else(|| text::TIMELINE_HINT.to_owned()) }
            </p>
        </figure>
    }
}

/// What a chart draws from its lanes: the scale, the kinds in its legend, each lane's bars,
/// and what its replay replays.
struct Drawn {
    scale: f64,
    kinds: Vec<IntervalKind>,
    bars: Vec<Rc<Vec<Bar>>>,
    chart: Rc<Chart>,
}

impl Drawn {
    fn new(lanes: &[Lane], task_ends: &[f64], series: &[Series]) -> Drawn {
        let scale = lanes
            .iter()
            .flat_map(|l| l.intervals.iter().map(|i| i.end))
            .fold(1e-3, f64::max);
        let kinds = IntervalKind::ALL
            .iter()
            .copied()
            .filter(|k| {
                lanes
                    .iter()
                    .any(|l| l.intervals.iter().any(|i| i.kind == *k))
            })
            .collect();
        Drawn {
            scale,
            kinds,
            bars: lanes
                .iter()
                .map(|lane| Rc::new(bars(&lane.intervals, WIDTH / scale)))
                .collect(),
            chart: Rc::new(Chart {
                lanes: lanes.to_vec(),
                task_ends: task_ends.to_vec(),
                series: series.to_vec(),
            }),
        }
    }
}
