//! The page's rules, natively: editing and validation, the estimate, the `run=1` refusals, the
//! main-thread cap, which modes can run in which browser, and a run's reports.

use super::environment::Environment;
use super::link::read_link;
use super::state::{Activity, MAIN_THREAD_CAP_MS};
use super::{Action, AppState};
use crate::engine::{ModeResult, RunLogs, UnitLog, assemble};
use crate::model::threads_support::ThreadsSupport;
use crate::settings::{Key, Mode, Settings, WorkloadKind};
use crate::workloads::Calibration;

fn env() -> Environment {
    Environment {
        cores: 4,
        isolated: true,
        threads: ThreadsSupport::Available,
        threads_unavailable: None,
        workers_unavailable: None,
        in_frame: false,
        browser: "Test 1".to_owned(),
        timer_resolution_ms: 0.005,
        gpu: crate::gpu::GpuSupport::Unknown,
    }
}

fn opened(query: &str) -> AppState {
    let mut state = AppState::new(read_link(query, 4, true), env());
    state.apply(Action::Calibrated(Calibration::default()));
    state
}

#[test]
fn an_edit_is_validated_and_only_a_valid_one_changes_the_settings() {
    let mut state = opened("");
    state.apply(Action::Edit(Key::Tasks, "12".to_owned()));
    assert_eq!(state.settings.tasks, 12);
    assert!(state.errors.is_empty() && state.can_run());
    state.apply(Action::Edit(Key::Tasks, "zero".to_owned()));
    assert_eq!(state.settings.tasks, 12, "the last valid settings stay");
    assert!(state.errors[&Key::Tasks].contains("not a whole number"));
    assert!(!state.can_run());
    assert_eq!(
        state.fields[&Key::Tasks],
        "zero",
        "the field keeps what was typed"
    );
}

#[test]
fn no_run_starts_before_the_machine_is_measured_and_the_cores_show_beside_the_reported() {
    let mut state = AppState::new(read_link("", 4, true), env());
    assert!(!state.can_run(), "Run waits for the calibration");
    assert_eq!(state.cores_text(), "4");
    state.apply(Action::CoresMeasured(Ok(super::environment::CoreCount {
        workers: 4,
        cores: 2.0,
    })));
    state.apply(Action::Calibrated(Calibration::default()));
    assert!(state.can_run());
    assert_eq!(state.cores_text(), "4 (2.0 measured)");
}

#[test]
fn another_workloads_hidden_fields_neither_block_nor_change_a_run() {
    let mut state = opened("workload=primes");
    state.apply(Action::Edit(Key::Chains, "-1".to_owned()));
    assert!(state.errors.is_empty(), "{:?}", state.errors);
    state.apply(Action::Edit(Key::Workload, "hashes".to_owned()));
    assert_eq!(state.workload_in_form(), WorkloadKind::Hashes);
    assert!(state.errors.contains_key(&Key::Chains));
    assert_eq!(state.settings.workload, WorkloadKind::Primes);
}

#[test]
fn a_problem_between_settings_marks_the_field_to_fix() {
    let mut state = opened("workload=mandelbrot&height=8");
    state.apply(Action::Edit(Key::Tasks, "20".to_owned()));
    assert!(state.errors[&Key::Tasks].contains("at most 8"));
}

#[test]
fn the_estimate_grows_with_the_work() {
    let small = opened("workload=hashes&chains=8&rounds=1000");
    let large = opened("workload=hashes&chains=8&rounds=100000");
    assert!(small.estimate().cpu_ms > 0.0);
    assert!(large.estimated_run_ms() > 50.0 * small.estimated_run_ms());
    assert_eq!(small.estimated_freeze_ms(), 0.0, "nothing runs on the page");
}

