//! The page's long-running jobs, as async tasks that report through the reducer: a comparison
//! run (each chosen mode in turn on the same plan), the scaling sweep, the calibration and the
//! core count. They await workers' messages; the page's main thread never blocks, except in the
//! announced main-thread runs.

use crate::app::environment::CoreCount;
use crate::app::state::SweepPoint;
use crate::app::{Action, AppState};
use crate::engine::placement::{Placement, place};
use crate::engine::{ModeResult, RunRequest};
use crate::settings::{Mode, Settings};
use crate::web::frames::FrameMonitor;
use crate::web::inbox::{Canceller, Inbox, RunError};
use crate::web::platform::now_ms;
use crate::web::{between_modes, machine, page, run_mode};
use crate::workloads::Plan;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::Callback;

/// How the page stops what is running.
#[derive(Clone, Default)]
pub struct Controls {
    pub(crate) canceller: Rc<RefCell<Option<Canceller>>>,
    cancelled: Rc<Cell<bool>>,
}

impl Controls {
    /// Cancels the run or sweep in progress.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(canceller) = self.canceller.borrow().as_ref() {
            canceller.cancel();
        }
    }

    /// Starts a job: nothing is cancelled yet.
    pub(crate) fn begin(&self) {
        self.cancelled.set(false);
    }

    /// Whether Cancel was pressed since the job began.
    pub(crate) fn cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

impl PartialEq for Controls {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cancelled, &other.cancelled)
    }
}

/// Runs one mode where `engine::placement` says, measuring the longest gap between animation
/// frames meanwhile.
async fn run_mode(
    request: RunRequest,
    controls: &Controls,
    progress: &mut dyn FnMut(u32),
) -> Result<ModeResult, RunError> {
    let frames = FrameMonitor::start();
    let mut inbox = Inbox::new();
    *controls.canceller.borrow_mut() = Some(inbox.canceller());
    let outcome = run_mode::run_mode(request, &mut inbox, progress).await;
    controls.canceller.borrow_mut().take();
    let frame_gap_ms = frames.stop();
    outcome.map(|result| ModeResult {
        frame_gap_ms: Some(frame_gap_ms),
        ..result
    })
}

/// Runs every chosen mode, one after another, on one plan.
pub async fn run_comparison(state: Rc<AppState>, dispatch: Callback<Action>, controls: Controls) {
    controls.begin();
    dispatch.emit(Action::RunStarted);
    let settings = state.settings.clone();
    if run_modes(&state, &settings, &dispatch, &controls).await {
        let message = controls.cancelled.get().then(|| "Cancelled.".to_owned());
        dispatch.emit(Action::RunEnded(message));
    }
}

/// Runs every mode of `settings`, one after another, on one plan, reporting each; false if it
/// was cancelled during a mode (the run's end is then reported already).
pub(crate) async fn run_modes(
    state: &AppState,
    settings: &Settings,
    dispatch: &Callback<Action>,
    controls: &Controls,
) -> bool {
    let settings = settings.clone();
    let plan = Plan::new(&settings, state.calibration);
    let total = plan.tasks.len() as u32;
    for &mode in &settings.modes {
        if controls.cancelled.get() {
            break;
        }
        if let Some(reason) = state.unavailable_with(mode, &settings) {
            dispatch.emit(Action::ModeFailed(mode, reason));
            continue;
        }
        let main_thread = matches!(place(mode, &settings), Placement::MainThread(_));
        dispatch.emit(Action::ModeStarted {
            mode,
            total,
            main_thread,
        });
        let request = RunRequest {
            mode,
            settings: settings.clone(),
            plan: plan.clone(),
            fault: state.fault,
        };
        let mut last_shown = 0.0;
        let mut progress = |done: u32| {
            // Redraw at most every 200 ms, and for the last task: on a machine with few cores
            // the page's drawing competes with the workers it measures.
            let now = now_ms();
            if done == total || now - last_shown > 200.0 {
                last_shown = now;
                dispatch.emit(Action::Progress(done));
            }
        };
        match run_mode(request, controls, &mut progress).await {
            Ok(result) => {
                page::mark("cp-mode-finished");
                dispatch.emit(Action::ModeFinished(result));
                // Let the page draw this result before the next mode starts, so that drawing
                // does not take a core from the next mode's workers.
                between_modes::settle().await;
            }
            Err(RunError::Cancelled) => {
                dispatch.emit(Action::RunEnded(Some(format!(
                    "Cancelled during {}.",
                    mode.title()
                ))));
                return false;
            }
            Err(RunError::Failed(message)) => dispatch.emit(Action::ModeFailed(mode, message)),
        }
    }
    true
}

