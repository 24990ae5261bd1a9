//! The bounded queue on one event loop, as `asyncio.Queue` is: producer and consumer coroutines
//! on the same loop as the counter (`coroutines`), `put` awaiting while the queue is full and
//! `get` awaiting while it is empty, and one sentinel per consumer once the producers are done.
//! No lock guards the queue: between two awaits nothing else runs, so a check and the change
//! after it cannot be interleaved. Every item is checked to be taken exactly once.

use super::coroutines::{run_loop, yield_now};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// The queue's capacity in the coroutines experiment (small, so that producers wait on it).
pub const LOOP_QUEUE_CAPACITY: u32 = 2;

/// What the queue on the loop did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoopQueueRun {
    /// Producer coroutines.
    pub producers: u32,
    /// Consumer coroutines.
    pub consumers: u32,
    /// The most items the queue holds.
    pub capacity: u32,
    /// Items put in all.
    pub items: u64,
    /// Items taken (sentinels not counted).
    pub consumed: u64,
    /// Items taken more than once (once per extra take).
    pub duplicates: u64,
    /// Items never taken.
    pub missing: u64,
    /// Sentinels taken.
    pub sentinels: u32,
    /// Times a producer found the queue full and awaited.
    pub full_waits: u64,
    /// Times a consumer found it empty and awaited.
    pub empty_waits: u64,
    /// The most items it held.
    pub max_depth: u32,
}

impl LoopQueueRun {
    /// Whether every item was taken exactly once and every consumer took its sentinel.
    pub fn exactly_once(&self) -> bool {
        self.duplicates == 0
            && self.missing == 0
            && self.consumed == self.items
            && self.sentinels == self.consumers
    }
}

/// What the coroutines share (one thread, so plain cells: nothing runs between two awaits).
#[derive(Default)]
struct Shared {
    queue: RefCell<VecDeque<Option<u64>>>,
    taken: RefCell<Vec<u32>>,
    full_waits: Cell<u64>,
    empty_waits: Cell<u64>,
    producers_left: Cell<u32>,
    sentinels: Cell<u32>,
    max_depth: Cell<u32>,
}

impl Shared {
    /// `await queue.put(item)`: waits while the queue holds `capacity` items.
    async fn put(&self, item: Option<u64>, capacity: usize) {
        while self.queue.borrow().len() >= capacity {
            self.full_waits.set(self.full_waits.get() + 1);
            yield_now().await;
        }
        self.queue.borrow_mut().push_back(item);
        let depth = self.queue.borrow().len() as u32;
        self.max_depth.set(self.max_depth.get().max(depth));
    }
}

/// Producer `p` of `producers`: puts every `producers`-th item from `p`, then, if it is the
/// last to finish, one sentinel per consumer.
async fn produce(
    shared: Rc<Shared>,
    p: u64,
    producers: u32,
    consumers: u32,
    items: u64,
    capacity: usize,
) {
    for item in (p..items).step_by(producers as usize) {
        shared.put(Some(item), capacity).await;
        yield_now().await;
    }
    shared.producers_left.set(shared.producers_left.get() - 1);
    if shared.producers_left.get() == 0 {
        for _ in 0..consumers {
            shared.put(None, capacity).await;
        }
    }
}

/// A consumer: takes items until it takes a sentinel, waiting while the queue is empty.
async fn consume(shared: Rc<Shared>) {
    loop {
        let next = shared.queue.borrow_mut().pop_front();
        match next {
            None => {
                shared.empty_waits.set(shared.empty_waits.get() + 1);
                yield_now().await;
            }
            Some(None) => {
                shared.sentinels.set(shared.sentinels.get() + 1);
                return;
            }
            Some(Some(item)) => {
                shared.taken.borrow_mut()[item as usize] += 1;
                yield_now().await;
            }
        }
    }
}

/// `producers` coroutines put `items` numbered items (split among them) into a queue of
/// `capacity` that `consumers` coroutines empty, on one loop; the last producer to finish puts
/// one sentinel per consumer.
pub fn run_loop_queue(producers: u32, consumers: u32, capacity: u32, items: u64) -> LoopQueueRun {
    let shared = Rc::new(Shared {
        taken: RefCell::new(vec![0; items as usize]),
        producers_left: Cell::new(producers),
        ..Shared::default()
    });
    let capacity = capacity.max(1) as usize;
    let mut coroutines: Vec<Pin<Box<dyn Future<Output = ()>>>> = Vec::new();
    for p in 0..u64::from(producers) {
        coroutines.push(Box::pin(produce(
            shared.clone(),
            p,
            producers,
            consumers,
            items,
            capacity,
        )));
    }
    for _ in 0..consumers {
        coroutines.push(Box::pin(consume(shared.clone())));
    }
    run_loop(coroutines);
    let taken = shared.taken.borrow();
    LoopQueueRun {
        producers,
        consumers,
        capacity: capacity as u32,
        items,
        consumed: taken.iter().map(|&t| u64::from(t)).sum(),
        duplicates: taken.iter().map(|&t| u64::from(t.saturating_sub(1))).sum(),
        missing: taken.iter().filter(|&&t| t == 0).count() as u64,
        sentinels: shared.sentinels.get(),
        full_waits: shared.full_waits.get(),
        empty_waits: shared.empty_waits.get(),
        max_depth: shared.max_depth.get(),
    }
}
