//! The GIL model. Its timing rules are checked exactly, on a clock the test sets by hand (the
//! threads are real, the time they read is not). Runs on the real clock check only that the
//! threads finish, under a watchdog so that a deadlock fails instead of hanging, never speed.

use super::*;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long any one test may take before it counts as a deadlock.
const WATCHDOG: Duration = Duration::from_secs(60);

/// Runs `body` on a thread of its own and fails if it has not finished within [`WATCHDOG`].
fn within_watchdog<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        // The receiver is gone only when the test has already failed.
        let _ = done.send(body());
    });
    match finished.recv_timeout(WATCHDOG) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("deadlock: not finished within {WATCHDOG:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("the test's thread panicked (see above)"),
    }
}

/// Waits (in real time, up to 10 s) until `condition` holds.
fn until(what: &str, condition: impl Fn() -> bool) {
    let start = Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never happened: {what}"
        );
        std::thread::sleep(Duration::from_micros(100));
    }
}

/// A lock with a 5 ms interval on a clock set by hand, at time 0.
fn gil_on_hand_clock(version: GilVersion, ticks: u32) -> (Arc<Gil>, ManualClock) {
    let clock = ManualClock::default();
    let gil = Gil::with_clock(version, 5.0, ticks, Box::new(clock.clone()));
    (Arc::new(gil), clock)
}

/// Starts thread 1, which waits for the lock, notes who holds it once it has it, and gives it
/// back. Returns once thread 1 is waiting.
fn start_waiter(gil: &Arc<Gil>) -> std::thread::JoinHandle<Option<usize>> {
    let gil2 = gil.clone();
    let waiter = std::thread::spawn(move || {
        let mut me = gil2.holder(1);
        me.acquire();
        let holder = gil2.last_holder();
        me.release();
        holder
    });
    until("thread 1 waits for the lock", || gil.waiters() == 1);
    waiter
}

#[test]
fn a_waiter_asks_exactly_when_the_interval_has_passed_and_the_holder_drops_at_its_next_check() {
    within_watchdog(|| {
        let (gil, clock) = gil_on_hand_clock(GilVersion::New, 1);
        let mut holder = gil.holder(0);
        holder.acquire();
        let waiter = start_waiter(&gil);

        clock.set_us(4_999);
        // Long enough for the waiter to read the clock about 200 times.
        std::thread::sleep(Duration::from_millis(20));
        assert!(!gil.drop_requested(), "asked 1 µs before the interval");
        assert!(!holder.should_yield(), "dropped without a request");

        clock.set_us(5_000);
        until("the waiter asks at 5 ms", || gil.drop_requested());
        assert!(holder.should_yield(), "the holder sees the request");
        holder.yield_lock();

        assert_eq!(waiter.join().ok(), Some(Some(1)), "the waiter got the lock");
        assert_eq!(gil.last_holder(), Some(0), "and the holder took it back");
        assert_eq!(gil.switches(), 2);
        assert!(
            !gil.drop_requested(),
            "taking the lock answered the request"
        );
    });
}

/// Thread 1 waits from time 0; at 3 ms thread 2 takes the lock from thread 0. Returns false
/// when thread 1 won the race for the free lock instead (nothing was shown, try again).
fn hand_over_restarts_the_interval() -> bool {
    let (gil, clock) = gil_on_hand_clock(GilVersion::New, 1);
    let mut first = gil.holder(0);
    first.acquire();
    let waiter = start_waiter(&gil);
    clock.set_us(3_000);
    first.release();
    let mut second = gil.holder(2);
    second.acquire();
    if gil.switches() != 1 {
        second.release();
        return false;
    }
    until("thread 1 waits again", || gil.waiters() == 1);
    clock.set_us(7_999);
    std::thread::sleep(Duration::from_millis(20));
    assert!(
        !gil.drop_requested(),
        "the interval did not restart at the hand-over"
    );
    clock.set_us(8_000);
    until("thread 1 asks 5 ms after the hand-over", || {
        gil.drop_requested()
    });
    second.yield_lock();
    assert_eq!(waiter.join().ok(), Some(Some(1)));
    true
}

#[test]
fn a_waiter_that_sees_a_hand_over_starts_its_interval_again() {
    let shown = within_watchdog(|| (0..20).any(|_| hand_over_restarts_the_interval()));
    assert!(
        shown,
        "thread 1 won the race for the free lock 20 times in a row"
    );
}

