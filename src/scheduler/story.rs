//! What the page says of a level, every sentence from the run's moves and states or from the
//! level's lines and the model's counts: why a unit cannot step, what each unit is doing, what
//! each move did, and once the goal is reached (or every order has been shown not to reach it)
//! how it happened: the stale read behind a lost update, the locks taken in opposite orders, the
//! queue left empty.

use super::step::{Blocked, Run, State};
use super::{Counts, Goal, Level, Op, Style};

/// A unit's name as the page writes it.
fn name(level: &Level, unit: usize) -> &str {
    &level.units[unit].name
}

/// Why a unit cannot step, as a clause: "it waits for lock a, which B holds".
pub fn blocked_words(level: &Level, why: &Blocked) -> String {
    let queue = level
        .queue
        .as_ref()
        .map_or("the queue", |q| q.name.as_str());
    match why {
        Blocked::Ended => "it has ended".to_owned(),
        Blocked::Lock { lock, holder } => {
            format!("it waits for {lock}, which {} holds", name(level, *holder))
        }
        Blocked::EmptyQueue => format!("{queue} is empty: get waits for a put"),
        Blocked::FullQueue => format!("{queue} is full: put waits for a get"),
        Blocked::NotItsTurn { running } => format!(
            "{} is running and has not reached an await: the event loop cannot switch",
            name(level, *running)
        ),
    }
}

/// What `unit` is doing in `state`: "next: tmp = counter", "waits for a, which B holds".
pub fn unit_status(level: &Level, state: &State, unit: usize) -> String {
    match state.why_not(level, unit) {
        Some(Blocked::Ended) => "ended".to_owned(),
        None => format!(
            "next: {}",
            level.units[unit].lines[state.units[unit].line].text.trim()
        ),
        Some(Blocked::NotItsTurn { running }) => format!(
            "next: {} (its turn comes when {} awaits or ends)",
            level.units[unit].lines[state.units[unit].line].text.trim(),
            name(level, running)
        ),
        Some(why) => blocked_words(level, &why).replacen("it ", "", 1),
    }
}

/// What move `at` (0-based) of `run` did: "3. A: counter = tmp (counter = 1)".
pub fn move_words(level: &Level, run: &Run, at: usize) -> String {
    let unit = run.moves[at];
    let (before, after) = (&run.states[at], &run.states[at + 1]);
    let line = &level.units[unit].lines[before.units[unit].line];
    let effect = match &line.op {
        Op::Load { local, var } => format!(" (read {var} = {})", after.units[unit].locals[local]),
        Op::Store { var, .. } | Op::Update { var, .. } => {
            format!(" ({var} = {})", after.shared[var])
        }
        Op::Add { local, .. } => format!(" ({local} = {})", after.units[unit].locals[local]),
        Op::IfAtLeast { var, .. } => {
            let held = after.units[unit].line == before.units[unit].line + 1;
            format!(
                " ({var} was {}: {})",
                before.shared[var],
                if held { "true" } else { "false" }
            )
        }
        Op::Get { local } => format!(" (got {})", after.units[unit].locals[local]),
        _ => String::new(),
    };
    format!(
        "{}. {}: {}{effect}",
        at + 1,
        name(level, unit),
        line.text.trim()
    )
}

/// The goal in words, for counts: "end with counter = 1".
fn goal_words(level: &Level) -> String {
    match &level.goal {
        Goal::Ends { var, value } => format!("end with {var} = {value}"),
        Goal::Deadlock => "end in a deadlock".to_owned(),
        Goal::WaitsOnEmpty { unit } => format!(
            "make {} wait on the empty {}",
            name(level, *unit),
            level.queue.as_ref().map_or("queue", |q| q.name.as_str())
        ),
    }
}

/// "18 of the 20 possible orders end with counter = 1."
pub fn counts_words(level: &Level, counts: Counts) -> String {
    format!(
        "{} of the {} possible orders {}.",
        counts.reaching,
        counts.orders,
        goal_words(level)
    )
}

/// A read of a shared variable by a unit: at which move, and what it saw.
struct Read {
    at: usize,
    var: String,
    seen: i64,
    checked: Option<i64>,
}

