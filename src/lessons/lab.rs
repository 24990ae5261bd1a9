//! The quantities of the locks lab's report that a lesson may name, as `lab.KIND` (`lab.lost`,
//! `lab.scaling@2`), each printed exactly as the lab's results table prints it
//! (`locks::tables`): counts grouped by thousands, times to 0.01 ms, time per increment and
//! steps per ms to 0.1. Which kinds a report has depends on its experiment.

use super::quantity::Format;
use crate::locks::LocksReport;
use crate::locks::contention::{ContentionPoint, sweep_threads};
use crate::locks::coroutines::AwaitAt;
use crate::locks::counters::{CounterKind, CounterRun};
use crate::settings::Settings;

/// Every kind: its name, how it prints, and what it means.
pub const LAB_KINDS: &[(&str, Format, &str)] = &[
    (
        "expected",
        Format::Thousands,
        "the count every update would give (table)",
    ),
    (
        "lost",
        Format::Thousands,
        "updates the unsynchronized counter lost (table)",
    ),
    (
        "lost_share",
        Format::Percent,
        "the share of updates the unsynchronized counter lost",
    ),
    (
        "actual_unsynchronized",
        Format::Thousands,
        "the unsynchronized counter at the end (table)",
    ),
    (
        "actual_mutex",
        Format::Thousands,
        "the mutex's counter at the end (table)",
    ),
    (
        "actual_atomic",
        Format::Thousands,
        "the atomic counter at the end (table)",
    ),
    (
        "ns_unsynchronized",
        Format::Tenths,
        "ns per unsynchronized increment (table)",
    ),
    (
        "ns_mutex",
        Format::Tenths,
        "ns per increment inside the mutex (table)",
    ),
    (
        "ns_atomic",
        Format::Tenths,
        "ns per atomic increment (table)",
    ),
    (
        "mutex_over_atomic",
        Format::Times,
        "the mutex's time per increment over the atomic's",
    ),
    (
        "mutex_wait",
        Format::FineMs,
        "time the mutex's threads waited for the lock, ms (table)",
    ),
    (
        "share",
        Format::Count,
        "the chosen share of each step inside the lock, % (table)",
    ),
    (
        "other_share",
        Format::Count,
        "the compared share, % (table)",
    ),
    (
        "threads",
        Format::Count,
        "the sweep's thread count that equals the setting (table)",
    ),
    (
        "past",
        Format::Count,
        "the sweep's largest thread count (table)",
    ),
    (
        "rate_one",
        Format::Tenths,
        "steps per ms with 1 thread at the chosen share (table)",
    ),
    (
        "rate_threads",
        Format::Tenths,
        "steps per ms with `threads` threads at the chosen share (table)",
    ),
    (
        "rate_past",
        Format::Tenths,
        "steps per ms with the most threads at the chosen share (table)",
    ),
    (
        "other_rate_one",
        Format::Tenths,
        "steps per ms with 1 thread at the other share (table)",
    ),
    (
        "other_rate_threads",
        Format::Tenths,
        "steps per ms with `threads` threads at the other share (table)",
    ),
    (
        "scaling",
        Format::Times,
        "`threads` threads' steps per ms over one thread's, chosen share",
    ),
    (
        "other_scaling",
        Format::Times,
        "the same at the other share",
    ),
    (
        "past_scaling",
        Format::Times,
        "the most threads' steps per ms over `threads` threads', other share",
    ),
    (
        "lock_wait_threads",
        Format::FineMs,
        "time `threads` threads waited for the lock at the chosen share, ms (table)",
    ),
    (
        "consumed",
        Format::Thousands,
        "items consumers took (table)",
    ),
    (
        "duplicates",
        Format::Thousands,
        "items taken more than once (table)",
    ),
    ("missing", Format::Thousands, "items never taken (table)"),
    (
        "sentinels",
        Format::Count,
        "sentinels consumers took (table)",
    ),
    (
        "blocked_full",
        Format::FineMs,
        "time producers were blocked on a full queue, ms (table)",
    ),
    (
        "waited_empty",
        Format::FineMs,
        "time consumers waited on an empty queue, ms (table)",
    ),
    (
        "max_depth",
        Format::Count,
        "the most items the queue held at a sample",
    ),
    (
        "parent",
        Format::Thousands,
        "the parent's own counter after the processes ended (table)",
    ),
    (
        "from_messages",
        Format::Thousands,
        "the total of the counts the processes sent back (table)",
    ),
    (
        "lost_between",
        Format::Thousands,
        "updates lost with the await between updates (table)",
    ),
    (
        "lost_inside",
        Format::Thousands,
        "updates lost with the await inside the update (table)",
    ),
    (
        "lost_locked",
        Format::Thousands,
        "updates lost with the await inside, under asyncio.Lock (table)",
    ),
    (
        "loop_items",
        Format::Thousands,
        "items put through the queue on the loop (table)",
    ),
    (
        "loop_consumed",
        Format::Thousands,
        "items taken from the queue on the loop (table)",
    ),
    (
        "loop_full_waits",
        Format::Thousands,
        "puts on the loop that waited on a full queue (table)",
    ),
    (
        "loop_empty_waits",
        Format::Thousands,
        "gets on the loop that waited on an empty queue (table)",
    ),
];