#[test]
fn a_thread_with_no_rival_never_switches() {
    within_watchdog(|| {
        let (gil, clock) = gil_on_hand_clock(GilVersion::New, 1);
        let mut holder = gil.holder(0);
        holder.acquire();
        for second in 1..=1_000 {
            clock.set_us(second * 1_000_000);
            assert!(!holder.should_yield(), "nobody asked, yet it let go");
        }
        holder.release();
        assert_eq!(gil.switches(), 0);
    });
}

#[test]
fn the_old_gil_releases_every_ticks_steps_and_alone_takes_it_straight_back() {
    within_watchdog(|| {
        let (gil, clock) = gil_on_hand_clock(GilVersion::Old, 3);
        let mut holder = gil.holder(0);
        holder.acquire();
        let mut pattern = Vec::new();
        for step in 1..=12 {
            clock.set_us(step * 10_000);
            let release = holder.should_yield();
            pattern.push(release);
            if release {
                holder.yield_lock();
            }
        }
        let every_third: Vec<bool> = (1..=12).map(|step| step % 3 == 0).collect();
        assert_eq!(pattern, every_third);
        assert_eq!(gil.switches(), 0, "with nobody waiting it keeps the lock");
    });
}

#[test]
fn the_old_gil_never_asks_the_holder_however_long_a_thread_waits() {
    within_watchdog(|| {
        let (gil, clock) = gil_on_hand_clock(GilVersion::Old, 1_000);
        let mut holder = gil.holder(0);
        holder.acquire();
        let waiter = start_waiter(&gil);
        clock.set_us(60_000_000);
        std::thread::sleep(Duration::from_millis(20));
        assert!(!gil.drop_requested());
        assert!(!holder.should_yield(), "released before its ticks were up");
        holder.release();
        assert_eq!(waiter.join().ok(), Some(Some(1)));
    });
}

/// Computes for about `us` microseconds: one step.
fn spin(us: u64) {
    let start = Instant::now();
    while start.elapsed().as_micros() < u128::from(us) {
        std::hint::spin_loop();
    }
}

/// Runs `threads` threads on the real clock that each compute `steps` steps of 20 µs under the
/// GIL, and returns the lock and how many times the threads let go of it.
fn contend(version: GilVersion, ticks: u32, threads: usize, steps: u32) -> (Arc<Gil>, u64) {
    let gil = Arc::new(Gil::new(version, 1.0, ticks));
    let handles: Vec<_> = (0..threads)
        .map(|me| {
            let gil = gil.clone();
            std::thread::spawn(move || {
                let mut holder = gil.holder(me);
                let mut releases = 0;
                holder.acquire();
                for _ in 0..steps {
                    spin(20);
                    if holder.should_yield() {
                        releases += 1;
                        holder.yield_lock();
                    }
                }
                holder.release();
                releases
            })
        })
        .collect();
    let releases = handles
        .into_iter()
        .map(|h| h.join().expect("no thread panics"))
        .sum();
    (gil, releases)
}

#[test]
fn two_threads_on_the_real_clock_hand_the_new_gil_over_and_finish() {
    let (gil, releases) = within_watchdog(|| contend(GilVersion::New, 1, 2, 5_000));
    assert!(gil.switches() > 0, "two computing threads never switched");
    assert!(releases > 0);
}

#[test]
fn under_the_old_gil_the_releasing_thread_usually_takes_the_lock_back() {
    // Every step releases; a hand-over happens only when the woken waiter beats the releasing
    // thread to the lock, which Beazley (PyCon 2010) saw is rare on several cores.
    let (gil, releases) = within_watchdog(|| contend(GilVersion::Old, 1, 2, 2_000));
    assert!(releases >= 3_000, "{releases} releases for 4,000 steps");
    assert!(
        gil.switches() * 2 < releases,
        "{} hand-overs in {releases} releases",
        gil.switches()
    );
}

#[test]
fn many_threads_waiting_and_computing_finish() {
    within_watchdog(|| {
        let gil = Arc::new(Gil::new(GilVersion::New, 1.0, 100));
        let handles: Vec<_> = (0..8)
            .map(|me| {
                let gil = gil.clone();
                std::thread::spawn(move || {
                    let mut holder = gil.holder(me);
                    for round in 0..20 {
                        holder.acquire();
                        for _ in 0..50 {
                            spin(10);
                            if holder.should_yield() {
                                holder.yield_lock();
                            }
                        }
                        holder.release();
                        if round % 3 == me % 3 {
                            std::thread::sleep(Duration::from_millis(1));
                        }
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("no thread panics");
        }
    });
}
