//! The locks lab in the browser, on both sides of the worker boundary: the page's side
//! ([`run_locks`]) starts one unit worker with a pool of as many threads as the experiment
//! runs at once, sends it the plan and awaits the report; the unit's side ([`run_in_unit`])
//! runs `locks::run_experiment` on that pool (rayon threads on Web Workers sharing the unit's
//! memory), so the threads are real and the counter is really shared. The processes
//! experiment instead starts one unit per process, each with its own wasm instance and memory
//! (as the main lab's Processes mode), and adds up the counts they send back. Cancel
//! terminates the units and their threads, as in the main lab. The plan and the report cross as bytes that only
//! this file encodes and decodes; the views module hands [`run_encoded`] to its units
//! (`in_unit::set_locks_job`), so none of this is linked into the main module.

use super::inbox::{Inbox, RunError};
use super::platform::WebPlatform;
use super::protocol::{FromUnit, ToUnit};
use super::unit_handle::UnitHandle;
use super::{panic_hook, pool};
use crate::engine::Platform;
use crate::engine::processes::{decode, encode};
use crate::locks::processes::{GLOBAL_COUNTER, ProcessJob, ProcessesRun, count_in_global};
use crate::locks::{LocksPlan, LocksReport, RayonScope, run_experiment};
use crate::settings::Experiment;
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};

/// What the page asks a unit of the locks lab to do.
#[derive(Serialize, Deserialize)]
enum UnitWork {
    /// Run an experiment on the unit's pool (or on the unit itself), reply with its report.
    Experiment(LocksPlan),
    /// Be one process of the processes experiment, reply with its count.
    Process(ProcessJob),
}

/// Runs `plan` in a new unit worker and returns its report.
///
/// # Errors
/// If it is cancelled or the unit fails.
pub async fn run_locks(plan: LocksPlan, inbox: &mut Inbox) -> Result<LocksReport, RunError> {
    if plan.experiment == Experiment::Processes {
        return run_in_processes(&plan, inbox).await;
    }
    let unit = UnitHandle::spawn(0, "locks lab", inbox.sender()).map_err(RunError::Failed)?;
    inbox.all_ready(1).await?;
    let threads = plan.pool_threads();
    unit.send(&ToUnit::Prepare {
        threads: (threads > 0).then_some(threads),
        warm_up: None,
    });
    inbox.prepared().await?;
    unit.send(&ToUnit::Locks(encode(&UnitWork::Experiment(plan))));
    loop {
        if let (_, FromUnit::LocksDone(report)) = inbox.message().await? {
            return decode(&report).map_err(RunError::Failed);
        }
    }
}

/// The processes experiment: one unit worker per process, each with its own memory and so its
/// own `GLOBAL_COUNTER`; each is sent its job as a message and sends its count back as one.
/// The page's own global, which no process can reach, is read after the last message.
async fn run_in_processes(plan: &LocksPlan, inbox: &mut Inbox) -> Result<LocksReport, RunError> {
    let count = plan.threads as usize;
    let units = (0..count)
        .map(|i| UnitHandle::spawn(i, &format!("process {}", i + 1), inbox.sender()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::Failed)?;
    inbox.all_ready(count).await?;
    let job = ProcessJob {
        increments: plan.increments,
    };
    let start = super::platform::now_ms();
    for unit in &units {
        unit.send(&ToUnit::Locks(encode(&UnitWork::Process(job))));
    }
    let mut returned = vec![None; count];
    while returned.iter().any(Option::is_none) {
        if let (process, FromUnit::LocksDone(reply)) = inbox.message().await? {
            returned[process] = Some(decode::<u64>(&reply).map_err(RunError::Failed)?);
        }
    }
    let wall_ms = super::platform::now_ms() - start;
    let parent = GLOBAL_COUNTER.load(Ordering::Relaxed);
    let returned = returned.into_iter().flatten().collect();
    Ok(LocksReport::Processes(ProcessesRun::from_messages(
        plan.increments,
        parent,
        returned,
        wall_ms,
    )))
}

/// Inside a unit of the views module: decodes what the page asks and does it (an experiment
/// with [`run_in_unit`], or one process's count).
pub fn run_encoded(work: Vec<u8>, post: fn(&FromUnit)) {
    match decode::<UnitWork>(&work) {
        Ok(UnitWork::Experiment(plan)) => {
            run_in_unit(plan, WebPlatform { main_thread: false }, post);
        }
        Ok(UnitWork::Process(job)) => post(&FromUnit::LocksDone(encode(&count_in_global(job)))),
        Err(error) => post(&FromUnit::Failed(error)),
    }
}

/// Inside the unit: warms up on a small copy of the plan, then runs it, on the pool if it
/// needs threads (this worker's event loop stays free to notice a crashed thread) or here.
pub fn run_in_unit<P>(plan: LocksPlan, platform: P, post: fn(&FromUnit))
where
    P: Platform + Copy + Send + 'static,
{
    if plan.pool_threads() == 0 {
        let _ = run_experiment(&plan.warm_up(), &RayonScope, &platform, &|| false);
        let report = run_experiment(&plan, &RayonScope, &platform, &|| false);
        return post(&FromUnit::LocksDone(encode(&report)));
    }
    let result: Arc<Mutex<Option<LocksReport>>> = Arc::default();
    let shared = result.clone();
    pool::spawn(move || {
        let _ = run_experiment(&plan.warm_up(), &RayonScope, &platform, &|| false);
        let report = run_experiment(&plan, &RayonScope, &platform, &|| false);
        *shared.lock().unwrap_or_else(PoisonError::into_inner) = Some(report);
    });
    let poll = gloo_timers::callback::Interval::new(10, move || {
        if let Some(panic) = panic_hook::take_last_panic() {
            return post(&FromUnit::Failed(format!(
                "A thread of the pool crashed: {panic}"
            )));
        }
        if let Some(report) = result.try_lock().ok().and_then(|mut r| r.take()) {
            post(&FromUnit::LocksDone(encode(&report)));
        }
    });
    // The page ends this worker after the run; until then the poll keeps going.
    poll.forget();
}
