//! The rules of the locks lab's experiments, each judging one experiment's report.

use super::{Reason, Verdict, need_lab, ok, rule_family, v};
use crate::lessons::lab::LabKind;
use crate::lessons::observed::Observation;
use crate::settings::Experiment;

rule_family! {
    /// A rule of the locks lab.
    LabRule {
        LostUpdates = "lost_updates": "Locks lab, counters: the unsynchronized counter loses updates; the mutex and the atomic add are exact.",
        AtomicFaster = "atomic_faster": "Locks lab, counters: both exact counters are exact, and the atomic add takes less time per increment than the mutex.",
        LockSerializes = "lock_serializes": "Locks lab, contention: with every step inside the lock, more threads do no more steps per ms; with none inside, they do.",
        QueueExactlyOnce = "queue_exactly_once": "Locks lab, queue: every item is consumed exactly once, each consumer takes its sentinel, and producers were blocked on the full queue.",
        ProcessesIsolated = "processes_isolated": "Locks lab, processes: the parent's counter stays 0; the counts sent back add up to the total.",
        AwaitInside = "await_inside": "Locks lab, coroutines: no update is lost unless an await sits inside the update, asyncio.Lock makes that exact again, and the queue on the same loop delivers every item.",
    }
}

impl LabRule {
    /// The experiment this rule judges.
    pub fn experiment(self) -> Experiment {
        match self {
            LabRule::LostUpdates | LabRule::AtomicFaster => Experiment::Counters,
            LabRule::LockSerializes => Experiment::Contention,
            LabRule::QueueExactlyOnce => Experiment::Queue,
            LabRule::ProcessesIsolated => Experiment::Processes,
            LabRule::AwaitInside => Experiment::Coroutines,
        }
    }

    /// Decides from what the experiment's run recorded.
    pub(super) fn check(self, seen: &Observation) -> Result<Verdict, Reason> {
        let (settings, _) = need_lab(seen, self.experiment())?;
        let q = |kind: LabKind| v(seen, kind);
        let exact = || {
            q(LabKind::ActualMutex) == q(LabKind::Expected)
                && q(LabKind::ActualAtomic) == q(LabKind::Expected)
        };
        Ok(match self {
            LabRule::LostUpdates => {
                if seen.cores <= 1 {
                    return Err(Reason::OneCore);
                }
                if settings.threads <= 1 {
                    return Err(Reason::OneWorker);
                }
                ok(q(LabKind::Lost) > 0.0 && exact())
            }
            LabRule::AtomicFaster => ok(exact() && q(LabKind::MutexOverAtomic) > 1.0),
            LabRule::LockSerializes => {
                if seen.cores <= 1 {
                    return Err(Reason::OneCore);
                }
                if settings.threads <= 1 {
                    return Err(Reason::OneWorker);
                }
                let parallel = f64::from(settings.threads.min(seen.cores));
                let (locked, free) = (q(LabKind::Scaling), q(LabKind::OtherScaling));
                ok(settings.lock_share == 100
                    && locked <= 1.25
                    && free >= (0.6 * parallel).max(1.3))
            }
            LabRule::QueueExactlyOnce => ok(q(LabKind::Missing) == 0.0
                && q(LabKind::Duplicates) == 0.0
                && q(LabKind::Consumed) == q(LabKind::Expected)
                && q(LabKind::Sentinels) == f64::from(settings.consumers)
                && q(LabKind::BlockedFull) > 0.0),
            LabRule::ProcessesIsolated => {
                ok(q(LabKind::Parent) == 0.0 && q(LabKind::FromMessages) == q(LabKind::Expected))
            }
            LabRule::AwaitInside => {
                if settings.threads <= 1 {
                    return Err(Reason::OneWorker);
                }
                ok(q(LabKind::LostBetween) == 0.0
                    && q(LabKind::LostInside) > 0.0
                    && q(LabKind::LostLocked) == 0.0
                    && q(LabKind::LoopConsumed) == q(LabKind::LoopItems))
            }
        })
    }
}
