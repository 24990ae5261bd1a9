//! The quantities of the locks lab's report that a lesson may name, as `lab.KIND` (`lab.lost`,
//! `lab.scaling@2`), each printed exactly as the lab's results table prints it
//! (`locks::tables`): counts grouped by thousands, times to 0.01 ms, time per increment and
//! steps per ms to 0.1. Which kinds a report has depends on its experiment.

use super::quantity::quantity_kinds;
use crate::locks::LocksReport;
use crate::locks::contention::{ContentionPoint, sweep_threads};
use crate::locks::coroutines::{AwaitAt, CoroutineRun};
use crate::locks::counters::{CounterKind, CounterRun};
use crate::locks::loop_queue::LoopQueueRun;
use crate::locks::processes::ProcessesRun;
use crate::locks::queue::QueueRun;
use crate::settings::Settings;

quantity_kinds! {
    /// A kind of the locks lab's report (`lab.KIND`).
    LabKind {
        Expected = "expected", Thousands, "the count every update would give (table)";
        Lost = "lost", Thousands, "updates the unsynchronized counter lost (table)";
        LostShare = "lost_share", Percent, "the share of updates the unsynchronized counter lost";
        ActualUnsynchronized = "actual_unsynchronized", Thousands, "the unsynchronized counter at the end (table)";
        ActualMutex = "actual_mutex", Thousands, "the mutex's counter at the end (table)";
        ActualAtomic = "actual_atomic", Thousands, "the atomic counter at the end (table)";
        NsUnsynchronized = "ns_unsynchronized", Tenths, "ns per unsynchronized increment (table)";
        NsMutex = "ns_mutex", Tenths, "ns per increment inside the mutex (table)";
        NsAtomic = "ns_atomic", Tenths, "ns per atomic increment (table)";
        MutexOverAtomic = "mutex_over_atomic", Times, "the mutex's time per increment over the atomic's";
        MutexWait = "mutex_wait", FineMs, "time the mutex's threads waited for the lock, ms (table)";
        Share = "share", Count, "the chosen share of each step inside the lock, % (table)";
        OtherShare = "other_share", Count, "the compared share, % (table)";
        Threads = "threads", Count, "the sweep's thread count that equals the setting (table)";
        Past = "past", Count, "the sweep's largest thread count (table)";
        RateOne = "rate_one", Tenths, "steps per ms with 1 thread at the chosen share (table)";
        RateThreads = "rate_threads", Tenths, "steps per ms with `threads` threads at the chosen share (table)";
        RatePast = "rate_past", Tenths, "steps per ms with the most threads at the chosen share (table)";
        OtherRateOne = "other_rate_one", Tenths, "steps per ms with 1 thread at the other share (table)";
        OtherRateThreads = "other_rate_threads", Tenths, "steps per ms with `threads` threads at the other share (table)";
        Scaling = "scaling", Times, "`threads` threads' steps per ms over one thread's, chosen share";
        OtherScaling = "other_scaling", Times, "the same at the other share";
        PastScaling = "past_scaling", Times, "the most threads' steps per ms over `threads` threads', other share";
        LockWaitThreads = "lock_wait_threads", FineMs, "time `threads` threads waited for the lock at the chosen share, ms (table)";
        Consumed = "consumed", Thousands, "items consumers took (table)";
        Duplicates = "duplicates", Thousands, "items taken more than once (table)";
        Missing = "missing", Thousands, "items never taken (table)";
        Sentinels = "sentinels", Count, "sentinels consumers took (table)";
        BlockedFull = "blocked_full", FineMs, "time producers were blocked on a full queue, ms (table)";
        WaitedEmpty = "waited_empty", FineMs, "time consumers waited on an empty queue, ms (table)";
        MaxDepth = "max_depth", Count, "the most items the queue held at a sample";
        Parent = "parent", Thousands, "the parent's own counter after the processes ended (table)";
        FromMessages = "from_messages", Thousands, "the total of the counts the processes sent back (table)";
        LostBetween = "lost_between", Thousands, "updates lost with the await between updates (table)";
        LostInside = "lost_inside", Thousands, "updates lost with the await inside the update (table)";
        LostLocked = "lost_locked", Thousands, "updates lost with the await inside, under asyncio.Lock (table)";
        LoopItems = "loop_items", Thousands, "items put through the queue on the loop (table)";
        LoopConsumed = "loop_consumed", Thousands, "items taken from the queue on the loop (table)";
        LoopFullWaits = "loop_full_waits", Thousands, "puts on the loop that waited on a full queue (table)";
        LoopEmptyWaits = "loop_empty_waits", Thousands, "gets on the loop that waited on an empty queue (table)";
    }
}

