//! The replay of a timeline: a playhead over its lanes (`playhead`) and the controls under them
//! (`Replay`): Play and Pause at a chosen slow-down, Step and Step back from event to event (an
//! interval's start or end, `model::replay::next_event`), a slider to drag, and the keyboard on the
//! slider (space plays or pauses, the arrows step, Home and End go to the first and last event).
//! Under the controls, what was true at the playhead, read from the record by the chart that
//! owns it (`Replayable::said_at`), read out to screen readers after a step but not while playing; where the
//! student asks for reduced motion the playhead moves twice a second instead of every frame.
//! The playhead is on the page (`data-at-ms`), where a download reads it (`playhead_of`).

use super::styled::Styled;
use crate::model::replay::{
    DEFAULT_SLOWDOWN, Replayable, keyed, next_event, played, previous_event, span,
};
use crate::web::frames::AnimationLoop;
use crate::web::page;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where the playhead of the chart `chart` (a CSS selector of its figure) is on the page, ms
/// (none: it has not been placed), for a download to keep.
pub fn playhead_of(chart: &str) -> Option<f64> {
    page::attribute(&format!("{chart} .replay"), "data-at-ms")?
        .parse()
        .ok()
}

/// The playhead: a line across the lanes (put inside `.lanes`, which it lies over).
pub fn playhead(at: Option<f64>, scale_ms: f64) -> Html {
    let Some(at) = at else {
        return html! {};
    };
    let left = format!(
        "{:.3}%",
        (at / scale_ms.max(1e-3) * 100.0).clamp(0.0, 100.0)
    );
    html! {
        <div class="playhead-track" aria-hidden="true">
            <Styled class="playhead" property="left" value={left} />
        </div>
    }
}

/// Props of the controls (what is replayed compared by address). They sit in the chart's
/// figure, whose caption names what they replay.
#[derive(Properties)]
pub struct ReplayProps {
    /// The record or chart replayed.
    pub replayed: Rc<dyn Replayable>,
    /// The end of the chart's scale, ms (the slider's end).
    pub scale_ms: f64,
    /// The playhead, ms.
    pub at: UseStateHandle<Option<f64>>,
}

impl PartialEq for ReplayProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(Rc::as_ptr(&self.replayed), Rc::as_ptr(&other.replayed))
            && self.scale_ms == other.scale_ms
            && self.at == other.at
    }
}

/// What the animation loop keeps between frames and renders.
#[derive(Default)]
struct Playing {
    frames: Option<AnimationLoop>,
    /// The playhead as last moved, ms.
    latest: f64,
    /// Where the record ends, ms (playing stops there).
    end: f64,
    /// 10 for 1/10 of real time.
    slowdown: f64,
    /// Whether a frame moved the playhead (marked `cp-replay` as it began) and its
    /// render has not been measured yet.
    moved: bool,
    /// Frames measured.
    measured: u32,
}

/// Playing: while `playing` is true, the playhead `at` moves on every animation frame at the
/// slow-down in the shared state, and stops at `end`; each render that follows a move is
/// measured (`cp-replay-frame`, for the benchmark). The loop ends when playing stops or the
/// chart goes.
#[hook]
fn use_play(
    at: &UseStateHandle<Option<f64>>,
    end: f64,
) -> (UseStateHandle<bool>, Rc<RefCell<Playing>>) {
    let playing = use_state_eq(|| false);
    let state = use_mut_ref(|| Playing {
        slowdown: DEFAULT_SLOWDOWN,
        ..Playing::default()
    });
    {
        let mut s = state.borrow_mut();
        s.end = end;
        // While playing, the loop's own position leads (with reduced motion the page shows it
        // only twice a second).
        if !*playing {
            s.latest = (**at).unwrap_or(0.0);
        }
    }
    {
        let state = state.clone();
        use_effect_with(**at, move |_| {
            let mut s = state.borrow_mut();
            // The first 1,000 frames are measured (the benchmark reads a few hundred).
            if std::mem::take(&mut s.moved) && s.measured < 1000 {
                s.measured += 1;
                page::measure_since_mark("cp-replay-frame", "cp-replay");
            }
        });
    }
    {
        let (state, at_handle, playing_handle) = (state.clone(), at.clone(), playing.clone());
        use_effect_with(*playing, move |&playing| {
            let looped = state.clone();
            let reduced = page::prefers_reduced_motion();
            let (mut last, mut shown_at) = (None::<f64>, 0.0);
            let frames = playing.then(|| {
                AnimationLoop::start(move |now| {
                    page::mark("cp-replay");
                    let Some(before) = last.replace(now) else {
                        shown_at = now;
                        return true;
                    };
                    let (to, ended) = {
                        let mut s = looped.borrow_mut();
                        let (to, ended) = played(s.latest, now - before, s.slowdown, s.end);
                        s.latest = to;
                        s.moved = true;
                        (to, ended)
                    };
                    if ended || !reduced || now - shown_at >= 500.0 {
                        shown_at = now;
                        at_handle.set(Some(to));
                    }
                    if ended {
                        playing_handle.set(false);
                    }
                    !ended
                })
            });
            state.borrow_mut().frames = frames;
            move || drop(state.borrow_mut().frames.take())
        });
    }
    (playing, state)
}

