//! Everything that changes the page's state, and [`AppState::apply`], the one place it
//! changes: an edit is validated against the settings table and the page's rules, a job's
//! report moves the activity on or adds a result. The UI's reducer only calls `apply`.

use super::environment::CoreCount;
use super::lesson::{Book, LessonAction, LessonRun};
use super::link::View;
use super::share::{Classmate, CpythonRuns};
use super::state::{Activity, AppState, MAIN_THREAD_CAP_MS, SweepPoint};
use crate::engine::ModeResult;
use crate::format::rough_duration;
use crate::lessons::{Lesson, LessonBook, Progress, plan};
use crate::locks::LocksReport;
use crate::model::exchange::fit;
use crate::python::result_line::PythonRun;
use crate::settings::query::Notice;
use crate::settings::{Key, Mode, Settings};
use crate::workloads::Calibration;
use std::rc::Rc;

/// Everything that changes the state.
#[derive(Debug)]
pub enum Action {
    /// A field was edited.
    Edit(Key, String),
    /// The calibration finished.
    Calibrated(Calibration),
    /// A comparison run began.
    RunStarted,
    /// A mode began.
    ModeStarted {
        /// The mode starting now.
        mode: Mode,
        /// How many tasks it will run (the progress bar's end).
        total: u32,
        /// On the page's main thread?
        main_thread: bool,
    },
    /// Tasks finished so far.
    Progress(u32),
    /// A mode finished.
    ModeFinished(ModeResult),
    /// A mode failed or could not run.
    ModeFailed(Mode, String),
    /// A comparison run or the sweep ended; the sentence (if any) says how.
    RunEnded(Option<String>),
    /// The sweep began.
    SweepStarted,
    /// A sweep point is running.
    SweepRunning(Mode, u32),
    /// A sweep point finished.
    SweepPoint(SweepPoint),
    /// WebGPU answered: its adapter, or why there is none.
    GpuDetected(crate::gpu::GpuSupport),
    /// Counting cores began.
    CoresStarted,
    /// Counting cores ended: the count, or why there is none.
    CoresMeasured(Result<CoreCount, String>),
    /// The link's run was started, or refused for the reason given.
    AutorunHandled(Option<String>),
    /// CPython's runs, all those known now (read with [`AppState::read_cpython`]).
    CpythonRead(Vec<PythonRun>),
    /// A classmate's run (read with [`AppState::read_classmate`]).
    ClassmateRead(Rc<Classmate>),
    /// The run the lab handed to the compare view (read with [`AppState::read_carried`]);
    /// shown only on a page that has no run of its own yet (nor one going).
    RunCarried(Vec<ModeResult>),
    /// The locks lab started its experiment.
    LocksStarted,
    /// The locks lab's experiment finished.
    LocksFinished(Rc<(Settings, LocksReport)>),
    /// Something of the lessons' views.
    Lesson(LessonAction),
}

