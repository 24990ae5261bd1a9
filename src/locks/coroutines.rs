//! The counter on one event loop, as asyncio runs it: coroutines take turns only where they
//! await, so a read-modify-write with no await inside cannot be interrupted and no update is
//! lost, without any lock. With an await between the read and the write (`await
//! asyncio.sleep(0)`), every other coroutine runs in between and their updates are lost; an
//! `asyncio.Lock` held across the await makes it exact again.
//!
//! The loop is the smallest one that shows it: ready coroutines polled in turn, and a yield
//! that goes to the back of the line.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Where the coroutine awaits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AwaitAt {
    /// Between one read-modify-write and the next only.
    Between,
    /// Also between the read and the write.
    Inside,
    /// Between the read and the write, holding a lock (`async with lock:`).
    InsideLocked,
}

impl AwaitAt {
    /// Every variant, in the order the page shows them.
    pub const ALL: [AwaitAt; 3] = [AwaitAt::Between, AwaitAt::Inside, AwaitAt::InsideLocked];

    /// The words on the page.
    pub fn title(self) -> &'static str {
        match self {
            AwaitAt::Between => "await between updates, no lock",
            AwaitAt::Inside => "await inside the read-modify-write, no lock",
            AwaitAt::InsideLocked => "await inside, with asyncio.Lock",
        }
    }
}

/// One run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoroutineRun {
    /// Where the coroutines awaited.
    pub await_at: AwaitAt,
    /// Coroutines × increments.
    pub expected: u64,
    /// The counter at the end.
    pub actual: u64,
    /// Turns the loop gave (polls).
    pub turns: u64,
}

impl CoroutineRun {
    /// Updates lost.
    pub fn lost(&self) -> u64 {
        self.expected.saturating_sub(self.actual)
    }
}

/// A future that is pending once, so its coroutine goes to the back of the line.
pub(super) struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// `await asyncio.sleep(0)`.
pub(super) fn yield_now() -> YieldNow {
    YieldNow(false)
}

/// Runs the coroutines in turn until all have finished; returns the polls made.
pub fn run_loop(mut coroutines: Vec<Pin<Box<dyn Future<Output = ()>>>>) -> u64 {
    let mut context = Context::from_waker(Waker::noop());
    let mut turns = 0;
    while !coroutines.is_empty() {
        coroutines.retain_mut(|c| {
            turns += 1;
            c.as_mut().poll(&mut context).is_pending()
        });
    }
    turns
}

/// `coroutines` coroutines each add 1 to one counter `increments` times on one loop.
pub fn run_coroutines(coroutines: usize, increments: u64, await_at: AwaitAt) -> CoroutineRun {
    let counter = Rc::new(Cell::new(0u64));
    let locked = Rc::new(Cell::new(false));
    let tasks = (0..coroutines)
        .map(|_| {
            let (counter, locked) = (counter.clone(), locked.clone());
            Box::pin(async move {
                for _ in 0..increments {
                    if await_at == AwaitAt::InsideLocked {
                        while locked.get() {
                            yield_now().await;
                        }
                        locked.set(true);
                    }
                    let value = counter.get();
                    if await_at != AwaitAt::Between {
                        yield_now().await;
                    }
                    counter.set(value + 1);
                    locked.set(false);
                    yield_now().await;
                }
            }) as Pin<Box<dyn Future<Output = ()>>>
        })
        .collect();
    let turns = run_loop(tasks);
    CoroutineRun {
        await_at,
        expected: coroutines as u64 * increments,
        actual: counter.get(),
        turns,
    }
}
