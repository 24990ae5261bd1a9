//! The page's state: the settings as typed and as parsed, the notices from the link, what
//! this browser allows, the run in progress, and the results; with the page's rules that read
//! it (the estimate, the `run=1` refusals, the main-thread cap, which modes can run here).

use super::environment::{CoreCount, Environment};
use super::lesson::{self, LessonState};
use super::link::{PageLink, View};
use super::share::{self, Classmate, CpythonRuns};
use crate::engine::placement::{Placement, place};
use crate::engine::{Fault, ModeResult};
use crate::lessons::observed::Observation;
use crate::lessons::{Lesson, LessonLab};
use crate::model::exchange::{ImportError, Machine, SharedRun};
use crate::python::result_line::{LineError, PythonRun};
use crate::settings::query::{Notice, PageFlags};
use crate::settings::{Key, Mode, Settings, WorkloadKind};
use crate::workloads::Calibration;
use crate::workloads::estimate::{Estimate, estimate};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The longest a run on the page's main thread may be expected to freeze it, ms.
pub const MAIN_THREAD_CAP_MS: f64 = 3000.0;
/// Runs expected to take longer than this get a warning, and `run=1` does not start them, ms.
pub const LONG_RUN_MS: f64 = 60_000.0;

/// What the page is doing now; at most one job runs at a time.
#[derive(Clone, Debug, PartialEq)]
pub enum Activity {
    /// Nothing.
    Idle,
    /// A comparison run: which mode, how far.
    Running {
        /// The mode running now.
        mode: Mode,
        /// Tasks finished.
        done: u32,
        /// Tasks in all.
        total: u32,
        /// Whether it runs on the page's main thread (no Cancel).
        main_thread: bool,
    },
    /// The scaling sweep: which point.
    Sweeping {
        /// The mode running now.
        mode: Mode,
        /// The workers this point runs with.
        workers: u32,
    },
    /// Counting cores.
    MeasuringCores,
    /// The locks lab runs this experiment.
    Locks(crate::settings::Experiment),
}

/// One point of the scaling sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint {
    /// Threads or Processes.
    pub mode: Mode,
    /// The workers this point ran with.
    pub workers: u32,
    /// Sequential's wall time over this one's.
    pub speedup: f64,
}

/// Everything the page shows and allows, in one value: the settings as typed and as parsed,
/// what the link asked for, what the browser allows, what is running and the results. Changed
/// only by [`AppState::apply`].
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The last valid settings.
    pub settings: Settings,
    /// What each field holds, as typed.
    pub fields: BTreeMap<Key, String>,
    /// The sentence next to each field that holds something invalid.
    pub errors: BTreeMap<Key, String>,
    /// Notices about the link the page was opened with.
    pub notices: Vec<Notice>,
    /// `run` and `embed`.
    pub flags: PageFlags,
    /// A fault to inject (tests only, from the `fault` URL parameter).
    pub fault: Option<Fault>,
    /// The view the link asked for (only the main lab exists yet; the others say so).
    pub view: View,
    /// What this browser allows.
    pub env: Environment,
    /// The hash speed, measured in a worker at start.
    pub calibration: Calibration,
    /// Cores counted by spinning workers.
    pub core_count: Option<CoreCount>,
    /// What is running.
    pub activity: Activity,
    /// The results of the last comparison, in mode order.
    pub results: Vec<ModeResult>,
    /// Modes of the last comparison that did not run, with the sentence saying why.
    pub failures: Vec<(Mode, String)>,
    /// A sentence about the last run as a whole ("Cancelled.").
    pub run_message: Option<String>,
    /// The points of the last scaling sweep.
    pub sweep: Vec<SweepPoint>,
    /// Whether the link asked to run, and that has not happened yet.
    pub autorun_pending: bool,
    /// Whether the calibration has finished (measured or not).
    pub calibrated: bool,
    /// CPython's runs of the last comparison's programs, brought back by the student.
    pub cpython: CpythonRuns,
    /// A classmate's run of the same work, imported from their file.
    pub classmate: Option<Rc<Classmate>>,
    /// The locks lab's last report, with the settings it ran with.
    pub locks: Option<std::rc::Rc<(Settings, crate::locks::LocksReport)>>,
    /// The lessons' views: the file, the answer, the runs, the progress.
    pub lessons: LessonState,
}

impl AppState {
    /// The state for a page opened with this link in this environment.
    pub fn new(opened: PageLink, env: Environment) -> Self {
        let PageLink {
            view,
            link,
            fault,
            given,
        } = opened;
        let settings = link.settings;
        let fields = Key::ALL
            .iter()
            .map(|&key| (key, settings.get(key)))
            .collect();
        AppState {
            autorun_pending: link.flags.run,
            calibrated: false,
            settings,
            fields,
            errors: BTreeMap::new(),
            notices: link.notices,
            flags: link.flags,
            fault,
            view,
            env,
            calibration: Calibration::default(),
            core_count: None,
            activity: Activity::Idle,
            results: Vec::new(),
            failures: Vec::new(),
            run_message: None,
            sweep: Vec::new(),
            cpython: CpythonRuns::default(),
            classmate: None,
            locks: None,
            lessons: LessonState {
                given,
                ..Default::default()
            },
        }
    }