impl AppState {
    /// Changes the state as `action` says.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Edit(name, text) => {
                self.fields.insert(name, text);
                self.validate();
            }
            Action::Calibrated(calibration) => {
                self.calibration = calibration;
                self.calibrated = true;
                self.validate();
            }
            Action::RunStarted => self.start_run(),
            Action::ModeStarted {
                mode,
                total,
                main_thread,
            } => {
                self.activity = Activity::Running {
                    mode,
                    done: 0,
                    total,
                    main_thread,
                };
            }
            Action::Progress(count) => {
                if let Activity::Running { done, .. } = &mut self.activity {
                    *done = count;
                }
            }
            Action::ModeFinished(result) => self.results.push(result),
            Action::ModeFailed(mode, message) => self.failures.push((mode, message)),
            Action::RunEnded(message) => {
                self.activity = Activity::Idle;
                self.run_message = message;
            }
            Action::SweepStarted => self.sweep.clear(),
            Action::SweepRunning(mode, workers) => {
                self.activity = Activity::Sweeping { mode, workers }
            }
            Action::SweepPoint(point) => self.sweep.push(point),
            Action::GpuDetected(support) => self.env.gpu = support,
            Action::CoresStarted => {
                self.activity = Activity::MeasuringCores;
                self.run_message = None;
            }
            Action::CoresMeasured(count) => {
                self.activity = Activity::Idle;
                match count {
                    Ok(count) => self.core_count = Some(count),
                    Err(message) => self.run_message = Some(message),
                }
            }
            Action::LocksStarted => {
                self.activity = Activity::Locks(self.settings.experiment);
                self.locks = None;
                self.run_message = None;
            }
            Action::LocksFinished(report) => self.locks = Some(report),
            Action::AutorunHandled(refusal) => {
                self.autorun_pending = false;
                if let Some(message) = refusal {
                    self.notices.push(Notice {
                        setting: "run".to_owned(),
                        message,
                    });
                }
            }
            Action::CpythonRead(runs) => self.cpython = CpythonRuns(Rc::new(runs)),
            Action::ClassmateRead(classmate) => self.classmate = Some(classmate),
            Action::RunCarried(results) => self.carry_run(results),
            Action::Lesson(action) => self.apply_lesson(action),
        }
    }

    /// A new run: the last results and messages go; a classmate's run stays beside it if it
    /// does the same work.
    fn start_run(&mut self) {
        self.results.clear();
        self.cpython = CpythonRuns::default();
        let settings = &self.settings;
        self.classmate
            .take_if(|c| !fit::same_work(&c.settings, settings));
        self.failures.clear();
        self.run_message = None;
    }

    /// The run the lab handed over, shown only on a page with no run of its own (nor one going).
    fn carry_run(&mut self, results: Vec<ModeResult>) {
        let running = matches!(self.activity, Activity::Running { .. });
        if self.results.is_empty() && !running {
            self.results = results;
            self.failures.clear();
        }
    }

    /// Changes the lessons' state, and the page's where a lesson's run takes its results.
    fn apply_lesson(&mut self, action: LessonAction) {
        let id = match &self.view {
            View::Lesson(id) => Some(id.clone()),
            _ => None,
        };
        match action {
            LessonAction::Loaded(Ok(book)) => self.open_book(book),
            LessonAction::Loaded(Err(message)) => self.lessons.book = Book::Failed(message),
            LessonAction::Answered(answer) => self.lessons.answer(id.as_deref(), answer),
            LessonAction::RunStarted(index) => {
                self.lessons.start_run(index);
                self.results.clear();
                self.failures.clear();
                self.locks = None;
                self.run_message = None;
            }
            LessonAction::RunDone(label, settings) => {
                let run = LessonRun {
                    label,
                    settings,
                    results: std::mem::take(&mut self.results),
                    failures: std::mem::take(&mut self.failures),
                    locks: self.locks.take(),
                };
                let count = self.lessons.open(&self.view).map_or(0, Lesson::run_count);
                self.lessons.finish_run(run, count, id);
            }
            LessonAction::ClearProgress => self.lessons.progress = Progress::default(),
        }
    }

    /// Takes the lessons file: a lesson's settings fill the form (the link's over the
    /// lesson's); an unknown lesson id turns the page to the index, with a notice.
    fn open_book(&mut self, book: LessonBook) {
        let book = Rc::new(book);
        self.lessons.book = Book::Loaded(book.clone());
        let View::Lesson(id) = &self.view else {
            return;
        };
        let Some(lesson) = book.find(id) else {
            self.notices.push(Notice {
                setting: "lesson".to_owned(),
                message: format!("There is no lesson named “{id}”; here are the lessons."),
            });
            self.view = View::Lessons;
            return;
        };
        let cores = self.env.cores;
        let base = plan::base(lesson, &self.lessons.given, cores).or_else(|e| {
            self.notices.push(Notice {
                setting: "lesson".to_owned(),
                message: format!("{e} The lesson's own settings are used."),
            });
            plan::base(lesson, &[], cores)
        });
        if let Ok(settings) = base {
            self.settings = settings;
            self.fields = Key::ALL
                .iter()
                .map(|&key| (key, self.settings.get(key)))
                .collect();
            self.validate();
        }
    }

    fn validate(&mut self) {
        self.errors.clear();
        let mut settings = self.settings.clone();
        for &key in Key::ALL {
            // Another workload's (or view's) hidden fields neither block a run nor change it.
            if !self.in_view(key) {
                continue;
            }
            if let Err(error) = settings.set(key, &self.fields[&key]) {
                self.errors.insert(key, error.message);
            }
        }
        for problem in settings.check() {
            self.errors
                .entry(problem.setting)
                .or_insert(problem.message);
        }
        if self.errors.is_empty() {
            self.settings = settings;
            let freeze = self.estimated_freeze_ms();
            if freeze > MAIN_THREAD_CAP_MS {
                self.errors.insert(
                    Key::MainThread,
                    format!(
                        "main_thread: this would freeze the page for about {}, and the \
                         limit is {}; make the work smaller.",
                        rough_duration(freeze),
                        rough_duration(MAIN_THREAD_CAP_MS)
                    ),
                );
            }
        }
    }
}
