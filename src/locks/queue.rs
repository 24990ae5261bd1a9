//! A bounded producer/consumer queue, as `queue.Queue(maxsize)`: a mutex around a ring of
//! items and two condition variables, one for "not full" (producers wait on it) and one for
//! "not empty" (consumers wait on it). Producers make numbered items; once the last producer
//! has finished, it puts one sentinel per consumer (the lecture's "signals to terminate"), and
//! each consumer stops at the first sentinel it takes. Every item is then checked to have been
//! consumed exactly once.

use super::{LaneLog, Spawn, run_together, work};
use crate::engine::Platform;
use crate::model::record::IntervalKind;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The most depth samples a run keeps (every k-th operation is sampled).
pub const MAX_SAMPLES: u64 = 2000;

/// Every how many operations (puts and takes) the depth is sampled, for `items` items.
pub fn sample_every(items: u64) -> u64 {
    (items * 2 / MAX_SAMPLES).max(1)
}

/// What the experiment runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueParams {
    /// Producer threads.
    pub producers: u32,
    /// Consumer threads.
    pub consumers: u32,
    /// The most items the queue holds.
    pub capacity: u32,
    /// Items produced in all.
    pub items: u64,
    /// Computing to make one item, in rounds of [`work`].
    pub produce_rounds: u32,
    /// Computing to handle one item, in rounds of [`work`].
    pub consume_rounds: u32,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRun {
    /// What ran.
    pub params: QueueParams,
    /// Items taken by consumers (sentinels not counted).
    pub consumed: u64,
    /// Items taken more than once (counted once per extra take).
    pub duplicates: u64,
    /// Items never taken.
    pub missing: u64,
    /// Sentinels taken (one per consumer when all went well).
    pub sentinels: u32,
    /// From the first thread's start to the last one's end, ms.
    pub wall_ms: f64,
    /// (time ms, items in the queue) after sampled puts and gets.
    pub depth: Vec<(f64, u32)>,
    /// The producers' logs, then the consumers'.
    pub threads: Vec<LaneLog>,
}

impl QueueRun {
    /// Whether every item was consumed exactly once and every consumer was told to stop.
    pub fn exactly_once(&self) -> bool {
        self.duplicates == 0
            && self.missing == 0
            && self.consumed == self.params.items
            && self.sentinels == self.params.consumers
    }

    /// Time producers spent blocked on a full queue, summed, ms.
    pub fn blocked_full_ms(&self) -> f64 {
        let producers = self.params.producers as usize;
        self.threads[..producers].iter().map(|t| t.wait_ms).sum()
    }

    /// Time consumers spent waiting on an empty queue, summed, ms.
    pub fn blocked_empty_ms(&self) -> f64 {
        let producers = self.params.producers as usize;
        self.threads[producers..].iter().map(|t| t.wait_ms).sum()
    }
}

struct State {
    items: VecDeque<Option<u64>>,
    ops: u64,
    depth: Vec<(f64, u32)>,
}

/// The queue, its clock and its sampling.
struct Bounded<'a> {
    state: Mutex<State>,
    not_full: Condvar,
    not_empty: Condvar,
    capacity: usize,
    sample_every: u64,
    clock: &'a dyn Platform,
    origin: f64,
}

