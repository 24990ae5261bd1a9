//! The Coroutines mode: each task is a Rust future (an `async` block, like an `async def`) on
//! one single-threaded event loop, as under `asyncio.gather`. An IO wait is an awaited timer;
//! computing yields to the loop only every `yield_every` steps (0: never), so a coroutine that
//! computes without awaiting holds up every other one.
//!
//! The loop is the classic design of asyncio's: a FIFO of ready coroutines and a heap of timers.
//! It never waits itself: [`EventLoop::run_ready`] runs everything that can run and then says
//! when the next timer is due, and the driver waits however its thread allows (a blocking
//! sleep in a worker, a browser timer on the page's main thread). Yielding costs a trip round
//! the ready queue, never a browser timer's 4 ms clamp.

use super::fault::Fault;
use super::platform::Platform;
use super::task::TaskError;
use super::unit_log::{TaskDone, UnitLog};
use crate::model::record::IntervalKind;
use crate::workloads::{Step, TaskSpec};
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// What the loop does next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LoopState {
    /// Every coroutine has finished (or one failed).
    Finished,
    /// Nothing is ready; the next timer is due at this absolute time (ms).
    SleepUntil(f64),
}

/// A timer, ordered by deadline then by creation, so equal deadlines fire in FIFO order.
#[derive(Debug)]
struct Timer {
    deadline: f64,
    seq: u64,
    task: usize,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Timer {}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timer {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.deadline
            .total_cmp(&other.deadline)
            .then(self.seq.cmp(&other.seq))
    }
}

/// The loop's state that the coroutines reach through their handle.
#[derive(Debug, Default)]
struct Shared {
    ready: VecDeque<usize>,
    timers: BinaryHeap<Reverse<Timer>>,
    seq: u64,
    /// The coroutine being polled.
    current: usize,
    /// Since when each coroutine has been ready (after a timer fired or a yield).
    ready_since: Vec<Option<f64>>,
    logs: Vec<UnitLog>,
    done: u32,
    failure: Option<TaskError>,
}

/// What a coroutine can ask of its loop.
#[derive(Clone)]
struct LoopHandle(Rc<RefCell<Shared>>);

impl LoopHandle {
    /// Like `asyncio.sleep(ms / 1000)`.
    fn sleep(&self, platform: &dyn Platform, ms: f64) -> Sleep {
        let start = platform.now_ms();
        Sleep {
            handle: self.clone(),
            start,
            deadline: start + ms,
            registered: false,
        }
    }

    /// Like `await asyncio.sleep(0)`: go to the back of the ready queue.
    fn yield_now(&self) -> YieldNow {
        YieldNow {
            handle: self.clone(),
            yielded: false,
        }
    }
}

struct Sleep {
    handle: LoopHandle,
    start: f64,
    deadline: f64,
    registered: bool,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.registered {
            return Poll::Ready(());
        }
        self.registered = true;
        let mut shared = self.handle.0.borrow_mut();
        let task = shared.current;
        shared.seq += 1;
        let seq = shared.seq;
        shared.timers.push(Reverse(Timer {
            deadline: self.deadline,
            seq,
            task,
        }));
        let (start, deadline) = (self.start, self.deadline);
        shared.logs[task].push(IntervalKind::Io, Some(task as u32), start, deadline);
        Poll::Pending
    }
}

struct YieldNow {
    handle: LoopHandle,
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        let mut shared = self.handle.0.borrow_mut();
        let task = shared.current;
        shared.ready.push_back(task);
        Poll::Pending
    }
}

type Coroutine<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// An event loop running one coroutine per task.
pub struct EventLoop<'a> {
    shared: Rc<RefCell<Shared>>,
    coroutines: Vec<Option<Coroutine<'a>>>,
    platform: &'a dyn Platform,
}

