//! The lessons' views as plain Rust: the lessons file once fetched, the student's answer, the
//! runs of the lesson's last attempt (each with the settings it ran), and the progress kept in
//! local storage; with the rules that read them (the runs a lesson makes from the form, when
//! `run=1` may start, the lesson's link, what its explanation is computed from).

use super::link::View;
use super::state::{AppState, LONG_RUN_MS};
use crate::engine::ModeResult;
use crate::lessons::explain::Answer;
use crate::lessons::observed::{Observation, RunOutcome};
use crate::lessons::{Lesson, LessonBook, LessonLab, Progress, plan};
use crate::locks::{LocksPlan, LocksReport};
use crate::settings::query::{Notice, SCHEME_VERSION};
use crate::settings::{Key, Mode, Settings};
use crate::workloads::estimate::estimate;
use std::rc::Rc;

/// The lessons file, as far as the page has it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Book {
    /// Being fetched (or not asked for: the main lab never fetches it).
    #[default]
    Loading,
    /// Read and checked.
    Loaded(Rc<LessonBook>),
    /// Could not be fetched or read: the sentence says why.
    Failed(String),
}

/// One finished run of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonRun {
    /// Its name, when the lesson compares runs.
    pub label: Option<String>,
    /// The settings it ran.
    pub settings: Settings,
    /// The modes that finished.
    pub results: Vec<ModeResult>,
    /// The modes that could not run, with why.
    pub failures: Vec<(Mode, String)>,
    /// In a lesson of the locks lab: its report, with the settings it ran.
    pub locks: Option<Rc<(Settings, LocksReport)>>,
}

/// The lessons' part of the page's state.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonState {
    /// The lessons file.
    pub book: Book,
    /// The settings the link gave, applied over the lesson's own.
    pub given: Vec<(String, String)>,
    /// The student's answer to this lesson's question, once given.
    pub answer: Option<Answer>,
    /// The finished runs of the last attempt.
    pub runs: Vec<LessonRun>,
    /// Whether every run of the last attempt finished.
    pub complete: bool,
    /// Lessons done and answers given.
    pub progress: Progress,
    /// Whether progress is kept in local storage (false: for this visit only).
    pub stored: bool,
}

impl Default for LessonState {
    fn default() -> Self {
        LessonState {
            book: Book::Loading,
            given: Vec::new(),
            answer: None,
            runs: Vec::new(),
            complete: false,
            progress: Progress::default(),
            stored: true,
        }
    }
}

/// What changes the lessons' state.
#[derive(Debug)]
pub enum LessonAction {
    /// The lessons file was fetched and read, or why not.
    Loaded(Result<LessonBook, String>),
    /// The student answered, or skipped.
    Answered(Answer),
    /// Run `index` of the lesson begins.
    RunStarted(usize),
    /// The run in progress finished, with its name and settings.
    RunDone(Option<String>, Settings),
    /// The student cleared their progress.
    ClearProgress,
}

impl AppState {
    /// The lesson this page shows, once the file is read.
    pub fn lesson(&self) -> Option<&Lesson> {
        match (&self.view, &self.lessons.book) {
            (View::Lesson(id), Book::Loaded(book)) => book.find(id),
            _ => None,
        }
    }

    /// The settings of each run the lesson makes from the form's settings.
    ///
    /// # Errors
    /// Why the lesson cannot run with these settings.
    pub fn lesson_runs(&self) -> Result<Vec<Settings>, String> {
        let lesson = self.lesson().ok_or("No lesson is open.")?;
        let form: Vec<(String, String)> = Key::ALL
            .iter()
            .map(|&key| (key.name().to_owned(), self.settings.get(key)))
            .collect();
        plan(lesson, &form, self.env.cores)
    }

    /// Whether the open lesson runs in the locks lab.
    pub fn in_locks_lesson(&self) -> bool {
        self.lesson().is_some_and(|l| l.lab == LessonLab::Locks)
    }

    /// The expected duration of all the lesson's runs, ms.
    pub fn lesson_estimate_ms(&self) -> f64 {
        let locks = self.in_locks_lesson();
        let cores = self.env.cores;
        self.lesson_runs().map_or(0.0, |runs| {
            runs.iter()
                .map(|s| {
                    if locks {
                        LocksPlan::new(s).estimated_ms(cores)
                    } else {
                        estimate(s, &self.calibration).run_ms(s, cores)
                    }
                })
                .sum()
        })
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
        let lesson = self.lesson()?;
        let own = crate::lessons::plan::base(lesson, &[], self.env.cores).ok()?;
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("lesson", &lesson.id);
        query.append_pair("v", &SCHEME_VERSION.to_string());
        for &key in Key::ALL {
            let value = self.settings.get(key);
            if value != own.get(key) && self.in_view(key) {
                query.append_pair(key.name(), &value);
            }
        }
        if embed {
            query.append_pair("embed", "1");
        }
        Some(query.finish())
    }

    /// What the lesson's explanation is computed from: its finished runs.
    pub fn observation(&self) -> Observation {
        let runs = self
            .lessons
            .runs
            .iter()
            .map(|run| RunOutcome {
                modes: run.results.clone(),
                failures: run.failures.clone(),
                locks: run.locks.clone(),
            })
            .collect();
        Observation {
            runs,
            cores: self.env.cores,
        }
    }

    /// Changes the lessons' state.
    pub(super) fn apply_lesson(&mut self, action: LessonAction) {
        let id = match &self.view {
            View::Lesson(id) => Some(id.clone()),
            _ => None,
        };
        match action {
            LessonAction::Loaded(Ok(book)) => self.open_book(book),
            LessonAction::Loaded(Err(message)) => self.lessons.book = Book::Failed(message),
            LessonAction::Answered(answer) => {
                self.lessons.answer = Some(answer);
                if let Some(id) = id {
                    self.lessons.progress.answers.insert(id, answer);
                }
            }
            LessonAction::RunStarted(index) => {
                if index == 0 {
                    self.lessons.runs.clear();
                    self.lessons.complete = false;
                }
                self.results.clear();
                self.failures.clear();
                self.locks = None;
                self.run_message = None;
            }
            LessonAction::RunDone(label, settings) => {
                self.lessons.runs.push(LessonRun {
                    label,
                    settings,
                    results: std::mem::take(&mut self.results),
                    failures: std::mem::take(&mut self.failures),
                    locks: self.locks.take(),
                });
                let count = self.lesson().map_or(0, Lesson::run_count);
                if self.lessons.runs.len() == count {
                    self.lessons.complete = true;
                    self.lessons.progress.done.extend(id);
                }
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
        let base = crate::lessons::plan::base(lesson, &self.lessons.given, cores).or_else(|e| {
            self.notices.push(Notice {
                setting: "lesson".to_owned(),
                message: format!("{e} The lesson's own settings are used."),
            });
            crate::lessons::plan::base(lesson, &[], cores)
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
}
