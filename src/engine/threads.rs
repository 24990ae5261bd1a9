//! The Threads and Threads + GIL modes: the tasks go to a rayon thread pool, as to a
//! `ThreadPoolExecutor`; idle threads take the next task. With a GIL, each thread must hold it
//! to compute (see `model::gil`). Must be called from inside the pool that runs the tasks (in
//! the browser, a pool of Web Workers over one shared memory: `web::pool`).

use super::fault::Fault;
use super::platform::Platform;
use super::task::{TaskError, run_task};
use super::unit_log::UnitLog;
use super::warm_up::{SteadyRule, warm_until_steady};
use crate::model::gil::Gil;
use crate::model::record::IntervalKind;
use crate::workloads::TaskSpec;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// Runs the tasks on the current rayon pool, one lane per pool thread. Every thread first warms
/// up on the first task's code until its speed is steady (`warm_up` says when), drawn on its
/// lane and not timed. `done` counts finished tasks as they finish, for progress. Returns each
/// thread's log.
///
/// # Errors
/// The first task that fails; the tasks not yet started are skipped.
pub fn run_on_pool(
    tasks: &[TaskSpec],
    gil: Option<&Gil>,
    platform: &dyn Platform,
    fault: Option<Fault>,
    done: &AtomicU32,
    warm_up: SteadyRule,
) -> Result<Vec<UnitLog>, TaskError> {
    let threads = rayon::current_num_threads();
    let logs: Vec<Mutex<UnitLog>> = (1..=threads)
        .map(|i| Mutex::new(UnitLog::new(format!("thread {i}"))))
        .collect();
    let failure: Mutex<Option<TaskError>> = Mutex::new(None);
    let failed = AtomicBool::new(false);

    if let Some(first) = tasks.first() {
        rayon::broadcast(|ctx| {
            let start = platform.now_ms();
            warm_until_steady(first, platform, warm_up);
            let end = platform.now_ms();
            lock(&logs[ctx.index()]).push(IntervalKind::WarmUp, None, start, end);
        });
    }

    rayon::scope_fifo(|scope| {
        for (index, spec) in tasks.iter().enumerate() {
            let (logs, failure, failed) = (&logs, &failure, &failed);
            scope.spawn_fifo(move |_| {
                if failed.load(Ordering::Acquire) {
                    return;
                }
                let me = rayon::current_thread_index().expect("a pool thread runs the task");
                let mut local = UnitLog::default();
                let mut holder = gil.map(|g| g.holder(me));
                let outcome = run_task(
                    index as u32,
                    spec,
                    platform,
                    holder.as_mut(),
                    fault,
                    &mut local,
                );
                let mut log = lock(&logs[me]);
                for iv in local.intervals {
                    log.push(iv.kind, iv.task, iv.start, iv.end);
                }
                log.tasks.extend(local.tasks);
                drop(log);
                match outcome {
                    Ok(()) => {
                        done.fetch_add(1, Ordering::AcqRel);
                    }
                    Err(err) => {
                        failed.store(true, Ordering::Release);
                        lock(failure).get_or_insert(err);
                    }
                }
            });
        }
    });

    if let Some(err) = lock(&failure).take() {
        return Err(err);
    }
    Ok(logs
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
        .collect())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