impl Bounded<'_> {
    fn now(&self) -> f64 {
        self.clock.now_ms() - self.origin
    }

    fn sample(&self, state: &mut State) {
        state.ops += 1;
        if state.ops.is_multiple_of(self.sample_every) {
            let at = self.now();
            let depth = state.items.len() as u32;
            state.depth.push((at, depth));
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts an item, waiting while the queue is full (noted in `log`).
    fn put(&self, item: Option<u64>, log: &mut LaneLog) {
        let mut state = self.lock();
        if state.items.len() >= self.capacity {
            let from = self.now();
            while state.items.len() >= self.capacity {
                state = self
                    .not_full
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            log.wait(IntervalKind::QueueFull, from, self.now());
        }
        state.items.push_back(item);
        self.sample(&mut state);
        drop(state);
        self.not_empty.notify_one();
    }

    /// Takes an item, waiting while the queue is empty (noted in `log`).
    fn get(&self, log: &mut LaneLog) -> Option<u64> {
        let mut state = self.lock();
        if state.items.is_empty() {
            let from = self.now();
            while state.items.is_empty() {
                state = self
                    .not_empty
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            log.wait(IntervalKind::QueueEmpty, from, self.now());
        }
        let item = state.items.pop_front().expect("the queue is not empty");
        self.sample(&mut state);
        drop(state);
        self.not_full.notify_one();
        item
    }
}

/// Runs the producers and consumers, each on its own thread, and checks what was consumed.
pub fn run_queue(params: QueueParams, spawn: &dyn Spawn, clock: &dyn Platform) -> QueueRun {
    let (producers, consumers) = (params.producers as usize, params.consumers as usize);
    let origin = clock.now_ms();
    let queue = Bounded {
        state: Mutex::new(State {
            items: VecDeque::with_capacity(params.capacity as usize),
            ops: 0,
            depth: Vec::new(),
        }),
        not_full: Condvar::new(),
        not_empty: Condvar::new(),
        capacity: params.capacity.max(1) as usize,
        sample_every: sample_every(params.items),
        clock,
        origin,
    };
    let producers_left = AtomicUsize::new(producers);
    let slots: Vec<Mutex<(LaneLog, Vec<u64>)>> = (0..producers + consumers)
        .map(|_| Mutex::default())
        .collect();
    run_together(spawn, producers + consumers, &|i| {
        let (log, taken) = if i < producers {
            let log = produce(&queue, &params, i, &producers_left);
            (log, Vec::new())
        } else {
            consume(&queue, &params, i - producers)
        };
        *slots[i].lock().unwrap_or_else(PoisonError::into_inner) = (log, taken);
    });
    let state = queue
        .state
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut seen = vec![0u32; params.items as usize];
    let mut threads = Vec::new();
    let (mut consumed, mut sentinels) = (0, 0);
    for slot in slots {
        let (log, taken) = slot.into_inner().unwrap_or_else(PoisonError::into_inner);
        for id in taken {
            match seen.get_mut(id as usize) {
                Some(count) => *count += 1,
                None => sentinels += 1,
            }
            consumed += u64::from(id < params.items);
        }
        threads.push(log);
    }
    QueueRun {
        params,
        consumed,
        duplicates: seen.iter().map(|&c| u64::from(c.saturating_sub(1))).sum(),
        missing: seen.iter().filter(|&&c| c == 0).count() as u64,
        sentinels,
        wall_ms: super::counters::wall(&threads),
        depth: state.depth,
        threads,
    }
}

fn produce(queue: &Bounded, params: &QueueParams, p: usize, left: &AtomicUsize) -> LaneLog {
    let mut log = LaneLog::new(format!("producer {}", p + 1));
    let start = queue.now();
    let count = super::contention::share_of(params.items, params.producers as usize, p);
    let stride = u64::from(params.producers);
    for k in 0..count {
        let id = p as u64 + k * stride;
        work(params.produce_rounds, id);
        queue.put(Some(id), &mut log);
    }
    if left.fetch_sub(1, Ordering::AcqRel) == 1 {
        for _ in 0..params.consumers {
            queue.put(None, &mut log);
        }
    }
    log.span = (start, queue.now());
    log
}

/// A consumer's log and what it took (a sentinel as `u64::MAX`).
fn consume(queue: &Bounded, params: &QueueParams, c: usize) -> (LaneLog, Vec<u64>) {
    let mut log = LaneLog::new(format!("consumer {}", c + 1));
    let start = queue.now();
    let mut taken = Vec::new();
    loop {
        match queue.get(&mut log) {
            Some(id) => {
                work(params.consume_rounds, id);
                taken.push(id);
            }
            None => {
                taken.push(u64::MAX);
                break;
            }
        }
    }
    log.span = (start, queue.now());
    (log, taken)
}
