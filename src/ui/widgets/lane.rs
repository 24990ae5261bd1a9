//! One lane of a timeline: the bars of one execution unit, drawn as one SVG path per kind of
//! interval (so thousands of bars stay cheap to draw). The lane takes the keyboard focus; the
//! arrow keys, Home and End then move from bar to bar, and pointing at the lane picks the bar
//! under the pointer. Either way the chosen bar is outlined and described.

use super::styled::Styled;
use crate::format::millis;
use crate::model::record::IntervalKind;
use crate::model::timeline::{Bar, bar_at, path};
use std::rc::Rc;
use yew::prelude::*;

/// The width of a lane in the SVG's own units.
pub const WIDTH: f64 = 1000.0;

/// Props of a lane (its bars compared by address).
#[derive(Properties)]
pub struct LaneProps {
    /// The unit's name.
    pub label: AttrValue,
    /// Its bars, sorted by start.
    pub bars: Rc<Vec<Bar>>,
    /// The end of the time scale, ms.
    pub scale_ms: f64,
    /// The lane's height in pixels.
    pub height: u32,
    /// Whether the label is shown beside the lane.
    pub labelled: bool,
    /// Hears the description of the chosen bar.
    pub on_describe: Callback<String>,
}

impl PartialEq for LaneProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.bars, &other.bars)
            && self.label == other.label
            && self.scale_ms == other.scale_ms
            && self.height == other.height
            && self.labelled == other.labelled
            && self.on_describe == other.on_describe
    }
}

/// What a bar was, in words.
pub fn describe(bar: &Bar, lane: &str) -> String {
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

/// One unit's lane: its bars, and the keyboard and pointer handling that choose one and tell
/// the timeline (`on_describe`) what it was.
#[component]
#[optimize(size)]
pub fn TimelineLane(props: &LaneProps) -> Html {
    let chosen = use_state_eq(|| None::<usize>);
    let scale = props.scale_ms.max(1e-3);
    let x = move |ms: f64| ms / scale * WIDTH;
    let choose = {
        let (chosen, bars, label, on_describe) = (
            chosen.clone(),
            props.bars.clone(),
            props.label.clone(),
            props.on_describe.clone(),
        );
        move |index: Option<usize>| {
            if let Some(bar) = index.and_then(|i| bars.get(i)) {
                on_describe.emit(describe(bar, &label));
            }
            chosen.set(index);
        }
    };
    let onkeydown = {
        let (choose, current, count) = (choose.clone(), *chosen, props.bars.len());
        move |event: KeyboardEvent| {
            if count == 0 {
                return;
            }
            let next = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" => current.map_or(0, |i| (i + 1).min(count - 1)),
                "ArrowLeft" | "ArrowUp" => current.map_or(0, |i| i.saturating_sub(1)),
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            event.prevent_default();
            choose(Some(next));
        }
    };
    let onfocus = {
        let (choose, current, empty) = (choose.clone(), *chosen, props.bars.is_empty());
        move |_: FocusEvent| {
            if !empty {
                choose(Some(current.unwrap_or(0)));
            }
        }
    };
    let onmousemove = {
        let (choose, bars) = (choose.clone(), props.bars.clone());
        move |event: MouseEvent| {
            let target: web_sys::Element = event.target_unchecked_into();
            let width = f64::from(target.client_width().max(1));
            let ms = event.offset_x() / width * scale;
            choose(bar_at(&bars, ms));
        }
    };
    // The paths depend on the bars and the scale only, not on the chosen bar.
    let paths = use_memo(
        (Rc::as_ptr(&props.bars) as usize, scale.to_bits()),
        |_| -> Html {
            IntervalKind::ALL
                .iter()
                .filter_map(|&kind| {
                    let d = path(props.bars.iter().filter(|b| b.kind == kind), x, 10.0, 0.8);
                    (!d.is_empty())
                        .then(|| html! { <path class={classes!("iv", kind.name())} d={d} /> })
                })
                .collect()
        },
    );
    let outline = chosen.and_then(|i| props.bars.get(i)).map(|bar| {
        let width = (x(bar.end) - x(bar.start)).max(0.8);
        html! { <rect class="chosen" x={format!("{:.2}", x(bar.start))} y="0" width={format!("{width:.2}")} height="10" /> }
    });
    let summary = format!(
        "{}: {} bars. Use the arrow keys to go from bar to bar.",
        props.label,
        props.bars.len()
    );
    html! {
        <Styled tag="div" class="lane" property="height" value={format!("{}px", props.height)}>
            if props.labelled { <span class="lane-label">{ props.label.clone() }</span> }
            <svg class="lane-bars" viewBox={format!("0 0 {WIDTH} 10")} preserveAspectRatio="none"
                tabindex="0" role="group" aria-label={summary} {onkeydown} {onfocus} {onmousemove}>
                { (*paths).clone() }
                { for outline }
            </svg>
        </Styled>
    }
}
