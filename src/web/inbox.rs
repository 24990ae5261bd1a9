//! What one run hears, on one channel: its unit workers' messages, their panics and crashes,
//! and the person's Cancel. The page awaits it; it never blocks.

use super::protocol::FromUnit;
use crate::engine::lanes::Prepared;
use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender};
use futures_util::StreamExt;

/// Why a run did not finish.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    /// The person cancelled it.
    Cancelled,
    /// It failed; the sentence says why.
    Failed(String),
}

/// Something a run hears. Units are numbered from 0 in the order they were started.
#[derive(Debug)]
pub enum RunEvent {
    /// A unit's wasm is loaded; it takes messages now.
    Ready(usize),
    /// A unit sent a message.
    Message(usize, FromUnit),
    /// A unit panicked with this message (it is dying).
    Panicked(usize, String),
    /// A unit (or a thread of its pool) died or failed to start, with the browser's reason.
    Crashed(usize, String),
    /// The person pressed Cancel.
    Cancelled,
}

/// Sends Cancel to a run.
#[derive(Clone, Debug)]
pub struct Canceller(UnboundedSender<RunEvent>);

impl Canceller {
    /// Ends the run: what awaits its inbox gets [`RunError::Cancelled`].
    pub fn cancel(&self) {
        let _ = self.0.unbounded_send(RunEvent::Cancelled);
    }
}

/// The events of one run.
pub struct Inbox {
    rx: UnboundedReceiver<RunEvent>,
    tx: UnboundedSender<RunEvent>,
    last_panic: Option<String>,
}

impl Inbox {
    /// A new, empty inbox.
    pub fn new() -> Self {
        let (tx, rx) = futures_channel::mpsc::unbounded();
        Inbox {
            rx,
            tx,
            last_panic: None,
        }
    }

    /// Where the run's units report.
    pub fn sender(&self) -> UnboundedSender<RunEvent> {
        self.tx.clone()
    }

    /// What cancels the run.
    pub fn canceller(&self) -> Canceller {
        Canceller(self.tx.clone())
    }

    async fn next(&mut self) -> Result<RunEvent, RunError> {
        loop {
            let event = self.rx.next().await.ok_or(RunError::Cancelled)?;
            match event {
                RunEvent::Cancelled => return Err(RunError::Cancelled),
                RunEvent::Panicked(_, message) => self.last_panic = Some(message),
                RunEvent::Crashed(_, message) => {
                    let why = self.last_panic.take().unwrap_or(message);
                    return Err(RunError::Failed(format!("A worker crashed: {why}")));
                }
                RunEvent::Message(_, FromUnit::Failed(message)) => {
                    return Err(RunError::Failed(message));
                }
                other => return Ok(other),
            }
        }
    }

    /// Whether Cancel was pressed, without waiting (for a run that has no units to hear from:
    /// the GPU's). Other events waiting are dropped.
    pub fn cancel_pending(&mut self) -> bool {
        while let Ok(event) = self.rx.try_recv() {
            if matches!(event, RunEvent::Cancelled) {
                return true;
            }
        }
        false
    }

    /// Waits until `count` units have loaded.
    pub async fn all_ready(&mut self, count: usize) -> Result<(), RunError> {
        let mut ready = 0;
        while ready < count {
            if let RunEvent::Ready(_) = self.next().await? {
                ready += 1;
            }
        }
        Ok(())
    }

    /// Waits for a message from a unit.
    pub async fn message(&mut self) -> Result<(usize, FromUnit), RunError> {
        loop {
            if let RunEvent::Message(unit, message) = self.next().await? {
                return Ok((unit, message));
            }
        }
    }

    /// Waits for a unit to be prepared: which, when on its clock, and its clock's finest step.
    pub async fn prepared(&mut self) -> Result<(usize, Prepared), RunError> {
        loop {
            if let (
                unit,
                FromUnit::Prepared {
                    ready_at,
                    warmed_at,
                    resolution_ms,
                },
            ) = self.message().await?
            {
                let prepared = Prepared {
                    ready_at,
                    warmed_at,
                    resolution_ms,
                };
                return Ok((unit, prepared));
            }
        }
    }
}

impl Default for Inbox {
    fn default() -> Self {
        Self::new()
    }
}
