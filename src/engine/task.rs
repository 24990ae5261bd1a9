//! Running one task on a unit that may block (a worker, a pool thread, a process): compute
//! step by step, sleep through IO waits, and, under a GIL, hold the lock to compute, give it up
//! when asked, and release it around waits. Every change of activity is recorded.

use super::fault::Fault;
use super::platform::Platform;
use super::unit_log::{TaskDone, UnitLog};
use crate::model::gil::GilHolder;
use crate::model::record::IntervalKind;
use crate::workloads::{Step, TaskSpec};

/// A task that failed; the run ends with this message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError(pub String);

impl std::fmt::Display for TaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Runs task `index` to its end on the calling unit and records it in `log`.
///
/// # Errors
/// When the fault injected for this task is an error.
pub fn run_task(
    index: u32,
    spec: &TaskSpec,
    platform: &dyn Platform,
    mut gil: Option<&mut GilHolder<'_>>,
    fault: Option<Fault>,
    log: &mut UnitLog,
) -> Result<(), TaskError> {
    let task = Some(index);
    let start = platform.now_ms();
    let mut since = start;
    // An injected fault strikes before the task takes the GIL: a task that failed holding it
    // would leave every other thread waiting for it (the run would hang).
    if let Some(fault) = fault {
        fault.strike(index)?;
    }
    if let Some(g) = gil.as_deref_mut() {
        g.acquire();
        let now = platform.now_ms();
        log.push(IntervalKind::GilWait, task, since, now);
        since = now;
    }
    let mut job = spec.start();
    loop {
        match job.step() {
            Step::Computed => {
                if let Some(g) = gil.as_deref_mut()
                    && g.should_yield()
                {
                    let released = platform.now_ms();
                    log.push(IntervalKind::Compute, task, since, released);
                    g.yield_lock();
                    since = platform.now_ms();
                    log.push(IntervalKind::GilWait, task, released, since);
                }
            }
            Step::Wait { ms } => {
                let waiting = platform.now_ms();
                log.push(IntervalKind::Compute, task, since, waiting);
                if let Some(g) = gil.as_deref_mut() {
                    g.release();
                }
                platform.sleep_ms(ms);
                since = platform.now_ms();
                log.push(IntervalKind::Io, task, waiting, since);
                if let Some(g) = gil.as_deref_mut() {
                    g.acquire();
                    let now = platform.now_ms();
                    log.push(IntervalKind::GilWait, task, since, now);
                    since = now;
                }
            }
            Step::Done(output) => {
                let end = platform.now_ms();
                log.push(IntervalKind::Compute, task, since, end);
                if let Some(g) = gil.as_deref_mut() {
                    g.release();
                }
                log.tasks.push(TaskDone {
                    index,
                    start,
                    end,
                    output,
                });
                return Ok(());
            }
        }
    }
}

/// Runs a few steps of a task and throws the result away, so the browser compiles the hot code
/// to its optimizing tier before anything is timed. Waits are skipped.
pub fn warm_up(spec: &TaskSpec, platform: &dyn Platform, budget_ms: f64) {
    let start = platform.now_ms();
    let mut job = spec.start();
    while platform.now_ms() - start < budget_ms {
        if let Step::Done(_) = job.step() {
            job = spec.start();
        }
    }
}

/// Warms up every workload's code for `each_ms`, so that whichever mode runs first finds the
/// browser's optimized code ready (the compiled module, and its optimized code, is shared by
/// every worker it is sent to).
pub fn warm_up_everything(platform: &dyn Platform, each_ms: f64) {
    use crate::settings::{Settings, WorkloadKind};
    use crate::workloads::{Calibration, Plan};
    for &kind in WorkloadKind::ALL {
        let mut settings = Settings::defaults(1);
        settings.workload = kind;
        settings.latency_ms = 0;
        settings.io_ms = 0;
        let plan = Plan::new(&settings, Calibration::default());
        if let Some(task) = plan.tasks.last() {
            warm_up(task, platform, each_ms);
        }
    }
}
