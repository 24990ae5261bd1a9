//! Be the scheduler (`lab=scheduler`): levels in which the student chooses which thread or
//! coroutine takes its next Python-level step, to cause a lost update, a deadlock or a wait on
//! an empty queue, or to see why a lock makes one impossible. A level is data (read from
//! `www/scheduler/levels.json`, fetched when the view opens): its shared variables, locks and
//! queue, each unit's lines (the Python text and the operation it stands for) and its goal. The
//! steps are modelled in [`step`], every possible order counted in [`explore`], what happened
//! told from the moves in [`story`], and the CPython program written by [`program`]. Plain
//! Rust, no browser types.

pub mod explore;
pub mod lab;
pub mod program;
pub mod step;
pub mod story;

pub use explore::{Counts, count_orders};
pub use step::{Blocked, Run, State};

use serde::Deserialize;
use std::collections::BTreeMap;

/// The whole levels file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelBook {
    /// The file's format version (1).
    pub version: u32,
    /// The levels, easiest first.
    pub levels: Vec<Level>,
}

/// How the units share the interpreter: the lecture's preemptive and cooperative multitasking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Threads: the scheduler may switch after any step.
    Threads,
    /// Coroutines on one event loop: the running one goes on until it awaits (or ends).
    Coroutines,
}

/// One level.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Its id, in links (`level=ID`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Threads or coroutines.
    pub style: Style,
    /// What the student is asked to do.
    pub task: String,
    /// The shared variables and their first values.
    pub shared: BTreeMap<String, i64>,
    /// The locks' names.
    #[serde(default)]
    pub locks: Vec<String>,
    /// The bounded queue, if the level has one.
    #[serde(default)]
    pub queue: Option<QueueSpec>,
    /// The threads or coroutines, each a function.
    pub units: Vec<Unit>,
    /// What the student tries to make happen.
    pub goal: Goal,
    /// The locks lab's experiment that counts the same thing on real threads (its query).
    #[serde(default)]
    pub lab: Option<String>,
    /// The lessons it belongs to (their ids).
    #[serde(default)]
    pub lessons: Vec<String>,
}

/// A bounded queue.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueSpec {
    /// Its name in the code.
    pub name: String,
    /// How many items it holds at most.
    pub capacity: usize,
}

/// A thread's or coroutine's function.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Its name (the function's).
    pub name: String,
    /// Its lines, one step each.
    pub lines: Vec<Line>,
    /// The Python it stands for, where its lines are not Python (bytecodes): what the CPython
    /// program runs.
    #[serde(default)]
    pub python: Option<Vec<String>>,
}

/// One line of a unit: its Python text and the step it stands for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Line {
    /// The Python text shown.
    pub text: String,
    /// Its indentation inside the function (0: the function's body).
    #[serde(default)]
    pub indent: u8,
    /// What it does.
    #[serde(flatten)]
    pub op: Op,
}

/// The step a line stands for. `local`s are the unit's own variables; `var`s are shared.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// `local = var`: reads a shared variable.
    Load {
        /// The unit's variable.
        local: String,
        /// The shared one.
        var: String,
    },
    /// `local = local + value`.
    Add {
        /// The unit's variable.
        local: String,
        /// What is added.
        value: i64,
    },
    /// `var = local`: writes a shared variable.
    Store {
        /// The shared variable.
        var: String,
        /// The unit's variable.
        local: String,
    },
    /// `var = var + value` in one step (as one line of Python reads, though it is several
    /// bytecodes: the levels that need those spell them out).
    Update {
        /// The shared variable.
        var: String,
        /// What is added.
        value: i64,
    },
    /// `if var >= at_least:` the next `body` lines; else they are skipped.
    IfAtLeast {
        /// The shared variable tested.
        var: String,
        /// The threshold.
        at_least: i64,
        /// How many lines the `if` holds.
        body: usize,
    },
    /// `lock.acquire()`: waits while another unit holds it.
    Acquire {
        /// The lock.
        lock: String,
    },
    /// `lock.release()`.
    Release {
        /// The lock.
        lock: String,
    },
    /// `await ...`: a coroutine hands the loop back; the loop may run another.
    Await,
    /// `queue.put(value)`: waits while the queue is full.
    Put {
        /// The item.
        value: i64,
    },
    /// `local = queue.get()`: waits while the queue is empty.
    Get {
        /// Where the item goes.
        local: String,
    },
    /// A step that touches nothing shared (loading a constant onto the stack).
    Nothing,
}