/// Play, Pause, Step, Step back, the speed, the slider and what was true at the playhead.
#[component]
pub fn Replay(props: &ReplayProps) -> Html {
    let at = *props.at;
    let lanes = props.replayed.lanes();
    let (first, end) = span(lanes).unwrap_or_default();
    let (playing, state) = use_play(&props.at, end);
    let seek = {
        let (at, playing) = (props.at.clone(), playing.clone());
        Callback::from(move |to: Option<f64>| {
            playing.set(false);
            at.set(to);
        })
    };
    let toggle = {
        let (playing, at, state) = (playing.clone(), props.at.clone(), state.clone());
        Callback::from(move |_: ()| {
            // Play starts where the playhead is (from the start once it is at the end); Pause
            // leaves it where the loop had it.
            let from = if *playing {
                state.borrow().latest
            } else {
                (*at).filter(|&t| t < end).unwrap_or(0.0)
            };
            state.borrow_mut().latest = from;
            at.set(Some(from));
            playing.set(!*playing);
        })
    };
    let onkeydown = {
        let (replayed, seek, toggle) = (props.replayed.clone(), seek.clone(), toggle.clone());
        move |event: KeyboardEvent| {
            let key = event.key();
            let to = keyed(replayed.lanes(), &key, at);
            if key == " " || to.is_some() {
                event.prevent_default();
            }
            match to {
                Some(to) => seek.emit(to),
                None if key == " " => toggle.emit(()),
                None => {}
            }
        }
    };
    let oninput = {
        let seek = seek.clone();
        move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            seek.emit(Some(input.value_as_number()));
        }
    };
    let on_speed = {
        let state = state.clone();
        move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            state.borrow_mut().slowdown = select.value().parse().unwrap_or(DEFAULT_SLOWDOWN);
        }
    };
    let next = at.map_or(span(lanes).map(|_| first), |t| next_event(lanes, t));
    let previous = at.and_then(|t| previous_event(lanes, t));
    let lines = at.map(|t| props.replayed.said_at(t)).unwrap_or_default();
    let heading = at.map(|t| format!("At {t:.3} ms:"));
    let said = match (&heading, *playing) {
        (Some(heading), false) => format!("{heading} {}", lines.join("; ")),
        _ => String::new(),
    };

    html! {
        <div class="replay" role="group" aria-label="Replay" data-at-ms={at.map(|t| t.to_string())}>
            <div class="replay-controls">
                <button type="button" class="replay-play" onclick={toggle.reform(|_| ())}>{ if *playing { "Pause" } else { "Play" } }</button>
                <button type="button" class="replay-back" onclick={seek.reform(move |_| previous)} disabled={previous.is_none()}>{ "Step back" }</button>
                <button type="button" class="replay-step" onclick={seek.reform(move |_| next)} disabled={next.is_none()}>{ "Step" }</button>
                <label class="replay-speed">{ "Speed " }
                    <select onchange={on_speed}>
                        <option value="10" selected=true>{ "1/10 of real time" }</option>
                        <option value="100">{ "1/100 of real time" }</option>
                        <option value="1000">{ "1/1000 of real time" }</option>
                    </select>
                </label>
            </div>
            <input type="range" class="replay-scrub" min="0" max={props.scale_ms.to_string()} step="any"
                value={format!("{:.3}", at.unwrap_or(0.0))} aria-label="Playhead" {onkeydown} {oninput} />
            if let Some(heading) = heading {
                <div class="replay-state">
                    <p class="replay-at">{ heading }</p>
                    <ul>
                        for line in lines { <li>{ line }</li> }
                    </ul>
                </div>
            }
            // Read out when the playhead stops somewhere (a step, a key, a drag, a pause), not
            // while it plays: a region that is always polite, empty while playing.
            <p class="visually-hidden replay-said" aria-live="polite">{ said }</p>
        </div>
    }
}
