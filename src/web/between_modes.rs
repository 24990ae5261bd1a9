//! Between two modes: the last mode's units must have stopped, and the page must have drawn its
//! result, before the next mode's clock starts, or they take cores from the next mode's units.
//! In WebKitGTK on two cores without a GPU, drawing a timeline of thousands of bars went on for
//! hundreds of milliseconds after the next animation frame and cut Processes from 1.7x to 1.3x.

use super::inbox::{Inbox, RunError};
use super::platform::now_ms;
use super::protocol::{FromUnit, ToUnit};
use super::unit_handle::UnitHandle;
use crate::model::stopping::{ANSWER_LIMIT_MS, Answers, Stopped};
use futures_util::future::{Either, select};
use gloo_timers::future::TimeoutFuture;
use std::pin::pin;

/// A frame that follows the last within this many ms means the page keeps up with its drawing.
const STEADY_GAP_MS: f64 = 25.0;
/// The longest the page waits for its drawing to settle, ms.
const SETTLE_LIMIT_MS: f64 = 1500.0;

/// Ends a mode's units once each has answered a ping sent after its last message, or once
/// [`ANSWER_LIMIT_MS`] has passed: a unit answers only when its event loop is free, so none that
/// answered is still computing when it is terminated (a terminated worker may run on until it
/// next yields). Says how, with times on the clock of the mode that started at `origin`.
///
/// # Errors
/// If the run is cancelled or a unit crashes meanwhile.
pub async fn stop_all(
    inbox: &mut Inbox,
    units: Vec<UnitHandle>,
    origin: f64,
) -> Result<Stopped, RunError> {
    let asked_at = now_ms();
    for unit in &units {
        unit.send(&ToUnit::Ping);
    }
    let mut answers = Answers::awaiting(units.len());
    let mut limit = pin!(TimeoutFuture::new(ANSWER_LIMIT_MS as u32));
    while !answers.complete() {
        let message = pin!(inbox.message());
        match select(message, limit.as_mut()).await {
            Either::Left((heard, _)) => {
                if let (unit, FromUnit::Pong(_)) = heard? {
                    answers.heard(unit);
                }
            }
            Either::Right(_) => break,
        }
    }
    drop(units);
    Ok(answers.stopped(asked_at - origin, now_ms() - origin))
}

/// Waits until the page has drawn what changed: two animation frames in a row that each follow
/// the last within [`STEADY_GAP_MS`] (at most [`SETTLE_LIMIT_MS`]). A browser that draws in
/// other threads still delays the next frame while they work.
pub async fn settle() {
    let start = now_ms();
    let mut last = start;
    let mut steady = 0;
    while steady < 2 && last - start < SETTLE_LIMIT_MS {
        super::page::next_frame().await;
        let now = now_ms();
        steady = if now - last < STEADY_GAP_MS {
            steady + 1
        } else {
            0
        };
        last = now;
    }
}