/// The kind named `name`, if there is one.
pub fn kind(name: &str) -> Option<(&'static str, Format)> {
    LAB_KINDS
        .iter()
        .find(|(k, _, _)| *k == name)
        .map(|&(k, f, _)| (k, f))
}

/// The value of `kind` in a report made with `settings`; `None` where the experiment has no
/// such quantity.
pub fn value(kind: &str, settings: &Settings, report: &LocksReport) -> Option<f64> {
    match report {
        LocksReport::Counters(runs) => counters(kind, runs),
        LocksReport::Contention { points, .. } => contention(kind, settings, points),
        LocksReport::Queue(run) => Some(match kind {
            "expected" => run.params.items as f64,
            "consumed" => run.consumed as f64,
            "duplicates" => run.duplicates as f64,
            "missing" => run.missing as f64,
            "sentinels" => f64::from(run.sentinels),
            "blocked_full" => run.blocked_full_ms(),
            "waited_empty" => run.blocked_empty_ms(),
            "max_depth" => f64::from(run.depth.iter().map(|d| d.1).max()?),
            _ => return None,
        }),
        LocksReport::Processes(run) => Some(match kind {
            "expected" => run.expected as f64,
            "parent" => run.parent_value as f64,
            "from_messages" => run.total_from_messages() as f64,
            _ => return None,
        }),
        LocksReport::Coroutines(runs, queue) => {
            let lost = |at: AwaitAt| {
                runs.iter()
                    .find(|r| r.await_at == at)
                    .map(|r| r.lost() as f64)
            };
            match kind {
                "expected" => runs.first().map(|r| r.expected as f64),
                "lost_between" => lost(AwaitAt::Between),
                "lost_inside" => lost(AwaitAt::Inside),
                "lost_locked" => lost(AwaitAt::InsideLocked),
                "loop_items" => Some(queue.items as f64),
                "loop_consumed" => Some(queue.consumed as f64),
                "loop_full_waits" => Some(queue.full_waits as f64),
                "loop_empty_waits" => Some(queue.empty_waits as f64),
                _ => None,
            }
        }
    }
}

fn counters(kind: &str, runs: &[CounterRun]) -> Option<f64> {
    let run = |k: CounterKind| runs.iter().find(|r| r.kind == k);
    let unsynchronized = run(CounterKind::Unsynchronized)?;
    let (mutex, atomic) = (run(CounterKind::Mutex)?, run(CounterKind::Atomic)?);
    Some(match kind {
        "expected" => unsynchronized.expected as f64,
        "lost" => unsynchronized.lost() as f64,
        "lost_share" => unsynchronized.lost() as f64 / unsynchronized.expected.max(1) as f64,
        "actual_unsynchronized" => unsynchronized.actual as f64,
        "actual_mutex" => mutex.actual as f64,
        "actual_atomic" => atomic.actual as f64,
        "ns_unsynchronized" => unsynchronized.ns_per_increment(),
        "ns_mutex" => mutex.ns_per_increment(),
        "ns_atomic" => atomic.ns_per_increment(),
        "mutex_over_atomic" => ratio(mutex.ns_per_increment(), atomic.ns_per_increment())?,
        "mutex_wait" => mutex.lock_wait_ms(),
        _ => return None,
    })
}

fn contention(kind: &str, settings: &Settings, points: &[ContentionPoint]) -> Option<f64> {
    let chosen = settings.lock_share;
    let other = points.iter().map(|p| p.lock_share).find(|&s| s != chosen)?;
    let threads = settings.threads;
    let past = *sweep_threads(threads).last()?;
    let point = |share: u32, n: u32| {
        points
            .iter()
            .find(|p| p.lock_share == share && p.threads == n)
    };
    let rate = |share: u32, n: u32| point(share, n).map(ContentionPoint::throughput);
    Some(match kind {
        "share" => f64::from(chosen),
        "other_share" => f64::from(other),
        "threads" => f64::from(threads),
        "past" => f64::from(past),
        "rate_one" => rate(chosen, 1)?,
        "rate_threads" => rate(chosen, threads)?,
        "rate_past" => rate(chosen, past)?,
        "other_rate_one" => rate(other, 1)?,
        "other_rate_threads" => rate(other, threads)?,
        "scaling" => ratio(rate(chosen, threads)?, rate(chosen, 1)?)?,
        "other_scaling" => ratio(rate(other, threads)?, rate(other, 1)?)?,
        "past_scaling" => ratio(rate(other, past)?, rate(other, threads)?)?,
        "lock_wait_threads" => point(chosen, threads)?.lock_wait_ms,
        _ => return None,
    })
}

fn ratio(over: f64, under: f64) -> Option<f64> {
    (under > 0.0 && over.is_finite()).then(|| over / under)
}
