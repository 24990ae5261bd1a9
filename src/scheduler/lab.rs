//! The scheduler view's state and every rule of its page (`ui/scheduler` wraps
//! [`SchedulerLab::apply`] in a reducer): what its link asks for (`level=ID`, `moves=ABBA`), the
//! levels file once fetched, the level open, the student's run and the model's counts, each
//! step announced, and the address that reproduces it.

use super::step::Run;
use super::story::{blocked_words, move_words};
use super::{Counts, Level, LevelBook, count_orders};
use crate::settings::query::Notice;

/// The most moves a link may carry (every level ends well before).
pub const MAX_MOVES: usize = 200;

/// The levels file: not yet read, read, or why it could not be.
#[derive(Clone, Debug, PartialEq)]
pub enum Book {
    /// Being fetched.
    Loading,
    /// Read and checked.
    Read(LevelBook),
    /// Why the levels cannot be shown.
    Failed(String),
}

/// The scheduler view's state.
#[derive(Clone, Debug, PartialEq)]
pub struct SchedulerLab {
    /// The levels.
    pub book: Book,
    /// The open level's id (`None`: the index).
    pub level: Option<String>,
    /// The student's run of it.
    pub run: Option<Run>,
    /// Its orders, counted when it opens.
    pub counts: Option<Counts>,
    /// What the link asked for that could not be done, each naming what it was given for.
    pub notices: Vec<Notice>,
    /// The last step's announcement for screen readers.
    pub announcement: String,
    /// The link's moves, played once the file is read.
    wanted_moves: String,
}

/// What happens on the scheduler page.
#[derive(Clone, Debug, PartialEq)]
pub enum SchedulerAction {
    /// The levels file's text, or why it could not be fetched.
    Loaded(Result<String, String>),
    /// The unit with this index takes its next step.
    Step(usize),
    /// The last move is undone.
    Back,
    /// Back to the start of the level.
    Restart,
}

impl SchedulerLab {
    /// The page for a link's query (with or without its `?`).
    pub fn new(query: &str) -> SchedulerLab {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut level = None;
        let mut moves = String::new();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            match name.trim() {
                "level" if !value.trim().is_empty() => {
                    level = Some(value.trim().chars().take(40).collect());
                }
                "moves" => moves = value.trim().chars().take(MAX_MOVES + 1).collect(),
                _ => {}
            }
        }
        SchedulerLab {
            book: Book::Loading,
            level,
            run: None,
            counts: None,
            notices: Vec::new(),
            announcement: String::new(),
            wanted_moves: moves,
        }
    }

    /// The open level, once the file is read.
    pub fn open_level(&self) -> Option<&Level> {
        match (&self.book, &self.level) {
            (Book::Read(book), Some(id)) => book.find(id),
            _ => None,
        }
    }

    /// Carries out `action`.
    pub fn apply(&mut self, action: SchedulerAction) {
        match action {
            SchedulerAction::Loaded(Ok(text)) => match LevelBook::parse(&text) {
                Ok(book) => {
                    self.book = Book::Read(book);
                    self.open();
                }
                Err(why) => self.book = Book::Failed(why),
            },
            SchedulerAction::Loaded(Err(why)) => {
                self.book = Book::Failed(format!("The levels could not be fetched ({why})."));
            }
            SchedulerAction::Step(unit) => {
                let Some(level) = self.open_level().cloned() else {
                    return;
                };
                let Some(run) = self.run.as_mut() else {
                    return;
                };
                self.announcement = match run.step(&level, unit) {
                    Ok(()) => move_words(&level, run, run.moves.len() - 1),
                    Err(why) => format!(
                        "{} cannot step: {}.",
                        level.units[unit].name,
                        blocked_words(&level, &why)
                    ),
                };
            }
            SchedulerAction::Back => {
                if let Some(run) = self.run.as_mut() {
                    self.announcement = if run.back() {
                        format!("Move {} undone.", run.moves.len() + 1)
                    } else {
                        "Nothing to undo: no move has been made.".to_owned()
                    };
                }
            }
            SchedulerAction::Restart => {
                if let Some(level) = self.open_level() {
                    self.run = Some(Run::new(level));
                    self.announcement = "Back to the start.".to_owned();
                }
            }
        }
    }

    /// Notes what the link asked for, under `setting`, that could not be done.
    fn notice(&mut self, setting: &str, message: String) {
        self.notices.push(Notice {
            setting: setting.to_owned(),
            message,
        });
    }

    /// Opens the link's level once the file is read, playing the link's moves.
    fn open(&mut self) {
        let Some(id) = self.level.clone() else {
            return;
        };
        let Some(level) = self.open_level().cloned() else {
            self.notice(
                "level",
                format!("level: there is no level {id}; the list of levels is shown."),
            );
            self.level = None;
            return;
        };
        self.counts = count_orders(&level);
        let wanted = std::mem::take(&mut self.wanted_moves);
        if wanted.chars().count() > MAX_MOVES {
            self.notice(
                "moves",
                format!("moves: a link carries at most {MAX_MOVES} moves; the level starts from the beginning."),
            );
            self.run = Some(Run::new(&level));
            return;
        }
        // The moves that can be made are kept; the first that cannot is named.
        let (run, refused) = Run::play(&level, &wanted);
        if let Some(why) = refused {
            self.notice(
                "moves",
                format!("moves: {why}; the moves before it are kept."),
            );
        }
        self.run = Some(run);
    }

    /// The query that reproduces this page: the view, the level and the moves so far.
    pub fn query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("lab", "scheduler");
        if let Some(level) = &self.level {
            out.append_pair("level", level);
            // Until the file is read, the link's own moves (so that the address keeps them).
            let moves = self
                .run
                .as_ref()
                .map_or_else(|| self.wanted_moves.clone(), Run::moves_text);
            if !moves.is_empty() {
                out.append_pair("moves", &moves);
            }
        }
        out.finish()
    }

    /// A level's link (`?lab=scheduler&level=ID`), as the index lists it.
    pub fn level_query(id: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("lab", "scheduler");
        out.append_pair("level", id);
        format!("?{}", out.finish())
    }
}