/// The first stale write of the run: a unit wrote a variable on the strength of a read that
/// another unit's write had made stale.
fn stale_write(level: &Level, run: &Run) -> Option<String> {
    let units = level.units.len();
    let mut last_read: Vec<Vec<Read>> = (0..units).map(|_| Vec::new()).collect();
    let mut writes: Vec<(usize, usize, String, i64)> = Vec::new();
    for (at, &unit) in run.moves.iter().enumerate() {
        let before = &run.states[at];
        let after = &run.states[at + 1];
        let op = &level.units[unit].lines[before.units[unit].line].op;
        match op {
            Op::Load { var, .. } => last_read[unit].push(Read {
                at,
                var: var.clone(),
                seen: before.shared[var],
                checked: None,
            }),
            Op::IfAtLeast { var, at_least, .. } => last_read[unit].push(Read {
                at,
                var: var.clone(),
                seen: before.shared[var],
                checked: Some(*at_least),
            }),
            Op::Store { var, .. } | Op::Update { var, .. } => {
                let read = last_read[unit].iter().rev().find(|r| &r.var == var);
                let between = read.and_then(|r| {
                    writes.iter().find(|(w_at, w_unit, w_var, _)| {
                        *w_unit != unit && w_var == var && *w_at > r.at
                    })
                });
                if let (Some(read), Some((w_at, w_unit, _, w_value))) = (read, between) {
                    let saw = match read.checked {
                        Some(t) => format!("checked {var} >= {t} ({var} was {})", read.seen),
                        None => format!("read {var} = {}", read.seen),
                    };
                    let (me, other) = (name(level, unit), name(level, *w_unit));
                    // A write of what was read overwrites the other's; a change made on the
                    // strength of a check comes after the check stopped holding.
                    let so = if matches!(op, Op::Store { .. }) {
                        format!(
                            "{other}'s write was lost, because {me}'s read and write were \
                             separate steps and the scheduler ran {other} between them"
                        )
                    } else {
                        format!(
                            "its check no longer held when it acted ({var} was {w_value}), \
                             because checking and acting were separate steps and the scheduler \
                             ran {other} between them"
                        )
                    };
                    return Some(format!(
                        "{me} {saw} at move {}. {other} then wrote {var} = {w_value} at move {}. \
                         {me} went on from what it had seen and wrote {var} = {} at move {}: \
                         {so}.",
                        read.at + 1,
                        w_at + 1,
                        after.shared[var],
                        at + 1,
                    ));
                }
                writes.push((at, unit, var.clone(), after.shared[var]));
            }
            _ => {}
        }
    }
    None
}

/// The locks each unit takes, in its order.
fn lock_order(level: &Level, unit: usize) -> Vec<&str> {
    level.units[unit]
        .lines
        .iter()
        .filter_map(|l| match &l.op {
            Op::Acquire { lock } => Some(lock.as_str()),
            _ => None,
        })
        .collect()
}

/// The locks `unit` holds in `state`.
fn held(state: &State, unit: usize) -> Vec<&str> {
    state
        .holders
        .iter()
        .filter(|&(_, &h)| h == unit)
        .map(|(l, _)| l.as_str())
        .collect()
}

