//! The steps of a level: what is true between two steps ([`State`]), which unit may take the
//! next one and why another may not ([`Blocked`]: a lock another holds, a full or empty queue,
//! a coroutine that has not awaited), one step, and a student's whole run ([`Run`]: the moves,
//! every state after each, step back).

use super::{Goal, Level, Op, Style};
use std::collections::{BTreeMap, VecDeque};

/// Where one unit is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnitState {
    /// Its next line; its lines' count once it has ended.
    pub line: usize,
    /// Its own variables.
    pub locals: BTreeMap<String, i64>,
}

/// Everything true between two steps.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    /// The shared variables.
    pub shared: BTreeMap<String, i64>,
    /// Each unit, in the level's order.
    pub units: Vec<UnitState>,
    /// Each held lock's holder.
    pub holders: BTreeMap<String, usize>,
    /// The queue's items, oldest first.
    pub queue: VecDeque<i64>,
    /// Coroutines: the one running, which goes on until it awaits or ends.
    pub running: Option<usize>,
}

/// Why a unit cannot take its next step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// It has ended.
    Ended,
    /// It waits for a lock another unit holds.
    Lock {
        /// The lock.
        lock: String,
        /// Who holds it.
        holder: usize,
    },
    /// It waits to get from the empty queue.
    EmptyQueue,
    /// It waits to put into the full queue.
    FullQueue,
    /// Another coroutine is running and has not awaited: the loop cannot switch.
    NotItsTurn {
        /// The running coroutine.
        running: usize,
    },
}

impl State {
    /// Before any step.
    pub fn start(level: &Level) -> State {
        State {
            shared: level.shared.clone(),
            units: level
                .units
                .iter()
                .map(|_| UnitState {
                    line: 0,
                    locals: BTreeMap::new(),
                })
                .collect(),
            holders: BTreeMap::new(),
            queue: VecDeque::new(),
            running: None,
        }
    }

    /// The operation `unit` does next, if it has not ended.
    pub fn next_op<'a>(&self, level: &'a Level, unit: usize) -> Option<&'a Op> {
        level.units[unit]
            .lines
            .get(self.units[unit].line)
            .map(|l| &l.op)
    }

    /// Why `unit` cannot take its next step now, if it cannot.
    pub fn why_not(&self, level: &Level, unit: usize) -> Option<Blocked> {
        let own = self.blocked_on_itself(level, unit);
        if own.is_some() {
            return own;
        }
        match self.running {
            // The running coroutine goes on unless it is waiting (which hands the loop back).
            Some(running)
                if level.style == Style::Coroutines
                    && running != unit
                    && self.blocked_on_itself(level, running).is_none() =>
            {
                Some(Blocked::NotItsTurn { running })
            }
            _ => None,
        }
    }

    /// Why `unit` cannot step, whoever else runs.
    fn blocked_on_itself(&self, level: &Level, unit: usize) -> Option<Blocked> {
        let Some(op) = self.next_op(level, unit) else {
            return Some(Blocked::Ended);
        };
        match op {
            Op::Acquire { lock } => match self.holders.get(lock) {
                Some(&holder) if holder != unit => Some(Blocked::Lock {
                    lock: lock.clone(),
                    holder,
                }),
                _ => None,
            },
            Op::Get { .. } if self.queue.is_empty() => Some(Blocked::EmptyQueue),
            Op::Put { .. }
                if level
                    .queue
                    .as_ref()
                    .is_some_and(|q| self.queue.len() >= q.capacity) =>
            {
                Some(Blocked::FullQueue)
            }
            _ => None,
        }
    }

    /// The units that may take the next step.
    pub fn runnable(&self, level: &Level) -> Vec<usize> {
        (0..level.units.len())
            .filter(|&u| self.why_not(level, u).is_none())
            .collect()
    }

    /// Whether every unit has ended.
    pub fn all_ended(&self, level: &Level) -> bool {
        (0..level.units.len()).all(|u| self.units[u].line >= level.units[u].lines.len())
    }

    /// Whether the run is over: every unit ended, or none can step (they wait for ever).
    pub fn over(&self, level: &Level) -> bool {
        self.runnable(level).is_empty()
    }

    /// Whether no unit can step though some have not ended.
    pub fn stuck(&self, level: &Level) -> bool {
        self.over(level) && !self.all_ended(level)
    }

    /// Whether the level's goal holds in this state.
    pub fn goal_holds(&self, level: &Level) -> bool {
        match &level.goal {
            Goal::Ends { var, value } => {
                self.all_ended(level) && self.shared.get(var) == Some(value)
            }
            Goal::Deadlock => self.stuck(level),
            // Waiting for more, having taken an item already (at the start every get would wait).
            Goal::WaitsOnEmpty { unit } => {
                let line = self.units[*unit].line;
                matches!(self.next_op(level, *unit), Some(Op::Get { .. }))
                    && self.queue.is_empty()
                    && level.units[*unit].lines[..line]
                        .iter()
                        .any(|l| matches!(l.op, Op::Get { .. }))
            }
        }
    }

    /// The state after `unit` takes its next step (which it must be able to take).
    pub fn step(&self, level: &Level, unit: usize) -> State {
        let mut next = self.clone();
        let Some(op) = self.next_op(level, unit) else {
            return next;
        };
        let local = |s: &State, name: &str| s.units[unit].locals.get(name).copied().unwrap_or(0);
        let mut advance = 1;
        match op {
            Op::Load { local: l, var } => {
                let value = self.shared[var];
                next.units[unit].locals.insert(l.clone(), value);
            }
            Op::Add { local: l, value } => {
                let sum = local(self, l) + value;
                next.units[unit].locals.insert(l.clone(), sum);
            }
            Op::Store { var, local: l } => {
                next.shared.insert(var.clone(), local(self, l));
            }
            Op::Update { var, value } => {
                *next.shared.entry(var.clone()).or_default() += value;
            }
            Op::IfAtLeast {
                var,
                at_least,
                body,
            } => {
                if self.shared[var] < *at_least {
                    advance += body;
                }
            }
            Op::Acquire { lock } => {
                next.holders.insert(lock.clone(), unit);
            }
            Op::Release { lock } => {
                next.holders.remove(lock);
            }
            Op::Put { value } => next.queue.push_back(*value),
            Op::Get { local: l } => {
                let item = next.queue.pop_front().unwrap_or_default();
                next.units[unit].locals.insert(l.clone(), item);
            }
            Op::Await | Op::Nothing => {}
        }
        next.units[unit].line += advance;
        next.running = (level.style == Style::Coroutines
            && *op != Op::Await
            && next.units[unit].line < level.units[unit].lines.len())
        .then_some(unit);
        next
    }
}