    /// The estimated cost of the current settings (for the locks lab, its experiment's).
    pub fn estimated_run_ms(&self) -> f64 {
        if self.view == View::LocksLab {
            return crate::locks::LocksPlan::new(&self.settings).estimated_ms(self.env.cores);
        }
        if self.in_locks_lesson() {
            return self.lesson_estimate_ms();
        }
        self.estimate().run_ms(&self.settings, self.env.cores)
    }

    /// Why the locks lab's experiment cannot run in this browser, if it cannot: all but the
    /// coroutines need threads over shared memory.
    pub fn locks_unavailable(&self) -> Option<String> {
        let plan = crate::locks::LocksPlan::new(&self.settings);
        if plan.pool_threads() > 0 {
            self.env.threads_unavailable.clone()
        } else {
            self.env.workers_unavailable.clone()
        }
    }

    /// The experiment the locks lab's form shows (the typed one if valid).
    pub fn experiment_in_form(&self) -> crate::settings::Experiment {
        crate::settings::Experiment::from_name(&self.fields[&Key::Experiment])
            .unwrap_or(self.settings.experiment)
    }

    /// Whether `key` is shown, checked and carried in this view (the locks lab's own
    /// settings there and in its lessons, the workload's and the modes' in the main lab).
    pub fn in_view(&self, key: Key) -> bool {
        let scope = key.spec().scope;
        if self.view == View::LocksLab || self.in_locks_lesson() {
            scope.in_locks_lab(self.experiment_in_form())
        } else {
            scope.matters_to(self.workload_in_form())
        }
    }

    /// The same state with the student's progress as read from local storage (`None`: the
    /// browser refused storage, so progress lasts for this visit).
    pub fn with_progress(mut self, stored: Option<crate::lessons::Progress>) -> Self {
        self.lessons.stored = stored.is_some();
        self.lessons.progress = stored.unwrap_or_default();
        self
    }

    /// The estimated cost of the current settings.
    pub fn estimate(&self) -> Estimate {
        estimate(&self.settings, &self.calibration)
    }

    /// How long a main-thread run would freeze the page, ms (0 if none is asked for).
    pub fn estimated_freeze_ms(&self) -> f64 {
        if !self.settings.main_thread {
            return 0.0;
        }
        let e = self.estimate();
        let s = &self.settings;
        s.modes
            .iter()
            .filter(|m| m.can_run_on_main_thread())
            .map(|&m| match m {
                // Coroutines let the page breathe while they all wait; only computing freezes it.
                Mode::Coroutines => e.cpu_ms,
                _ => e.wall_ms(m, s.workers, self.env.cores, s.tasks),
            })
            .sum()
    }

    /// Whether a run may start now (not before the machine is measured).
    pub fn can_run(&self) -> bool {
        self.errors.is_empty() && self.activity == Activity::Idle && self.calibrated
    }

    /// The cores the browser reports and, once counted, the cores measured beside them:
    /// "4 (2.0 measured)".
    pub fn cores_text(&self) -> String {
        match &self.core_count {
            Some(count) => format!("{} ({:.1} measured)", self.env.cores, count.cores),
            None => self.env.cores.to_string(),
        }
    }

    /// Why `run=1` must not start this run by itself, if it must not.
    pub fn autorun_refusal(&self) -> Option<String> {
        if !self.errors.is_empty() {
            Some("run=1 was not followed: some settings are invalid.".to_owned())
        } else if self.settings.main_thread {
            Some("run=1 was not followed: a run on the page's main thread freezes the page, so it only starts when you press Run.".to_owned())
        } else if self.estimated_run_ms() > LONG_RUN_MS {
            Some(format!(
                "run=1 was not followed: this run is expected to take about {}, over the minute a link may start by itself.",
                crate::format::rough_duration(self.estimated_run_ms())
            ))
        } else {
            None
        }
    }

    /// Whether anything is running.
    pub fn busy(&self) -> bool {
        self.activity != Activity::Idle
    }

    /// Why `mode` cannot run in this browser, if it cannot.
    pub fn unavailable(&self, mode: Mode) -> Option<String> {
        self.unavailable_with(mode, &self.settings)
    }