impl LabKind {
    /// Its value in a report made with `settings`; `None` where the experiment has no such
    /// quantity.
    pub fn value(self, settings: &Settings, report: &LocksReport) -> Option<f64> {
        use LabKind as K;
        let counters = || Counters::of(report);
        let sweep = || Sweep::of(settings, report);
        let loop_queue = || coroutines(report).map(|c| c.1);
        Some(match self {
            K::Expected => expected(report)?,
            K::Lost => counters()?.unsynchronized.lost() as f64,
            K::LostShare => counters()?.lost_share(),
            K::ActualUnsynchronized => counters()?.unsynchronized.actual as f64,
            K::ActualMutex => counters()?.mutex.actual as f64,
            K::ActualAtomic => counters()?.atomic.actual as f64,
            K::NsUnsynchronized => counters()?.unsynchronized.ns_per_increment(),
            K::NsMutex => counters()?.mutex.ns_per_increment(),
            K::NsAtomic => counters()?.atomic.ns_per_increment(),
            K::MutexOverAtomic => counters()?.mutex_over_atomic()?,
            K::MutexWait => counters()?.mutex.lock_wait_ms(),
            K::Share => f64::from(sweep()?.chosen),
            K::OtherShare => f64::from(sweep()?.other),
            K::Threads => f64::from(sweep()?.threads),
            K::Past => f64::from(sweep()?.past),
            K::RateOne => sweep()?.chosen_rate(1)?,
            K::RateThreads => sweep().and_then(|s| s.chosen_rate(s.threads))?,
            K::RatePast => sweep().and_then(|s| s.chosen_rate(s.past))?,
            K::OtherRateOne => sweep()?.other_rate(1)?,
            K::OtherRateThreads => sweep().and_then(|s| s.other_rate(s.threads))?,
            K::Scaling => sweep()?.scaling(Share::Chosen, 1)?,
            K::OtherScaling => sweep()?.scaling(Share::Other, 1)?,
            K::PastScaling => sweep()?.past_scaling()?,
            K::LockWaitThreads => sweep()?.lock_wait()?,
            K::Consumed => queue(report)?.consumed as f64,
            K::Duplicates => queue(report)?.duplicates as f64,
            K::Missing => queue(report)?.missing as f64,
            K::Sentinels => f64::from(queue(report)?.sentinels),
            K::BlockedFull => queue(report)?.blocked_full_ms(),
            K::WaitedEmpty => queue(report)?.blocked_empty_ms(),
            K::MaxDepth => f64::from(queue(report)?.depth.iter().map(|d| d.1).max()?),
            K::Parent => processes(report)?.parent_value as f64,
            K::FromMessages => processes(report)?.total_from_messages() as f64,
            K::LostBetween => lost(report, AwaitAt::Between)?,
            K::LostInside => lost(report, AwaitAt::Inside)?,
            K::LostLocked => lost(report, AwaitAt::InsideLocked)?,
            K::LoopItems => loop_queue()?.items as f64,
            K::LoopConsumed => loop_queue()?.consumed as f64,
            K::LoopFullWaits => loop_queue()?.full_waits as f64,
            K::LoopEmptyWaits => loop_queue()?.empty_waits as f64,
        })
    }
}

fn queue(report: &LocksReport) -> Option<&QueueRun> {
    let LocksReport::Queue(run) = report else {
        return None;
    };
    Some(run)
}

fn processes(report: &LocksReport) -> Option<&ProcessesRun> {
    let LocksReport::Processes(run) = report else {
        return None;
    };
    Some(run)
}

fn coroutines(report: &LocksReport) -> Option<(&[CoroutineRun], &LoopQueueRun)> {
    let LocksReport::Coroutines(runs, queue) = report else {
        return None;
    };
    Some((runs, queue))
}