#[test]
fn run_1_is_refused_for_invalid_main_thread_or_long_runs() {
    let mut state = opened("run=1&tasks=4");
    assert!(state.autorun_pending);
    assert_eq!(state.autorun_refusal(), None);
    state.apply(Action::Edit(Key::Tasks, "".to_owned()));
    let refusal = state.autorun_refusal().expect("invalid settings");
    assert!(refusal.contains("some settings are invalid"));
    let on_page = opened("run=1&main_thread=1&modes=sequential&limit=1000");
    assert!(
        on_page
            .autorun_refusal()
            .expect("main thread")
            .contains("main thread")
    );
    let long = opened("run=1&workload=hashes&chains=100000&rounds=10000000");
    assert!(
        long.autorun_refusal()
            .expect("long")
            .contains("over the minute")
    );
    let mut handled = opened("run=1");
    handled.apply(Action::AutorunHandled(Some("refused".to_owned())));
    assert!(!handled.autorun_pending);
    assert_eq!(
        handled.notices.last().map(|n| n.setting.as_str()),
        Some("run")
    );
}

#[test]
fn a_main_thread_run_is_capped() {
    let mut state = opened("modes=sequential,threads&workload=hashes&chains=1000&rounds=20000");
    state.apply(Action::Edit(Key::MainThread, "1".to_owned()));
    let freeze = state.estimated_freeze_ms();
    assert!(freeze > MAIN_THREAD_CAP_MS, "{freeze} ms");
    assert!(state.errors[&Key::MainThread].contains("freeze the page"));
    state.apply(Action::Edit(Key::Rounds, "10".to_owned()));
    assert!(state.estimated_freeze_ms() < MAIN_THREAD_CAP_MS);
    assert!(state.errors.is_empty(), "{:?}", state.errors);
}

#[test]
fn modes_say_why_they_cannot_run_here() {
    let mut state = opened("");
    state.env.threads_unavailable = Some("not isolated".to_owned());
    state.env.workers_unavailable = Some("no workers".to_owned());
    assert_eq!(
        state.unavailable(Mode::Gil).as_deref(),
        Some("not isolated")
    );
    assert_eq!(
        state.unavailable(Mode::Processes).as_deref(),
        Some("no workers")
    );
    state.apply(Action::Edit(Key::MainThread, "1".to_owned()));
    assert_eq!(
        state.unavailable(Mode::Sequential),
        None,
        "the page itself runs it"
    );
}

fn finished(settings: &Settings) -> ModeResult {
    let result = assemble(RunLogs {
        mode: Mode::Sequential,
        settings: settings.clone(),
        on_main_thread: false,
        origin: 0.0,
        ready_at: 0.0,
        units: vec![UnitLog::new("worker")],
        bytes_serialized: 0,
        gil_switches: 0,
        timer_resolution_ms: 0.005,
    });
    ModeResult {
        frame_gap_ms: Some(16.0),
        ..result
    }
}

#[test]
fn a_run_reports_its_progress_and_results() {
    let mut state = opened("");
    state.apply(Action::RunStarted);
    state.apply(Action::ModeStarted {
        mode: Mode::Sequential,
        total: 8,
        main_thread: false,
    });
    assert!(state.busy() && !state.can_run());
    state.apply(Action::Progress(3));
    assert!(matches!(
        state.activity,
        Activity::Running {
            done: 3,
            total: 8,
            ..
        }
    ));
    let result = finished(&state.settings);
    state.apply(Action::ModeFinished(result.clone()));
    state.apply(Action::ModeFailed(Mode::Gil, "not isolated".to_owned()));
    state.apply(Action::RunEnded(Some("Cancelled.".to_owned())));
    assert_eq!(state.activity, Activity::Idle);
    assert_eq!(state.results, vec![result]);
    assert_eq!(state.failures.len(), 1);
    assert_eq!(state.run_message.as_deref(), Some("Cancelled."));
    state.apply(Action::RunStarted);
    assert!(state.results.is_empty() && state.failures.is_empty() && state.run_message.is_none());
}