fn deadlock(level: &Level, state: &State) -> String {
    let mut parts: Vec<String> = (0..level.units.len())
        .filter_map(|u| match state.why_not(level, u) {
            Some(Blocked::Lock { lock, holder }) => Some(format!(
                "{} holds {} and waits for {lock}, which {} holds",
                name(level, u),
                held(state, u).join(" and "),
                name(level, holder)
            )),
            _ => None,
        })
        .collect();
    let orders: Vec<String> = (0..level.units.len())
        .map(|u| {
            format!(
                "{} takes {}",
                name(level, u),
                lock_order(level, u).join(" then ")
            )
        })
        .collect();
    parts.push(format!(
        "none can go on, and none ever will: a deadlock. {}",
        orders.join("; ")
    ));
    format!("{}.", capitalize(&parts.join("; ")))
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn waits_on_empty(level: &Level, run: &Run, unit: usize) -> String {
    let state = run
        .states
        .iter()
        .find(|s| s.goal_holds(level))
        .unwrap_or_else(|| run.state());
    let (puts, gets) =
        run.moves
            .iter()
            .zip(&run.states)
            .fold((0, 0), |(p, g), (&u, s)| {
                match level.units[u].lines[s.units[u].line].op {
                    Op::Put { .. } => (p + 1, g),
                    Op::Get { .. } => (p, g + 1),
                    _ => (p, g),
                }
            });
    let queue = level
        .queue
        .as_ref()
        .map_or("the queue", |q| q.name.as_str());
    let line = level.units[unit].lines[state.units[unit].line].text.trim();
    let putters: Vec<&str> = (0..level.units.len())
        .filter(|&u| {
            level.units[u].lines[state.units[u].line.min(level.units[u].lines.len())..]
                .iter()
                .any(|l| matches!(l.op, Op::Put { .. }))
        })
        .map(|u| name(level, u))
        .collect();
    let then = if putters.is_empty() {
        "nothing will ever be put, so it waits for ever".to_owned()
    } else {
        format!("it waits until {} puts one", putters.join(" or "))
    };
    format!(
        "{} reached {line} with {queue} empty ({puts} put and {gets} taken so far): {then}.",
        name(level, unit)
    )
}

/// Whether some unit awaits between a read of `var` and its next write.
fn awaits_inside(level: &Level, var: &str) -> bool {
    level.units.iter().any(|unit| {
        let mut reading = false;
        unit.lines.iter().any(|line| match &line.op {
            Op::Load { var: v, .. } if v == var => {
                reading = true;
                false
            }
            Op::Store { var: v, .. } if v == var => {
                reading = false;
                false
            }
            Op::Await => reading,
            _ => false,
        })
    })
}

/// Why no order reaches the goal, from the level's lines (said once every unit has ended).
fn why_not_reachable(level: &Level, run: &Run, counts: Counts) -> String {
    let end = run.state();
    let result = level
        .shared
        .keys()
        .map(|var| format!("{var} = {}", end.shared[var]))
        .collect::<Vec<_>>()
        .join(", ");
    let reason = match &level.goal {
        Goal::Ends { var, .. }
            if level.style == Style::Coroutines && !awaits_inside(level, var) =>
        {
            format!(
                "no coroutine awaits between reading {var} and writing it, and a coroutine runs \
                 until it awaits, so the event loop can never switch between a read and its write"
            )
        }
        Goal::Ends { var, .. } => {
            let guarded = run.moves.iter().zip(&run.states).all(|(&u, s)| {
                match &level.units[u].lines[s.units[u].line].op {
                    Op::Load { var: v, .. } | Op::Store { var: v, .. } if v == var => {
                        !held(s, u).is_empty()
                    }
                    _ => true,
                }
            });
            if guarded {
                format!(
                    "every read and write of {var} was made holding {}, so no other thread could \
                     write {var} between a thread's read and its write",
                    level.locks.join(" and ")
                )
            } else {
                format!("no order lets another write come between a read of {var} and its write")
            }
        }
        Goal::Deadlock => {
            let order = lock_order(level, 0).join(" then ");
            format!(
                "every thread takes the locks in the same order ({order}): whoever takes the \
                 first also gets the next, so a thread that waits holds nothing another needs"
            )
        }
        Goal::WaitsOnEmpty { .. } => "every get found an item waiting".to_owned(),
    };
    format!(
        "Every unit ended ({result}). None of the {} possible orders {}: {reason}.",
        counts.orders,
        goal_words(level)
    )
}

/// What happened, once the goal is reached or the run is over; `None` before.
pub fn story(level: &Level, run: &Run, counts: Counts) -> Option<String> {
    let reached = run.reached(level);
    if !reached && !run.state().over(level) {
        return None;
    }
    if !reached && counts.reachable() {
        return Some(format!(
            "The run is over without reaching the goal ({}). Step back and choose another order.",
            counts_words(level, counts)
        ));
    }
    if !reached {
        return Some(why_not_reachable(level, run, counts));
    }
    Some(match &level.goal {
        Goal::Ends { var, value } => stale_write(level, run)
            .unwrap_or_else(|| format!("Every unit ended with {var} = {value}.")),
        Goal::Deadlock => deadlock(level, run.state()),
        Goal::WaitsOnEmpty { unit } => waits_on_empty(level, run, *unit),
    })
}
