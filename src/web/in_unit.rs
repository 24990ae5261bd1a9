//! The inside of a unit worker: a Web Worker with its own wasm instance and memory, started by
//! `www/unit-worker.js`, which calls [`cp_unit_main`]. It answers the page's [`ToUnit`]
//! messages: runs a whole mode (Sequential and Coroutines block this worker, which is what
//! workers are for), serves one task at a time as a process, or builds a rayon pool whose threads
//! share its memory (`web::pool`) and runs the Threads modes there. While the pool works, this
//! worker's event loop stays free to report progress and a crashed pool thread.

use super::panic_hook;
use super::platform::{WebPlatform, now_ms};
use super::pool::{self, start_pool};
use super::protocol::{FromUnit, ToUnit, from_js, message_type, plain, to_js};
use crate::engine::coroutines::run_blocking;
use crate::engine::fault::FaultKind;
use crate::engine::placement::{GilParams, OneThread, UnitJob};
use crate::engine::platform::PlatformClock;
use crate::engine::processes::serve_task;
use crate::engine::sequential::run_sequential;
use crate::engine::task::warm_up_everything;
use crate::engine::threads::run_on_pool;
use crate::engine::warm_up::{SteadyRule, warm_until_steady};
use crate::engine::{Fault, UnitLog};
use crate::model::gil::Gil;
use crate::workloads::{Calibration, TaskSpec};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use wasm_bindgen::prelude::*;

const PLATFORM: WebPlatform = WebPlatform { main_thread: false };

/// How long a unit with the `linger` fault computes before it answers the page's ping, ms:
/// much longer than the page waits (`model::stopping::ANSWER_LIMIT_MS`).
const LINGER_MS: f64 = 10_000.0;

thread_local! {
    /// Set when this unit ran the task of a `linger` fault: it will compute for [`LINGER_MS`]
    /// before it answers the page's next ping.
    static LINGER: Cell<bool> = const { Cell::new(false) };
    /// This worker's label for its log ("worker", "process 3").
    static LABEL: RefCell<String> = RefCell::new("worker".to_owned());
}

/// What runs the locks lab's encoded plan in this unit, set only by the views module (see
/// [`set_locks_job`]), so that the main module links none of the locks lab's code.
static LOCKS_JOB: std::sync::OnceLock<LocksJob> = std::sync::OnceLock::new();

/// Runs an encoded `LocksPlan` and posts its report.
pub type LocksJob = fn(Vec<u8>, fn(&FromUnit));

/// Lets this module's units run the locks lab's experiments (the views module calls it at
/// start, in the page and in every worker).
pub fn set_locks_job(job: LocksJob) {
    let _ = LOCKS_JOB.set(job);
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromUnit) {
    scope()
        .post_message(&to_js(message))
        .expect("a worker can post to its page");
}

/// The entry point of a unit worker, called by `www/unit-worker.js` once the wasm is loaded,
/// with the unit's name.
#[wasm_bindgen]
pub fn cp_unit_main(label: String) {
    panic_hook::install();
    LABEL.with(|l| *l.borrow_mut() = label);
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let data = event.data();
            if message_type(&data).as_deref() != Some("cp-msg") {
                return;
            }
            match from_js::<ToUnit>(&data) {
                Ok(message) => handle(message),
                Err(error) => post(&FromUnit::Failed(error)),
            }
        });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    scope()
        .post_message(&plain("cp-ready", ""))
        .expect("a worker can post to its page");
}

fn label() -> String {
    LABEL.with(|l| l.borrow().clone())
}

