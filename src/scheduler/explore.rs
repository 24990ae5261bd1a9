//! Every order a level's steps can run in: the scheduler's choices from the first step until
//! no unit can step (all ended, or waiting for ever), walked one by one. The levels are small
//! (two threads of three steps have 20 orders), so the page can say how many orders there are
//! and in how many the goal is reached ("18 of the 20 possible orders lose an update"), and
//! `cargo test` can prove each goal reachable or not.

use super::{Level, State};

/// The most orders walked: a level with more is too large to count (and to play).
pub const MOST_ORDERS: u64 = 2_000_000;

/// How many orders a level has, and in how many the goal is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Every complete order.
    pub orders: u64,
    /// Those in which the goal holds at some point.
    pub reaching: u64,
    /// Those that end with units waiting for ever.
    pub stuck: u64,
}

impl Counts {
    /// Whether the goal can be reached at all.
    pub fn reachable(self) -> bool {
        self.reaching > 0
    }
}

/// Counts the orders of `level`, or `None` past [`MOST_ORDERS`].
pub fn count_orders(level: &Level) -> Option<Counts> {
    let mut counts = Counts {
        orders: 0,
        reaching: 0,
        stuck: 0,
    };
    let start = State::start(level);
    let reached = start.goal_holds(level);
    walk(level, &start, reached, &mut counts).then_some(counts)
}

/// Walks every order from `state`; false once there are too many.
fn walk(level: &Level, state: &State, reached: bool, counts: &mut Counts) -> bool {
    let runnable = state.runnable(level);
    if runnable.is_empty() {
        counts.orders += 1;
        counts.reaching += u64::from(reached);
        counts.stuck += u64::from(!state.all_ended(level));
        return counts.orders <= MOST_ORDERS;
    }
    runnable.into_iter().all(|unit| {
        let next = state.step(level, unit);
        let reached = reached || next.goal_holds(level);
        walk(level, &next, reached, counts)
    })
}