impl<'a> EventLoop<'a> {
    /// Creates the coroutines (as `asyncio.gather` does) and makes them all ready, in order.
    pub fn new(
        tasks: &'a [TaskSpec],
        yield_every: u32,
        platform: &'a dyn Platform,
        fault: Option<Fault>,
    ) -> Self {
        let now = platform.now_ms();
        let shared = Rc::new(RefCell::new(Shared {
            ready: (0..tasks.len()).collect(),
            ready_since: vec![Some(now); tasks.len()],
            logs: (1..=tasks.len())
                .map(|i| UnitLog::new(format!("coroutine {i}")))
                .collect(),
            ..Shared::default()
        }));
        let coroutines = tasks
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                let handle = LoopHandle(shared.clone());
                Some(Box::pin(coroutine(
                    index as u32,
                    spec,
                    yield_every,
                    handle,
                    platform,
                    fault,
                    now,
                )) as Coroutine<'a>)
            })
            .collect();
        EventLoop {
            shared,
            coroutines,
            platform,
        }
    }

    /// Runs every ready coroutine, and every one whose timer falls due meanwhile, until none is
    /// ready. Says whether all are finished or when the next timer is due.
    pub fn run_ready(&mut self) -> LoopState {
        let mut waker_cx = Context::from_waker(Waker::noop());
        loop {
            let now = self.platform.now_ms();
            self.fire_timers(now);
            let next = {
                let mut shared = self.shared.borrow_mut();
                if shared.failure.is_some() {
                    return LoopState::Finished;
                }
                shared.ready.pop_front()
            };
            let Some(task) = next else {
                let shared = self.shared.borrow();
                return match shared.timers.peek() {
                    Some(Reverse(timer)) => LoopState::SleepUntil(timer.deadline),
                    None => LoopState::Finished,
                };
            };
            {
                let mut shared = self.shared.borrow_mut();
                shared.current = task;
                if let Some(since) = shared.ready_since[task].take() {
                    shared.logs[task].push(IntervalKind::Ready, Some(task as u32), since, now);
                }
            }
            let Some(coroutine) = self.coroutines[task].as_mut() else {
                continue;
            };
            let start = self.platform.now_ms();
            let finished = coroutine.as_mut().poll(&mut waker_cx).is_ready();
            let end = self.platform.now_ms();
            let mut shared = self.shared.borrow_mut();
            // The poll computed until it awaited; an IO wait it began is already recorded.
            let log = &mut shared.logs[task];
            let compute_end = log
                .intervals
                .last()
                .filter(|iv| iv.kind == IntervalKind::Io)
                .map_or(end, |iv| iv.start);
            log.push(
                IntervalKind::Compute,
                Some(task as u32),
                start,
                compute_end.max(start),
            );
            if finished {
                self.coroutines[task] = None;
            } else if shared.ready.back() == Some(&task) {
                shared.ready_since[task] = Some(end);
            }
        }
    }

    fn fire_timers(&mut self, now: f64) {
        let mut shared = self.shared.borrow_mut();
        while let Some(Reverse(timer)) = shared.timers.peek() {
            if timer.deadline > now {
                break;
            }
            let Some(Reverse(timer)) = shared.timers.pop() else {
                break;
            };
            shared.ready.push_back(timer.task);
            shared.ready_since[timer.task] = Some(timer.deadline);
        }
    }

    /// Finished tasks so far.
    pub fn done(&self) -> u32 {
        self.shared.borrow().done
    }

    /// Ends the loop: every coroutine's log, or the first failure.
    ///
    /// # Errors
    /// The first task that failed.
    pub fn finish(self) -> Result<Vec<UnitLog>, TaskError> {
        drop(self.coroutines);
        let mut shared = self.shared.borrow_mut();
        if let Some(err) = shared.failure.take() {
            return Err(err);
        }
        Ok(std::mem::take(&mut shared.logs))
    }
}

/// The body of one coroutine: like `async def task(): ...` with awaits at waits and yields.
/// `created` is when the loop created it (its task's start).
async fn coroutine(
    index: u32,
    spec: &TaskSpec,
    yield_every: u32,
    handle: LoopHandle,
    platform: &dyn Platform,
    fault: Option<Fault>,
    created: f64,
) {
    // A coroutine's task starts when `gather` creates it, whenever the loop first runs it.
    let start = created;
    if let Some(Err(err)) = fault.map(|f| f.strike(index)) {
        handle.0.borrow_mut().failure.get_or_insert(err);
        return;
    }
    let mut job = spec.start();
    let mut steps = 0u32;
    loop {
        match job.step() {
            Step::Computed => {
                steps += 1;
                if yield_every > 0 && steps >= yield_every {
                    steps = 0;
                    handle.yield_now().await;
                }
            }
            Step::Wait { ms } => handle.sleep(platform, ms).await,
            Step::Done(output) => {
                let end = platform.now_ms();
                let mut shared = handle.0.borrow_mut();
                shared.logs[index as usize].tasks.push(TaskDone {
                    index,
                    start,
                    end,
                    output,
                });
                shared.done += 1;
                return;
            }
        }
    }
}

/// Runs the loop to the end on a unit that may block, sleeping until each next timer.
///
/// # Errors
/// The first task that failed.
pub fn run_blocking(
    tasks: &[TaskSpec],
    yield_every: u32,
    platform: &dyn Platform,
    fault: Option<Fault>,
    progress: &mut dyn FnMut(u32),
) -> Result<Vec<UnitLog>, TaskError> {
    let mut event_loop = EventLoop::new(tasks, yield_every, platform, fault);
    loop {
        let state = event_loop.run_ready();
        progress(event_loop.done());
        match state {
            LoopState::Finished => return event_loop.finish(),
            LoopState::SleepUntil(deadline) => platform.sleep_ms(deadline - platform.now_ms()),
        }
    }
}
