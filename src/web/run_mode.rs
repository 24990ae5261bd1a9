//! Runs one mode from the page: starts its unit workers, puts their clocks on the page's,
//! lets them warm up, hands them the work, and assembles their logs into the run's record. The
//! page's main thread only waits for messages here, so it never blocks; Cancel terminates the
//! workers. Sequential, Coroutines and the Threads modes each use one unit (the Threads modes
//! start their pool inside it); Processes use one unit per process, fed by the page.

use super::between_modes::stop_all;
use super::platform::{WebPlatform, now_ms};
use super::protocol::{FromUnit, ToUnit};
use super::unit_worker::{UnitEvent, UnitWorker};
use crate::engine::coroutines::{EventLoop, LoopState};
use crate::engine::processes::{Dispatcher, TaskMessage, decode_output, encode};
use crate::engine::sequential::run_sequential;
use crate::engine::unit_log::TaskDone;
use crate::engine::{Image, ModeOutcome, RunRequest, UnitLog, assemble};
use crate::model::clock::{Ping, offset};
use crate::model::record::{IntervalKind, RunRecord};
use crate::settings::Mode;
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

/// A finished mode: its record and, for Mandelbrot, its image.
pub type ModeRun = (RunRecord, Option<Image>);

/// The events of one run: what the units say, and Cancel.
pub struct Inbox {
    rx: UnboundedReceiver<UnitEvent>,
    tx: UnboundedSender<UnitEvent>,
    last_panic: Option<String>,
}

impl Inbox {
    /// A new inbox; `canceller()` gives the handle that cancels the run.
    pub fn new() -> Self {
        let (tx, rx) = futures_channel::mpsc::unbounded();
        Inbox {
            rx,
            tx,
            last_panic: None,
        }
    }

    /// A sender that cancels the run when sent [`UnitEvent::CancelRequested`].
    pub fn canceller(&self) -> UnboundedSender<UnitEvent> {
        self.tx.clone()
    }

    async fn next(&mut self) -> Result<UnitEvent, RunError> {
        loop {
            let event = self.rx.next().await.ok_or(RunError::Cancelled)?;
            match event {
                UnitEvent::CancelRequested => return Err(RunError::Cancelled),
                UnitEvent::Panicked(_, message) => self.last_panic = Some(message),
                UnitEvent::Crashed(_, message) => {
                    let why = self.last_panic.take().unwrap_or(message);
                    return Err(RunError::Failed(format!("A worker crashed: {why}")));
                }
                UnitEvent::Message(_, FromUnit::Failed(message)) => {
                    return Err(RunError::Failed(message));
                }
                other => return Ok(other),
            }
        }
    }

    /// Waits until `count` units have loaded.
    pub async fn all_ready(&mut self, count: usize) -> Result<(), RunError> {
        let mut ready = 0;
        while ready < count {
            if let UnitEvent::Ready(_) = self.next().await? {
                ready += 1;
            }
        }
        Ok(())
    }

    /// Waits for a message from a unit.
    pub async fn message(&mut self) -> Result<(usize, FromUnit), RunError> {
        loop {
            if let UnitEvent::Message(unit, message) = self.next().await? {
                return Ok((unit, message));
            }
        }
    }

    /// How far `unit`'s clock is ahead of the page's, from a few pings.
    pub async fn clock_offset(&mut self, unit: &UnitWorker) -> Result<f64, RunError> {
        let mut pings = Vec::new();
        for _ in 0..3 {
            let sent = now_ms();
            unit.send(&ToUnit::Ping);
            loop {
                if let (_, FromUnit::Pong(remote)) = self.message().await? {
                    pings.push(Ping {
                        sent,
                        remote,
                        received: now_ms(),
                    });
                    break;
                }
            }
        }
        Ok(offset(&pings, super::platform::resolution_ms()))
    }
}