/// The updates lost with the await at `at`.
fn lost(report: &LocksReport, at: AwaitAt) -> Option<f64> {
    let (runs, _) = coroutines(report)?;
    runs.iter()
        .find(|r| r.await_at == at)
        .map(|r| r.lost() as f64)
}

/// The count every update would give, in each experiment that counts (not the contention
/// sweep, which measures time).
fn expected(report: &LocksReport) -> Option<f64> {
    match report {
        LocksReport::Counters(runs) => Some(Counters::find(runs)?.unsynchronized.expected as f64),
        LocksReport::Contention { .. } => None,
        LocksReport::Queue(run) => Some(run.params.items as f64),
        LocksReport::Processes(run) => Some(run.expected as f64),
        LocksReport::Coroutines(runs, _) => runs.first().map(|r| r.expected as f64),
    }
}

/// The counters experiment's three runs.
struct Counters<'a> {
    unsynchronized: &'a CounterRun,
    mutex: &'a CounterRun,
    atomic: &'a CounterRun,
}

impl<'a> Counters<'a> {
    fn of(report: &'a LocksReport) -> Option<Self> {
        let LocksReport::Counters(runs) = report else {
            return None;
        };
        Counters::find(runs)
    }

    fn find(runs: &'a [CounterRun]) -> Option<Self> {
        let run = |k: CounterKind| runs.iter().find(|r| r.kind == k);
        Some(Counters {
            unsynchronized: run(CounterKind::Unsynchronized)?,
            mutex: run(CounterKind::Mutex)?,
            atomic: run(CounterKind::Atomic)?,
        })
    }

    fn lost_share(&self) -> f64 {
        let run = self.unsynchronized;
        run.lost() as f64 / run.expected.max(1) as f64
    }

    fn mutex_over_atomic(&self) -> Option<f64> {
        ratio(
            self.mutex.ns_per_increment(),
            self.atomic.ns_per_increment(),
        )
    }
}

/// Which share of the sweep: the chosen one or the compared one.
#[derive(Clone, Copy)]
enum Share {
    Chosen,
    Other,
}

/// The contention sweep: the chosen share of each step inside the lock and the compared one,
/// the setting's thread count, and the sweep's largest.
struct Sweep<'a> {
    points: &'a [ContentionPoint],
    chosen: u32,
    other: u32,
    threads: u32,
    past: u32,
}

impl<'a> Sweep<'a> {
    fn of(settings: &Settings, report: &'a LocksReport) -> Option<Self> {
        let LocksReport::Contention { points, .. } = report else {
            return None;
        };
        let chosen = settings.lock_share;
        Some(Sweep {
            points,
            chosen,
            other: points.iter().map(|p| p.lock_share).find(|&s| s != chosen)?,
            threads: settings.threads,
            past: *sweep_threads(settings.threads).last()?,
        })
    }

    fn point(&self, share: u32, threads: u32) -> Option<&'a ContentionPoint> {
        self.points
            .iter()
            .find(|p| p.lock_share == share && p.threads == threads)
    }

    fn rate(&self, share: Share, threads: u32) -> Option<f64> {
        let share = match share {
            Share::Chosen => self.chosen,
            Share::Other => self.other,
        };
        self.point(share, threads).map(ContentionPoint::throughput)
    }

    fn chosen_rate(&self, threads: u32) -> Option<f64> {
        self.rate(Share::Chosen, threads)
    }

    fn other_rate(&self, threads: u32) -> Option<f64> {
        self.rate(Share::Other, threads)
    }

    /// The setting's thread count's steps per ms over `from` threads', at `share`.
    fn scaling(&self, share: Share, from: u32) -> Option<f64> {
        ratio(self.rate(share, self.threads)?, self.rate(share, from)?)
    }

    /// The most threads' steps per ms over the setting's thread count's, at the other share.
    fn past_scaling(&self) -> Option<f64> {
        ratio(self.other_rate(self.past)?, self.other_rate(self.threads)?)
    }

    /// The time the setting's thread count waited for the lock at the chosen share, ms.
    fn lock_wait(&self) -> Option<f64> {
        Some(self.point(self.chosen, self.threads)?.lock_wait_ms)
    }
}

fn ratio(over: f64, under: f64) -> Option<f64> {
    (under > 0.0 && over.is_finite()).then(|| over / under)
}
