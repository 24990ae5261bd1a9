//! Between two modes: the last mode's units must have stopped, and the page must have drawn its
//! result, before the next mode's clock starts, or they take cores from the next mode's units.
//! In WebKitGTK on two cores without a GPU, drawing a timeline of thousands of bars went on for
//! hundreds of milliseconds after the next animation frame and cut Processes from 1.7x to 1.3x.

use super::inbox::{Inbox, RunError};
use super::platform::now_ms;
use super::protocol::{FromUnit, ToUnit};
use super::unit_handle::UnitHandle;

/// A frame that follows the last within this many ms means the page keeps up with its drawing.
const STEADY_GAP_MS: f64 = 25.0;
/// The longest the page waits for its drawing to settle, ms.
const SETTLE_LIMIT_MS: f64 = 1500.0;

/// Ends a mode's units once each has acknowledged a ping sent after its last message. A unit
/// answers only when its event loop is free, so none is still computing when it is terminated
/// (a terminated worker may run on until it next yields).
///
/// # Errors
/// If the run is cancelled or a unit crashes meanwhile.
pub async fn stop_all(inbox: &mut Inbox, units: Vec<UnitHandle>) -> Result<(), RunError> {
    for unit in &units {
        unit.send(&ToUnit::Ping);
    }
    let mut answered = 0;
    while answered < units.len() {
        if let (_, FromUnit::Pong(_)) = inbox.message().await? {
            answered += 1;
        }
    }
    drop(units);
    Ok(())
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