impl Default for Inbox {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs one mode in workers. `progress` hears the count of finished tasks.
///
/// # Errors
/// If the run is cancelled, a task fails or a worker crashes.
pub async fn run_in_workers(
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<ModeRun, RunError> {
    match request.mode {
        Mode::Processes => run_processes(request, inbox, progress).await,
        _ => run_one_unit(request, inbox, progress).await,
    }
}

fn shift(log: &mut UnitLog, by: f64) {
    for iv in &mut log.intervals {
        iv.start -= by;
        iv.end -= by;
    }
    for task in &mut log.tasks {
        task.start -= by;
        task.end -= by;
    }
}

async fn run_one_unit(
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<ModeRun, RunError> {
    let origin = now_ms();
    let mode = request.mode;
    let label = if mode == Mode::Sequential {
        "worker"
    } else {
        "event loop"
    };
    let unit = UnitWorker::spawn(0, label, inbox.canceller()).map_err(RunError::Failed)?;
    inbox.all_ready(1).await?;
    let clock = inbox.clock_offset(&unit).await?;
    let threads = mode
        .needs_shared_memory()
        .then_some(request.settings.workers);
    let warm_up = if threads.is_some() {
        None
    } else {
        request.plan.tasks.first().cloned()
    };
    unit.send(&ToUnit::Prepare { threads, warm_up });
    let (ready_at, resolution) = loop {
        if let (_, FromUnit::Prepared { at, resolution_ms }) = inbox.message().await? {
            break (at - clock, resolution_ms);
        }
    };
    unit.send(&ToUnit::Run(request.clone()));
    let (mut units, gil_switches) = loop {
        match inbox.message().await? {
            (_, FromUnit::Progress(done)) => progress(done),
            (
                _,
                FromUnit::Finished {
                    units,
                    gil_switches,
                },
            ) => break (units, gil_switches),
            _ => {}
        }
    };
    stop_all(inbox, vec![unit]).await?;
    for log in &mut units {
        shift(log, clock);
        if mode != Mode::Coroutines {
            log.intervals.insert(0, startup(origin, ready_at));
        }
    }
    if mode == Mode::Coroutines {
        units.insert(
            0,
            event_loop_lane("event loop", &units, Some((origin, ready_at))),
        );
    }
    Ok(assemble(ModeOutcome {
        mode,
        settings: request.settings,
        on_main_thread: false,
        origin,
        ready_at,
        units,
        bytes_serialized: 0,
        gil_switches,
        timer_resolution_ms: resolution,
    }))
}

fn startup(from: f64, to: f64) -> crate::model::record::Interval {
    crate::model::record::Interval {
        kind: IntervalKind::Startup,
        task: None,
        start: from,
        end: to.max(from),
    }
}

/// The event loop's own lane: its start-up, then the computing of whichever coroutine it ran.
fn event_loop_lane(
    label: &str,
    coroutines: &[UnitLog],
    startup_span: Option<(f64, f64)>,
) -> UnitLog {
    let mut lane = UnitLog::new(label);
    if let Some((from, to)) = startup_span {
        lane.intervals.push(startup(from, to));
    }
    let mut computes: Vec<_> = coroutines
        .iter()
        .flat_map(|c| {
            c.intervals
                .iter()
                .filter(|iv| iv.kind == IntervalKind::Compute)
                .copied()
        })
        .collect();
    computes.sort_by(|a, b| a.start.total_cmp(&b.start));
    lane.intervals.extend(computes);
    lane
}

async fn run_processes(
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<ModeRun, RunError> {
    let origin = now_ms();
    let count = request.settings.workers as usize;
    let mut units = Vec::with_capacity(count);
    for i in 0..count {
        units.push(
            UnitWorker::spawn(i, &format!("process {}", i + 1), inbox.canceller())
                .map_err(RunError::Failed)?,
        );
    }
    inbox.all_ready(count).await?;
    let mut clocks = Vec::with_capacity(count);
    for unit in &units {
        clocks.push(inbox.clock_offset(unit).await?);
    }
    let warm_up = request.plan.tasks.first().cloned();
    for unit in &units {
        unit.send(&ToUnit::Prepare {
            threads: None,
            warm_up: warm_up.clone(),
        });
    }
    let mut logs: Vec<UnitLog> = (1..=count)
        .map(|i| UnitLog::new(format!("process {i}")))
        .collect();
    let mut ready_at = origin;
    let mut resolution = f64::INFINITY;
    for _ in 0..count {
        loop {
            if let (i, FromUnit::Prepared { at, resolution_ms }) = inbox.message().await? {
                let at = at - clocks[i];
                logs[i].intervals.push(startup(origin, at));
                ready_at = ready_at.max(at);
                resolution = resolution.min(resolution_ms);
                break;
            }
        }
    }

    let mut parent = UnitLog::new("main thread (parent)");
    let mut dispatcher = Dispatcher::new(request.plan.tasks.len() as u32, count);
    let mut started = vec![0.0; request.plan.tasks.len()];
    let mut bytes = 0u64;
    let send_next = |process: usize,
                     dispatcher: &mut Dispatcher,
                     parent: &mut UnitLog,
                     bytes: &mut u64,
                     started: &mut [f64]| {
        if let Some(index) = dispatcher.next_for(process) {
            let t0 = now_ms();
            let pickled = encode(&TaskMessage {
                index,
                spec: request.plan.tasks[index as usize].clone(),
            });
            *bytes += pickled.len() as u64;
            units[process].send(&ToUnit::Task {
                pickled,
                fault: request.fault,
            });
            parent.push(IntervalKind::Serialize, Some(index), t0, now_ms());
            started[index as usize] = t0;
        }
    };
    for process in 0..count {
        send_next(
            process,
            &mut dispatcher,
            &mut parent,
            &mut bytes,
            &mut started,
        );
    }
    while !dispatcher.all_done() {
        let (process, message) = inbox.message().await?;
        let FromUnit::TaskDone(reply) = message else {
            continue;
        };
        let t0 = now_ms();
        let pickled = reply.result.map_err(RunError::Failed)?;
        let output = decode_output(&pickled).map_err(RunError::Failed)?;
        let t1 = now_ms();
        bytes += pickled.len() as u64;
        parent.push(IntervalKind::Serialize, Some(reply.index), t0, t1);
        let mut child = reply.log;
        shift(&mut child, clocks[process]);
        logs[process].intervals.extend(child.intervals);
        logs[process].tasks.push(TaskDone {
            index: reply.index,
            start: started[reply.index as usize],
            end: t1,
            output,
        });
        dispatcher.finished(process);
        progress(dispatcher.done());
        send_next(
            process,
            &mut dispatcher,
            &mut parent,
            &mut bytes,
            &mut started,
        );
    }
    stop_all(inbox, units).await?;
    logs.insert(0, parent);
    Ok(assemble(ModeOutcome {
        mode: Mode::Processes,
        settings: request.settings,
        on_main_thread: false,
        origin,
        ready_at,
        units: logs,
        bytes_serialized: bytes,
        gil_switches: 0,
        timer_resolution_ms: resolution,
    }))
}

/// Runs Sequential or Coroutines on the page's own main thread: the page freezes while it
/// computes (Coroutines let it breathe while all of them wait for IO). Cannot be cancelled.
///
/// # Errors
/// If a task fails.
pub async fn run_on_main_thread(request: RunRequest) -> Result<ModeRun, RunError> {
    let platform = WebPlatform { main_thread: true };
    let origin = now_ms();
    let tasks = &request.plan.tasks;
    let units = match request.mode {
        Mode::Sequential => vec![
            run_sequential(tasks, &platform, request.fault, "main thread", &mut |_| {})
                .map_err(|e| RunError::Failed(e.0))?,
        ],
        Mode::Coroutines => {
            let mut event_loop = EventLoop::new(
                tasks,
                request.settings.yield_every,
                &platform,
                request.fault,
            );
            loop {
                match event_loop.run_ready() {
                    LoopState::Finished => break,
                    LoopState::SleepUntil(deadline) => {
                        let ms = (deadline - now_ms()).max(0.0).ceil() as u32;
                        gloo_timers::future::TimeoutFuture::new(ms).await;
                    }
                }
            }
            let mut coroutines = event_loop.finish().map_err(|e| RunError::Failed(e.0))?;
            coroutines.insert(
                0,
                event_loop_lane("event loop (main thread)", &coroutines, None),
            );
            coroutines
        }
        other => {
            return Err(RunError::Failed(format!(
                "{} cannot run on the page's main thread.",
                other.title()
            )));
        }
    };
    Ok(assemble(ModeOutcome {
        mode: request.mode,
        settings: request.settings,
        on_main_thread: true,
        origin,
        ready_at: origin,
        units,
        bytes_serialized: 0,
        gil_switches: 0,
        timer_resolution_ms: super::platform::resolution_ms(),
    }))
}