/// A student's run of a level: their moves so far and the state after each.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The unit of each move, in order.
    pub moves: Vec<usize>,
    /// The state before any move, then after each.
    pub states: Vec<State>,
}

impl Run {
    /// Before any move.
    pub fn new(level: &Level) -> Run {
        Run {
            moves: Vec::new(),
            states: vec![State::start(level)],
        }
    }

    /// The run after these moves (a link's `moves`: a letter per move, A for the first unit),
    /// as far as they can be made, and if one cannot, why: "move 3 (A) cannot be made: it
    /// waits for b, which B holds".
    pub fn play(level: &Level, moves: &str) -> (Run, Option<String>) {
        let mut run = Run::new(level);
        for (at, letter) in moves.chars().enumerate() {
            let unit =
                (0..level.units.len()).find(|&u| Level::letter(u) == letter.to_ascii_uppercase());
            let Some(unit) = unit else {
                return (
                    run,
                    Some(format!(
                        "move {} ({letter}) names no thread of this level",
                        at + 1
                    )),
                );
            };
            if let Err(why) = run.step(level, unit) {
                let words = super::story::blocked_words(level, &why);
                return (
                    run,
                    Some(format!(
                        "move {} ({letter}) cannot be made: {words}",
                        at + 1
                    )),
                );
            }
        }
        (run, None)
    }

    /// The run after these moves, all of which must be possible.
    ///
    /// # Errors
    /// The first move that cannot be made, and why.
    pub fn from_moves(level: &Level, moves: &str) -> Result<Run, String> {
        match Run::play(level, moves) {
            (run, None) => Ok(run),
            (_, Some(why)) => Err(format!("M{}.", &why[1..])),
        }
    }

    /// The state now.
    pub fn state(&self) -> &State {
        self.states.last().expect("a run has its first state")
    }

    /// `unit` takes its next step.
    ///
    /// # Errors
    /// Why it cannot.
    pub fn step(&mut self, level: &Level, unit: usize) -> Result<(), Blocked> {
        if let Some(why) = self.state().why_not(level, unit) {
            return Err(why);
        }
        let next = self.state().step(level, unit);
        self.moves.push(unit);
        self.states.push(next);
        Ok(())
    }

    /// Undoes the last move; false if there was none.
    pub fn back(&mut self) -> bool {
        if self.moves.pop().is_some() {
            self.states.pop();
            true
        } else {
            false
        }
    }

    /// The moves as a link carries them.
    pub fn moves_text(&self) -> String {
        self.moves.iter().map(|&u| Level::letter(u)).collect()
    }

    /// Whether the goal held at some point of the run.
    pub fn reached(&self, level: &Level) -> bool {
        self.states.iter().any(|s| s.goal_holds(level))
    }
}
