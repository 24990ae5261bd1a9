//! The lessons' views as plain Rust: the lessons file once fetched, the student's answer, the
//! runs of the lesson's last attempt (each with the settings it ran), and the progress kept in
//! local storage; with the rules that read them (the runs a lesson makes from the form, their
//! cost, the lesson's link, what its explanation is computed from). The page's state holds a
//! [`LessonState`] and asks it (`AppState::lesson` and the methods beside it);
//! nothing here knows the page's state.

use super::link::View;
use crate::engine::ModeResult;
use crate::lessons::explain::Answer;
use crate::lessons::observed::{Observation, RunOutcome};
use crate::lessons::{Lesson, LessonBook, LessonLab, Progress, plan};
use crate::locks::{LocksPlan, LocksReport};
use crate::settings::query::SCHEME_VERSION;
use crate::settings::{Key, Mode, Settings};
use crate::workloads::Calibration;
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

impl LessonState {
    /// The lesson `view` shows, once the file is read.
    pub fn open(&self, view: &View) -> Option<&Lesson> {
        match (view, &self.book) {
            (View::Lesson(id), Book::Loaded(book)) => book.find(id),
            _ => None,
        }
    }

    /// What the lesson's explanation is computed from: its finished runs.
    pub fn observation(&self, cores: u32) -> Observation {
        let runs = self
            .runs
            .iter()
            .map(|run| RunOutcome {
                modes: run.results.clone(),
                failures: run.failures.clone(),
                locks: run.locks.clone(),
            })
            .collect();
        Observation { runs, cores }
    }

    /// The student answered lesson `id` (if a lesson is open), or skipped it.
    pub fn answer(&mut self, id: Option<&str>, answer: Answer) {
        self.answer = Some(answer);
        if let Some(id) = id {
            self.progress.answers.insert(id.to_owned(), answer);
        }
    }

    /// Run `index` begins: the first run of an attempt forgets the last attempt's.
    pub fn start_run(&mut self, index: usize) {
        if index == 0 {
            self.runs.clear();
            self.complete = false;
        }
    }

    /// A run of lesson `id`, which makes `count` runs, finished; the last one makes the lesson
    /// done.
    pub fn finish_run(&mut self, run: LessonRun, count: usize, id: Option<String>) {
        self.runs.push(run);
        if self.runs.len() == count {
            self.complete = true;
            self.progress.done.extend(id);
        }
    }
}

/// The settings of each run `lesson` makes from the form's `settings`, on `cores` cores.
///
/// # Errors
/// Why the lesson cannot run with these settings.
pub fn runs(lesson: &Lesson, settings: &Settings, cores: u32) -> Result<Vec<Settings>, String> {
    let form: Vec<(String, String)> = Key::ALL
        .iter()
        .map(|&key| (key.name().to_owned(), settings.get(key)))
        .collect();
    plan(lesson, &form, cores)
}

/// The expected duration of `lesson`'s runs, ms.
pub fn estimate_ms(
    lesson: &Lesson,
    runs: &[Settings],
    calibration: &Calibration,
    cores: u32,
) -> f64 {
    runs.iter()
        .map(|s| match lesson.lab {
            LessonLab::Locks => LocksPlan::new(s).estimated_ms(cores),
            LessonLab::Modes => estimate(s, calibration).run_ms(s, cores),
        })
        .sum()
}

/// The lesson's query: its id, then the form's settings that differ from the lesson's own here
/// and that `shown` says the lesson's form shows.
pub fn query(
    lesson: &Lesson,
    settings: &Settings,
    cores: u32,
    shown: impl Fn(Key) -> bool,
    embed: bool,
) -> Option<String> {
    let own = crate::lessons::plan::base(lesson, &[], cores).ok()?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("lesson", &lesson.id);
    query.append_pair("v", &SCHEME_VERSION.to_string());
    for &key in Key::ALL {
        let value = settings.get(key);
        if value != own.get(key) && shown(key) {
            query.append_pair(key.name(), &value);
        }
    }
    if embed {
        query.append_pair("embed", "1");
    }
    Some(query.finish())
}