fn handle(message: ToUnit) {
    match message {
        ToUnit::Ping => {
            if LINGER.take() {
                spin(LINGER_MS);
            }
            post(&FromUnit::Pong(now_ms()));
        }
        ToUnit::Prepare {
            threads,
            warm_up: task,
        } => wasm_bindgen_futures::spawn_local(async move {
            if let Some(threads) = threads
                && let Err(error) = start_pool(threads as usize).await
            {
                return post(&FromUnit::Failed(error));
            }
            let ready_at = now_ms();
            if let Some(task) = task {
                warm_until_steady(&task, &PLATFORM, warm_up_rule());
            }
            post(&FromUnit::Prepared {
                ready_at,
                warmed_at: now_ms(),
                resolution_ms: super::platform::resolution_ms(),
            });
        }),
        ToUnit::Run { job, tasks, fault } => {
            LINGER.set(fault.is_some_and(|f| f.kind == FaultKind::Linger));
            run(job, &tasks, fault);
        }
        ToUnit::Task { pickled, fault } => {
            let reply = serve_task(&pickled, &PLATFORM, fault, &label());
            if fault.is_some_and(|f| f.kind == FaultKind::Linger && f.task == reply.index) {
                LINGER.set(true);
            }
            post(&FromUnit::TaskDone(reply));
        }
        ToUnit::Calibrate => {
            warm_up_everything(&PLATFORM, 15.0);
            post(&FromUnit::Calibrated(Calibration::measure(now_ms, 30.0)));
        }
        ToUnit::Spin { ms } => post(&FromUnit::Spun(spin(ms))),
        ToUnit::Locks(plan) => match LOCKS_JOB.get() {
            Some(job) => job(plan, post),
            None => post(&FromUnit::Failed(
                "this module has no locks lab (the views module has)".to_owned(),
            )),
        },
    }
}

fn run(job: UnitJob, tasks: &[TaskSpec], fault: Option<Fault>) {
    let outcome = match job {
        UnitJob::Thread(OneThread::InOrder) => {
            run_sequential(tasks, &PLATFORM, fault, &label(), &mut |done| {
                post(&FromUnit::Progress(done));
            })
            .map(|log| vec![log])
        }
        UnitJob::Thread(OneThread::EventLoop { yield_every }) => {
            let mut last = 0;
            run_blocking(tasks, yield_every, &PLATFORM, fault, &mut |done| {
                if done != last {
                    last = done;
                    post(&FromUnit::Progress(done));
                }
            })
        }
        UnitJob::Pool { gil, .. } => return run_on_the_pool(tasks.to_vec(), gil, fault),
    };
    post(&match outcome {
        Ok(units) => FromUnit::Finished {
            units,
            gil_switches: 0,
        },
        Err(error) => FromUnit::Failed(error.0),
    });
}

/// The threads' logs and the GIL's hand-overs, or why the run failed.
type PoolOutcome = Result<(Vec<UnitLog>, u64), String>;

/// What the pool's job shares with this worker while it runs.
#[derive(Default)]
struct PoolJob {
    done: AtomicU32,
    result: Mutex<Option<PoolOutcome>>,
}

/// Runs a Threads mode on the pool started by `Prepare`, without blocking this worker, and
/// polls for progress, the result or a crashed pool thread.
fn run_on_the_pool(tasks: Vec<TaskSpec>, gil: Option<GilParams>, fault: Option<Fault>) {
    let job = Arc::new(PoolJob::default());
    let shared = job.clone();
    pool::spawn(move || {
        let gil = gil.map(|params| params.lock(Box::new(PlatformClock(PLATFORM))));
        let outcome = run_on_pool(
            &tasks,
            gil.as_ref(),
            &PLATFORM,
            fault,
            &shared.done,
            warm_up_rule(),
        )
        .map(|logs| (logs, gil.as_ref().map_or(0, Gil::switches)))
        .map_err(|e| e.0);
        *shared
            .result
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(outcome);
    });
    let mut reported = 0;
    let poll = gloo_timers::callback::Interval::new(10, move || {
        if let Some(panic) = panic_hook::take_last_panic() {
            post(&FromUnit::Failed(format!(
                "A thread of the pool crashed: {panic}"
            )));
            return;
        }
        let done = job.done.load(Ordering::Acquire);
        if done != reported {
            reported = done;
            post(&FromUnit::Progress(done));
        }
        let finished = job.result.try_lock().ok().and_then(|mut r| r.take());
        match finished {
            Some(Ok((units, gil_switches))) => post(&FromUnit::Finished {
                units,
                gil_switches,
            }),
            Some(Err(error)) => post(&FromUnit::Failed(error)),
            None => {}
        }
    });
    // The page ends this worker after the run; until then the poll keeps going.
    poll.forget();
}

/// When a unit or pool thread is warm: its speed steady, on this worker's clock.
fn warm_up_rule() -> SteadyRule {
    SteadyRule::page(super::platform::resolution_ms())
}

/// Spins for `ms` and counts the rounds, to see how many spinning workers run at once.
fn spin(ms: f64) -> u64 {
    let until = now_ms() + ms;
    let mut rounds = 0u64;
    let mut x = 1u64;
    while now_ms() < until {
        for _ in 0..1000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        }
        rounds += 1;
    }
    std::hint::black_box(x);
    rounds
}
