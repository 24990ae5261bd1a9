//! Runs a lesson's settings natively with the engine on real threads, as the page does in
//! workers, to get real records to explain: Sequential and Coroutines on the calling thread,
//! Threads and Threads + GIL on a rayon pool, Processes as threads that exchange only bytes.

use crate::engine::coroutines::run_blocking;
use crate::engine::platform::{NativePlatform, Platform};
use crate::engine::processes::{TaskMessage, decode_output, encode, serve_task};
use crate::engine::sequential::run_sequential;
use crate::engine::threads::run_on_pool;
use crate::engine::unit_log::TaskDone;
use crate::engine::warm_up::SteadyRule;
use crate::engine::{ModeResult, RunLogs, UnitLog, assemble};
use crate::lessons::observed::RunOutcome;
use crate::locks::{LocksPlan, StdThreads, run_experiment};
use crate::model::gil::Gil;
use crate::settings::{Mode, Settings, WorkloadKind};
use crate::workloads::{Calibration, Plan};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// Runs a lesson of the locks lab natively, its threads real (`std::thread`), as the page runs
/// it on a unit's pool of Web Workers.
pub fn run_lab(s: &Settings) -> RunOutcome {
    let plan = LocksPlan::new(s);
    let report = run_experiment(&plan, &StdThreads, &NativePlatform::new(), &|| false);
    RunOutcome {
        locks: Some(std::rc::Rc::new((s.clone(), report))),
        ..RunOutcome::default()
    }
}

/// Makes the work small enough for a unit test, keeping its shape.
pub fn shrink(s: &mut Settings) {
    s.limit = s.limit.min(200_000);
    s.numbers = s.numbers.min(300_000);
    s.rounds = s.rounds.min(2000);
    s.latency_ms = s.latency_ms.min(20);
    s.io_ms = s.io_ms.min(5);
    s.cpu_ms = s.cpu_ms.min(5);
    if s.workload == WorkloadKind::Mandelbrot {
        s.width = s.width.min(200);
    }
}

/// Runs every mode of these settings; `frame_gap` stands for the page's longest frame gap.
pub fn run_all(s: &Settings) -> RunOutcome {
    let plan = Plan::new(s, Calibration::default());
    let mut out = RunOutcome::default();
    for &mode in &s.modes {
        let result = run_mode(mode, s, &plan);
        // A run on the page's own thread freezes it for the whole run; in a worker it does not.
        let frame_gap_ms = if result.record.on_main_thread {
            result.record.wall_ms
        } else {
            16.7
        };
        out.modes.push(ModeResult {
            frame_gap_ms: Some(frame_gap_ms),
            ..result
        });
    }
    out
}

fn run_mode(mode: Mode, s: &Settings, plan: &Plan) -> ModeResult {
    let platform = NativePlatform::new();
    let origin = platform.now_ms();
    let done = AtomicU32::new(0);
    let mut bytes = 0;
    let mut switches = 0;
    let units = match mode {
        Mode::Sequential => {
            vec![run_sequential(&plan.tasks, &platform, None, "worker", &mut |_| {}).expect("runs")]
        }
        Mode::Coroutines => {
            run_blocking(&plan.tasks, s.yield_every, &platform, None, &mut |_| {}).expect("runs")
        }
        Mode::Threads | Mode::Gil => {
            let gil = (mode == Mode::Gil).then(|| Gil::new(s.gil, s.switch_ms, s.ticks));
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(s.workers as usize)
                .build()
                .expect("a pool starts");
            let logs = pool
                .install(|| {
                    run_on_pool(
                        &plan.tasks,
                        gil.as_ref(),
                        &platform,
                        None,
                        &done,
                        SteadyRule::QUICK,
                    )
                })
                .expect("runs");
            switches = gil.map_or(0, |g| g.switches());
            logs
        }
        Mode::Processes => {
            let (logs, crossed) = processes(plan, s.workers, &platform);
            bytes = crossed;
            logs
        }
        // The kernels' work done on the CPU, a pretend microsecond per work unit.
        Mode::Gpu => return crate::gpu::emulate::result(plan, s.clone(), 1e-3),
    };
    assemble(RunLogs {
        mode,
        settings: s.clone(),
        on_main_thread: s.main_thread && mode.can_run_on_main_thread(),
        origin,
        ready_at: origin,
        units,
        bytes_serialized: bytes,
        gil_switches: switches,
        timer_resolution_ms: 0.001,
    })
}

/// Processes: each thread takes the next task, as bytes, and answers with bytes.
fn processes(plan: &Plan, workers: u32, platform: &NativePlatform) -> (Vec<UnitLog>, u64) {
    let next = AtomicU32::new(0);
    let bytes = AtomicU64::new(0);
    let logs: Vec<Mutex<UnitLog>> = (1..=workers)
        .map(|i| Mutex::new(UnitLog::new(format!("process {i}"))))
        .collect();
    std::thread::scope(|scope| {
        for log in &logs {
            let (next, bytes) = (&next, &bytes);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(spec) = plan.tasks.get(index as usize) else {
                        break;
                    };
                    let start = platform.now_ms();
                    let message = encode(&TaskMessage {
                        index,
                        spec: spec.clone(),
                    });
                    let reply = serve_task(&message, platform, None, "process");
                    let result = reply.result.expect("the task succeeds");
                    let output = decode_output(&result).expect("decodes");
                    bytes.fetch_add((message.len() + result.len()) as u64, Ordering::SeqCst);
                    let mut log = log.lock().expect("not poisoned");
                    log.intervals.extend(reply.log.intervals);
                    log.tasks.push(TaskDone {
                        index,
                        start,
                        end: platform.now_ms(),
                        output,
                    });
                }
            });
        }
    });
    let logs = logs
        .into_iter()
        .map(|l| l.into_inner().expect("not poisoned"))
        .collect();
    (logs, bytes.into_inner())
}