    /// Why `mode` cannot run in this browser with these settings, if it cannot.
    pub fn unavailable_with(&self, mode: Mode, settings: &Settings) -> Option<String> {
        match place(mode, settings) {
            Placement::MainThread(_) => None,
            Placement::Gpu => self.env.gpu.unavailable_reason().or_else(|| {
                crate::gpu::Kernel::for_workload(settings.workload, settings.precision)
                    .err()
                    .map(|why| format!("the GPU has no kernel for this workload: {}", why.reason()))
            }),
            _ if mode.needs_shared_memory() => self.env.threads_unavailable.clone(),
            _ => self.env.workers_unavailable.clone(),
        }
    }

    /// The workload the form shows (the typed one if valid, else the last valid one).
    pub fn workload_in_form(&self) -> WorkloadKind {
        WorkloadKind::from_name(&self.fields[&Key::Workload]).unwrap_or(self.settings.workload)
    }
}

/// The open lesson, asked of the lessons' state with the page's view, form and machine.
impl AppState {
    /// The lesson this page shows, once the file is read.
    pub fn lesson(&self) -> Option<&Lesson> {
        self.lessons.open(&self.view)
    }

    /// The settings of each run the lesson makes from the form's settings.
    ///
    /// # Errors
    /// Why the lesson cannot run with these settings.
    pub fn lesson_runs(&self) -> Result<Vec<Settings>, String> {
        let lesson = self.lesson().ok_or("No lesson is open.")?;
        lesson::runs(lesson, &self.settings, self.env.cores)
    }

    /// Whether the open lesson runs in the locks lab.
    pub fn in_locks_lesson(&self) -> bool {
        self.lesson().is_some_and(|l| l.lab == LessonLab::Locks)
    }

    /// The expected duration of all the lesson's runs, ms.
    pub fn lesson_estimate_ms(&self) -> f64 {
        match (self.lesson(), self.lesson_runs()) {
            (Some(l), Ok(runs)) => lesson::estimate_ms(l, &runs, &self.calibration, self.env.cores),
            _ => 0.0,
        }
    }

    /// Whether the lesson may run now: answered (or skipped), calibrated, idle, valid.
    pub fn lesson_can_run(&self) -> bool {
        self.lessons.answer.is_some()
            && self.calibrated
            && self.can_run()
            && self.lesson_runs().is_ok()
    }

    /// Why `run=1` must not start this lesson by itself, if it must not (it waits for an
    /// answer first: see [`AppState::lesson_can_run`]).
    pub fn lesson_autorun_refusal(&self) -> Option<String> {
        let runs = self.lesson_runs().unwrap_or_default();
        if runs.iter().any(|s| s.main_thread) {
            Some("run=1 was not followed: this lesson runs on the page's main thread, which freezes the page, so it only starts when you press Run.".to_owned())
        } else if self.lesson_estimate_ms() > LONG_RUN_MS {
            Some("run=1 was not followed: this lesson is expected to take over the minute a link may start by itself.".to_owned())
        } else {
            self.autorun_refusal()
        }
    }

    /// The lesson's query: its id, then the settings that differ from the lesson's own here.
    pub fn lesson_query(&self, embed: bool) -> Option<String> {
        let shown = |key| self.in_view(key);
        lesson::query(self.lesson()?, &self.settings, self.env.cores, shown, embed)
    }

    /// What the lesson's explanation is computed from: its finished runs.
    pub fn observation(&self) -> Observation {
        self.lessons.observation(self.env.cores)
    }
}

/// What the page shares and is given beside its run, read against its own (see [`share`]).
impl AppState {
    /// This page's machine, as a shared run describes it.
    pub fn machine(&self) -> Machine {
        Machine {
            browser: self.env.browser.clone(),
            cores: self.env.cores,
            cores_measured: self.core_count.as_ref().map(|c| c.cores),
            isolated: self.env.isolated,
            timer_resolution_ms: self.env.timer_resolution_ms,
        }
    }

    /// The settings of the run on the page (or, before any, of the form): what a classmate's
    /// run and CPython's lines must match.
    pub fn compared_settings(&self) -> &Settings {
        share::compared_settings(&self.results, &self.settings)
    }

    /// The last comparison as a file, or None before any mode finished.
    pub fn shared_run(&self) -> Option<SharedRun> {
        share::shared_run(&self.results, self.machine())
    }

    /// Reads a classmate's file: their run if it is one and did the same work as this page's.
    pub fn read_classmate(&self, text: &str) -> Result<Classmate, ImportError> {
        Classmate::read(text, self.compared_settings())
    }

    /// Reads the run the lab handed to the compare view: its modes, if the text is such a
    /// file of the same work as this page's settings.
    pub fn read_carried(&self, text: &str) -> Option<Vec<ModeResult>> {
        Classmate::carried(text, &self.settings)
    }

    /// Reads CPython's lines: every run known so far with these added, and a sentence.
    pub fn read_cpython(&self, text: &str) -> Result<(Vec<PythonRun>, String), LineError> {
        self.cpython.read(text, &self.results)
    }
}