/// Runs Sequential once, then Threads and Processes with 1, 2, ... `settings.workers` workers,
/// and reports each point's speedup over Sequential.
pub async fn run_sweep(state: Rc<AppState>, dispatch: Callback<Action>, controls: Controls) {
    controls.begin();
    dispatch.emit(Action::SweepStarted);
    let mut settings: Settings = state.settings.clone();
    settings.main_thread = false;
    let plan = Plan::new(&settings, state.calibration);
    let run = |mode: Mode, workers: u32| {
        let mut settings = settings.clone();
        settings.workers = workers;
        RunRequest {
            mode,
            settings,
            plan: plan.clone(),
            fault: None,
        }
    };
    dispatch.emit(Action::SweepRunning(Mode::Sequential, 1));
    let baseline = match run_mode(run(Mode::Sequential, 1), &controls, &mut |_| {}).await {
        Ok(finished) => finished.record.wall_ms,
        Err(error) => {
            dispatch.emit(Action::RunEnded(Some(sweep_stopped(&error))));
            return;
        }
    };
    let modes: Vec<Mode> = [Mode::Threads, Mode::Processes]
        .into_iter()
        .filter(|&m| state.unavailable(m).is_none())
        .collect();
    for mode in modes {
        for workers in 1..=settings.workers {
            if controls.cancelled.get() {
                dispatch.emit(Action::RunEnded(Some(sweep_stopped(&RunError::Cancelled))));
                return;
            }
            dispatch.emit(Action::SweepRunning(mode, workers));
            match run_mode(run(mode, workers), &controls, &mut |_| {}).await {
                Ok(finished) => dispatch.emit(Action::SweepPoint(SweepPoint {
                    mode,
                    workers,
                    speedup: baseline / finished.record.wall_ms.max(1e-6),
                })),
                Err(error) => {
                    dispatch.emit(Action::RunEnded(Some(sweep_stopped(&error))));
                    return;
                }
            }
        }
    }
    dispatch.emit(Action::RunEnded(None));
}

fn sweep_stopped(error: &RunError) -> String {
    match error {
        RunError::Cancelled => "Sweep cancelled.".to_owned(),
        RunError::Failed(message) => format!("The sweep stopped: {message}"),
    }
}

/// Measures the hash speed in a worker at start (and so warms the wasm up), then counts the
/// cores with as many workers as the browser reports (some report a fixed figure: WebKit says 4
/// on 2 cores), so that the page can show the measured count beside the reported one. Where no
/// worker may start, a fixed guess is used and nothing is counted.
pub async fn calibrate(state: Rc<AppState>, dispatch: Callback<Action>, _: Controls) {
    crate::web::isolation::reload_settled().await;
    if state.env.workers_unavailable.is_some() {
        dispatch.emit(Action::Calibrated(crate::workloads::Calibration::default()));
        return;
    }
    let calibration = match machine::calibrate().await {
        Ok(calibration) => calibration,
        Err(error) => {
            web_sys::console::warn_1(
                &format!("Calibration failed, using a guess: {error:?}").into(),
            );
            crate::workloads::Calibration::default()
        }
    };
    let workers = state.env.cores.clamp(2, 16);
    match machine::count_cores(workers, machine::QUICK_SPIN_MS).await {
        Ok(cores) => dispatch.emit(Action::CoresMeasured(Ok(CoreCount { workers, cores }))),
        Err(error) => web_sys::console::warn_1(&format!("Counting cores failed: {error:?}").into()),
    }
    dispatch.emit(Action::Calibrated(calibration));
}

/// Counts the cores with spinning workers.
pub async fn count_cores(state: Rc<AppState>, dispatch: Callback<Action>, _: Controls) {
    dispatch.emit(Action::CoresStarted);
    let workers = (state.env.cores * 2).clamp(2, 16);
    let count = match machine::count_cores(workers, machine::SPIN_MS).await {
        Ok(cores) => Ok(CoreCount { workers, cores }),
        Err(RunError::Cancelled) => Err("Counting cores was cancelled.".to_owned()),
        Err(RunError::Failed(message)) => Err(format!("Counting cores failed: {message}")),
    };
    dispatch.emit(Action::CoresMeasured(count));
}
