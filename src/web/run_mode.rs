//! Runs one mode from the page, where `engine::placement` says: on the page's own thread, in
//! one unit worker, or in one unit worker per process. For workers it starts them, puts their
//! clocks on the page's, lets them get ready, carries the work and the replies, and hands the
//! logs to `engine` to become lanes and the record. The page's main thread only waits for
//! messages here, so it never blocks; Cancel terminates the workers.

use super::between_modes::stop_all;
use super::inbox::{Inbox, RunError};
use super::platform::{WebPlatform, now_ms, resolution_ms};
use super::protocol::{FromUnit, ToUnit};
use super::unit_handle::UnitHandle;
use crate::engine::coroutines::{EventLoop, LoopState};
use crate::engine::lanes::{main_thread_lanes, one_unit_lanes};
use crate::engine::parent::Parent;
use crate::engine::placement::{OneThread, Placement, UnitJob, place};
use crate::engine::sequential::run_sequential;
use crate::engine::{ModeResult, RunLogs, RunRequest, UnitLog, assemble};
use crate::model::stopping::Stopped;

const PAGE: WebPlatform = WebPlatform { main_thread: true };

/// Runs one mode where it belongs. `progress` hears the count of finished tasks; `inbox`
/// (whose canceller Cancel uses) is only used by modes that run in workers.
///
/// # Errors
/// If the run is cancelled, a task fails or a worker crashes.
pub async fn run_mode(
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<ModeResult, RunError> {
    let (logs, stopped) = match place(request.mode, &request.settings) {
        Placement::Gpu => return super::gpu::run_gpu(request, inbox, progress).await,
        Placement::MainThread(how) => (run_on_main_thread(how, request).await?, None),
        Placement::OneUnit(job) => {
            let (logs, stopped) = run_one_unit(job, request, inbox, progress).await?;
            (logs, Some(stopped))
        }
        Placement::UnitPerProcess { processes } => {
            let (logs, stopped) =
                run_processes(processes as usize, request, inbox, progress).await?;
            (logs, Some(stopped))
        }
    };
    let mut finished = assemble(logs);
    // The record was just made: nothing else holds it yet, so this does not copy it.
    std::rc::Rc::make_mut(&mut finished.record).stopped = stopped;
    Ok(finished)
}

async fn run_one_unit(
    job: UnitJob,
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<(RunLogs, Stopped), RunError> {
    let origin = now_ms();
    let unit = UnitHandle::spawn(0, job.label(), inbox.sender()).map_err(RunError::Failed)?;
    inbox.all_ready(1).await?;
    let clock = unit.clock_offset(inbox).await?;
    let tasks = request.plan.tasks;
    let warm_up = job
        .warms_up_when_preparing()
        .then(|| tasks.first().cloned())
        .flatten();
    unit.send(&ToUnit::Prepare {
        threads: job.pool_threads(),
        warm_up,
    });
    let (_, prepared) = inbox.prepared().await?;
    let ready_at = prepared.ready_at - clock;
    unit.send(&ToUnit::Run {
        job,
        tasks,
        fault: request.fault,
    });
    let (units, gil_switches) = loop {
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
    let stopped = stop_all(inbox, vec![unit], origin).await?;
    let logs = RunLogs {
        mode: request.mode,
        settings: request.settings,
        on_main_thread: false,
        origin,
        ready_at,
        units: one_unit_lanes(job, units, clock, origin, prepared),
        bytes_serialized: 0,
        gil_switches,
        timer_resolution_ms: prepared.resolution_ms,
    };
    Ok((logs, stopped))
}

async fn run_processes(
    count: usize,
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<(RunLogs, Stopped), RunError> {
    let origin = now_ms();
    let units = (0..count)
        .map(|i| UnitHandle::spawn(i, &format!("process {}", i + 1), inbox.sender()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::Failed)?;
    inbox.all_ready(count).await?;
    let mut clocks = Vec::with_capacity(count);
    for unit in &units {
        clocks.push(unit.clock_offset(inbox).await?);
    }
    let warm_up = request.plan.tasks.first().cloned();
    for unit in &units {
        unit.send(&ToUnit::Prepare {
            threads: None,
            warm_up: warm_up.clone(),
        });
    }
    let mut parent = Parent::new(request.plan.tasks, count, origin);
    for _ in 0..count {
        let (process, prepared) = inbox.prepared().await?;
        parent.ready(process, clocks[process], prepared);
    }
    let fault = request.fault;
    let send_next = |parent: &mut Parent, process: usize| {
        if let Some(pickled) = parent.next_message(process, &PAGE) {
            units[process].send(&ToUnit::Task { pickled, fault });
        }
    };
    for process in 0..count {
        send_next(&mut parent, process);
    }
    while !parent.all_done() {
        if let (process, FromUnit::TaskDone(reply)) = inbox.message().await? {
            progress(
                parent
                    .take_reply(process, reply, &PAGE)
                    .map_err(RunError::Failed)?,
            );
            send_next(&mut parent, process);
        }
    }
    let stopped = stop_all(inbox, units, origin).await?;
    Ok((parent.finish(request.settings), stopped))
}

/// Runs Sequential or Coroutines on the page's own main thread: the page freezes while it
/// computes (Coroutines let it breathe while all of them wait for IO). Cannot be cancelled.
async fn run_on_main_thread(how: OneThread, request: RunRequest) -> Result<RunLogs, RunError> {
    // Let the page paint its "frozen" notice before it freezes.
    super::page::next_frame().await;
    super::page::next_frame().await;
    let origin = now_ms();
    let tasks = &request.plan.tasks;
    let fault = request.fault;
    let failed = |e: crate::engine::task::TaskError| RunError::Failed(e.0);
    let logs: Vec<UnitLog> = match how {
        OneThread::InOrder => {
            vec![run_sequential(tasks, &PAGE, fault, "main thread", &mut |_| {}).map_err(failed)?]
        }
        OneThread::EventLoop { yield_every } => {
            let mut event_loop = EventLoop::new(tasks, yield_every, &PAGE, fault);
            while let LoopState::SleepUntil(deadline) = event_loop.run_ready() {
                let ms = (deadline - now_ms()).max(0.0).ceil() as u32;
                gloo_timers::future::TimeoutFuture::new(ms).await;
            }
            event_loop.finish().map_err(failed)?
        }
    };
    Ok(RunLogs {
        mode: request.mode,
        settings: request.settings,
        on_main_thread: true,
        origin,
        ready_at: origin,
        units: main_thread_lanes(how, logs),
        bytes_serialized: 0,
        gil_switches: 0,
        timer_resolution_ms: resolution_ms(),
    })
}