/// What the student tries to make happen.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// Every unit ends with `var` equal to `value` (a lost update: 1 after two increments).
    Ends {
        /// The shared variable.
        var: String,
        /// Its value at the end.
        value: i64,
    },
    /// No unit can take a step, and some have not ended: they wait for each other for ever.
    Deadlock,
    /// `unit` has taken an item and its next step is a get from the empty queue: it waits for
    /// a put.
    WaitsOnEmpty {
        /// The unit's index.
        unit: usize,
    },
}

impl Level {
    /// The unit's letter in moves and links: A, B, C...
    pub fn letter(unit: usize) -> char {
        char::from(b'A' + (unit % 26) as u8)
    }
}

impl LevelBook {
    /// Reads the levels file and checks each level: names that exist, `if` bodies inside their
    /// unit, at least two units, ids unique.
    ///
    /// # Errors
    /// What is wrong, naming the level.
    pub fn parse(text: &str) -> Result<LevelBook, String> {
        let book: LevelBook = serde_json::from_str(text)
            .map_err(|e| format!("The levels file does not read: {e}"))?;
        if book.version != 1 {
            return Err(format!(
                "The levels file is version {}, not 1.",
                book.version
            ));
        }
        let mut ids = std::collections::BTreeSet::new();
        for level in &book.levels {
            if !ids.insert(level.id.as_str()) {
                return Err(format!("Two levels have the id {}.", level.id));
            }
            level
                .check()
                .map_err(|e| format!("Level {}: {e}", level.id))?;
        }
        Ok(book)
    }

    /// The level with this id.
    pub fn find(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }
}

impl Level {
    fn check(&self) -> Result<(), String> {
        if !(2..=3).contains(&self.units.len()) {
            return Err("a level has two or three units".into());
        }
        for unit in &self.units {
            for (at, line) in unit.lines.iter().enumerate() {
                let shared = |var: &String| {
                    self.shared
                        .contains_key(var)
                        .then_some(())
                        .ok_or_else(|| format!("{} names no shared variable {var}", unit.name))
                };
                match &line.op {
                    Op::Load { var, .. } | Op::Store { var, .. } | Op::Update { var, .. } => {
                        shared(var)?;
                    }
                    Op::IfAtLeast { var, body, .. } => {
                        shared(var)?;
                        if *body == 0 || at + body >= unit.lines.len() {
                            return Err(format!("{}'s if holds lines it does not have", unit.name));
                        }
                    }
                    Op::Acquire { lock } | Op::Release { lock } => {
                        if !self.locks.contains(lock) {
                            return Err(format!("{} names no lock {lock}", unit.name));
                        }
                    }
                    Op::Put { .. } | Op::Get { .. } => {
                        if self.queue.is_none() {
                            return Err(format!("{} uses a queue the level has not", unit.name));
                        }
                    }
                    Op::Await => {
                        if self.style != Style::Coroutines {
                            return Err(format!("{} awaits, but it is a thread", unit.name));
                        }
                    }
                    Op::Add { .. } | Op::Nothing => {}
                }
            }
        }
        match &self.goal {
            Goal::Ends { var, .. } if !self.shared.contains_key(var) => {
                Err(format!("the goal names no shared variable {var}"))
            }
            Goal::WaitsOnEmpty { unit } if *unit >= self.units.len() => {
                Err(format!("the goal names no unit {unit}"))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
