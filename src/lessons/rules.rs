//! The rules that decide, from the record, whether a run showed what the lecture says, and if
//! not, why not: a mode that could not run here, one core, one worker, one task, a clock too
//! coarse for the effect, or (when nothing else explains it) a machine busy with other work.
//! Thresholds are generous: the machine is shared and noisy, and a lesson should not call a
//! clear effect a failure.

use super::observed::Observation;
use super::quantity::Name;
use crate::engine::ModeResult;
use crate::locks::LocksReport;
use crate::settings::{Experiment, Mode, Settings};

/// Why a run did not show what the lecture says.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// A mode the lesson needs could not run here (the page's reason).
    Unavailable {
        /// The mode.
        mode: Mode,
        /// Why, as the results table says it.
        why: String,
    },
    /// A mode the lesson needs was not among the modes run.
    NotRun {
        /// The mode.
        mode: Mode,
    },
    /// The browser reports one core.
    OneCore,
    /// The run had one worker.
    OneWorker,
    /// The run had one task.
    OneTask,
    /// No more workers than cores, so nothing had to share a core.
    NoOversubscription,
    /// The clock is too coarse for what should be measured.
    CoarseClock,
    /// Nothing in the settings explains it: other work on the machine, most likely.
    Noisy,
}

impl Reason {
    /// Every reason's key in the lessons file.
    pub const KEYS: &'static [&'static str] = &[
        "unavailable",
        "not_run",
        "one_core",
        "one_worker",
        "one_task",
        "no_oversubscription",
        "coarse_clock",
        "noisy",
    ];

    /// This reason's key.
    pub fn key(&self) -> &'static str {
        match self {
            Reason::Unavailable { .. } => "unavailable",
            Reason::NotRun { .. } => "not_run",
            Reason::OneCore => "one_core",
            Reason::OneWorker => "one_worker",
            Reason::OneTask => "one_task",
            Reason::NoOversubscription => "no_oversubscription",
            Reason::CoarseClock => "coarse_clock",
            Reason::Noisy => "noisy",
        }
    }

    /// Whether a key names a reason.
    pub fn from_key(key: &str) -> Option<&'static str> {
        Self::KEYS.iter().copied().find(|k| *k == key)
    }
}

/// Whether a run showed what the lecture says.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// It did.
    pub shown: bool,
    /// If not, why not (most telling first).
    pub reasons: Vec<Reason>,
}

impl Verdict {
    fn shown() -> Self {
        Verdict {
            shown: true,
            reasons: vec![],
        }
    }

    fn not(reason: Reason) -> Self {
        Verdict {
            shown: false,
            reasons: vec![reason],
        }
    }
}

macro_rules! rules {
    ($($variant:ident = $name:literal: $doc:literal),+ $(,)?) => {
        /// A lesson's rule, named in the lessons file.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Rule { $(#[doc = $doc] $variant),+ }

        fn v(seen: &Observation, text: &str) -> f64 {
    value(seen, text).unwrap_or(f64::NAN)
}

fn ok(shown: bool) -> Verdict {
    if shown {
        Verdict::shown()
    } else {
        Verdict::not(Reason::Noisy)
    }
}

impl Rule {
            /// Every rule's name.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The rule with this name.
            pub fn from_name(name: &str) -> Option<Rule> {
                match name { $($name => Some(Rule::$variant),)+ _ => None }
            }
        }
    };
}

rules! {
    SumOfTasks = "sum_of_tasks": "Sequential's wall time is its tasks' durations added up.",
    GilAboutOne = "gil_about_one": "CPU-bound threads under the GIL run about as fast as one thread.",
    ThreadsScale = "threads_scale": "Threads without a GIL speed up with the cores.",
    ProcessesScale = "processes_scale": "Processes speed up with the cores.",
    IoOverlapGil = "io_overlap_gil": "Threads under the GIL overlap their IO waits.",
    IoOverlapCoroutines = "io_overlap_coroutines": "Coroutines on one thread overlap their IO waits.",
    BlockingLoop = "blocking_loop": "A coroutine that never awaits keeps the others waiting far longer (run 1) than one that yields (run 2).",
    SwitchInterval = "switch_interval": "A longer switch interval (runs 1, 2, 3) means fewer hand-overs, about the same total.",
    OldGilSlower = "old_gil_slower": "On several cores the old GIL (run 2) is slower than one thread.",
    Convoy = "convoy": "The task that waits often takes much longer beside computing threads under the GIL than alone.",
    Contention = "contention": "More workers than cores (run 2) give no more speedup than one per core (run 1); each task takes longer.",
    Imbalance = "imbalance": "Uneven tasks handed out in order cap the pool's speedup below the workers.",
    MainThreadFreezes = "main_thread_freezes": "Computing on the page's main thread (run 1) freezes it for the whole run; in a worker (run 2) it does not.",
    LostUpdates = "lost_updates": "Locks lab, counters: the unsynchronized counter loses updates; the mutex and the atomic add are exact.",
    AtomicFaster = "atomic_faster": "Locks lab, counters: both exact counters are exact, and the atomic add takes less time per increment than the mutex.",
    LockSerializes = "lock_serializes": "Locks lab, contention: with every step inside the lock, more threads do no more steps per ms; with none inside, they do.",
    QueueExactlyOnce = "queue_exactly_once": "Locks lab, queue: every item is consumed exactly once, each consumer takes its sentinel, and producers were blocked on the full queue.",
    ProcessesIsolated = "processes_isolated": "Locks lab, processes: the parent's counter stays 0; the counts sent back add up to the total.",
    AwaitInside = "await_inside": "Locks lab, coroutines: no update is lost unless an await sits inside the update, asyncio.Lock makes that exact again, and the queue on the same loop delivers every item.",
}

/// A mode's outcome in run `run`, or why it is missing.
fn need(seen: &Observation, run: usize, mode: Mode) -> Result<&ModeResult, Reason> {
    let outcome = seen.run(run).ok_or(Reason::NotRun { mode })?;
    if let Some(why) = outcome.failure(mode) {
        return Err(Reason::Unavailable {
            mode,
            why: why.to_owned(),
        });
    }
    outcome.mode_run(mode).ok_or(Reason::NotRun { mode })
}

fn value(seen: &Observation, text: &str) -> Option<f64> {
    Name::parse(text, seen.runs.len()).and_then(|n| n.value(seen))
}

fn structural(seen: &Observation, m: &ModeResult, cores_matter: bool) -> Option<Reason> {
    let s = &m.record.settings;
    if cores_matter && seen.cores <= 1 {
        Some(Reason::OneCore)
    } else if s.workers <= 1 {
        Some(Reason::OneWorker)
    } else if s.tasks <= 1 {
        Some(Reason::OneTask)
    } else {
        None
    }
}

/// The locks lab's report of run 1, or why it is missing: the experiment could not run here
/// (its units' mode failed), or did not run.
fn need_lab(
    seen: &Observation,
    experiment: Experiment,
) -> Result<(&Settings, &LocksReport), Reason> {
    let mode = crate::locks::plan::units_mode(experiment);
    let outcome = seen.run(0).ok_or(Reason::NotRun { mode })?;
    if let Some((mode, why)) = outcome.failures.first() {
        return Err(Reason::Unavailable {
            mode: *mode,
            why: why.clone(),
        });
    }
    let locks = outcome.locks.as_ref().ok_or(Reason::NotRun { mode })?;
    Ok((&locks.0, &locks.1))
}

impl Rule {
    /// The locks lab's experiment this rule judges (`None`: a rule of the main lab's modes).
    pub fn experiment(self) -> Option<Experiment> {
        Some(match self {
            Rule::LostUpdates | Rule::AtomicFaster => Experiment::Counters,
            Rule::LockSerializes => Experiment::Contention,
            Rule::QueueExactlyOnce => Experiment::Queue,
            Rule::ProcessesIsolated => Experiment::Processes,
            Rule::AwaitInside => Experiment::Coroutines,
            _ => return None,
        })
    }

    /// Decides from what the runs recorded.
    pub fn verdict(self, seen: &Observation) -> Verdict {
        match self.check(seen) {
            Ok(v) => v,
            Err(reason) => Verdict::not(reason),
        }
    }

    fn check(self, seen: &Observation) -> Result<Verdict, Reason> {
        match self {
            Rule::SumOfTasks
            | Rule::GilAboutOne
            | Rule::ThreadsScale
            | Rule::ProcessesScale
            | Rule::IoOverlapGil
            | Rule::IoOverlapCoroutines => self.check_speedup(seen),
            Rule::BlockingLoop | Rule::SwitchInterval | Rule::OldGilSlower => self.check_runs(seen),
            Rule::LostUpdates
            | Rule::AtomicFaster
            | Rule::LockSerializes
            | Rule::QueueExactlyOnce
            | Rule::ProcessesIsolated
            | Rule::AwaitInside => self.check_lab(seen),
            _ => self.check_more(seen),
        }
    }

    /// The rules on one run's speedups.
    fn check_speedup(self, seen: &Observation) -> Result<Verdict, Reason> {
        let seq = need(seen, 0, Mode::Sequential);
        Ok(match self {
            Rule::SumOfTasks => {
                seq?;
                ok(v(seen, "task_sum.sequential") >= 0.95 * v(seen, "wall.sequential"))
            }
            Rule::GilAboutOne => {
                seq?;
                let gil = need(seen, 0, Mode::Gil)?;
                if gil.record.settings.workers <= 1 {
                    return Err(Reason::OneWorker);
                }
                ok(v(seen, "speedup.gil") <= 1.25)
            }
            Rule::ThreadsScale | Rule::ProcessesScale => {
                seq?;
                let (mode, name) = match self {
                    Rule::ThreadsScale => (Mode::Threads, "speedup.threads"),
                    _ => (Mode::Processes, "speedup.processes"),
                };
                let m = need(seen, 0, mode)?;
                if let Some(reason) = structural(seen, m, true) {
                    return Err(reason);
                }
                let s = &m.record.settings;
                let parallel = s.workers.min(seen.cores).min(s.tasks);
                ok(v(seen, name) >= (0.6 * f64::from(parallel)).max(1.3))
            }
            Rule::IoOverlapGil | Rule::IoOverlapCoroutines => {
                seq?;
                let (mode, name) = match self {
                    Rule::IoOverlapGil => (Mode::Gil, "speedup.gil"),
                    _ => (Mode::Coroutines, "speedup.coroutines"),
                };
                let m = need(seen, 0, mode)?;
                let s = &m.record.settings;
                let units = if mode == Mode::Coroutines {
                    s.tasks
                } else {
                    s.workers.min(s.tasks)
                };
                if mode == Mode::Gil && s.workers <= 1 {
                    return Err(Reason::OneWorker);
                }
                if s.tasks <= 1 {
                    return Err(Reason::OneTask);
                }
                ok(v(seen, name) >= 0.5 * f64::from(units))
            }
            _ => unreachable!("{self:?} is checked elsewhere"),
        })
    }

    /// The rules that compare runs of one mode.
    fn check_runs(self, seen: &Observation) -> Result<Verdict, Reason> {
        let seq = need(seen, 0, Mode::Sequential);
        Ok(match self {
            Rule::BlockingLoop => {
                let first = need(seen, 0, Mode::Coroutines)?;
                need(seen, 1, Mode::Coroutines)?;
                if first.record.settings.tasks <= 1 {
                    return Err(Reason::OneTask);
                }
                let (blocked, yielding) = (
                    v(seen, "ready_max.coroutines@1"),
                    v(seen, "ready_max.coroutines@2"),
                );
                if blocked < 20.0 * first.record.timer_resolution_ms {
                    return Err(Reason::CoarseClock);
                }
                ok(blocked >= 3.0 * yielding)
            }
            Rule::SwitchInterval => {
                let first = need(seen, 0, Mode::Gil)?;
                need(seen, 1, Mode::Gil)?;
                need(seen, 2, Mode::Gil)?;
                if let Some(reason) = structural(seen, first, false) {
                    return Err(reason);
                }
                let rates: Vec<f64> = (1..=3)
                    .map(|r| v(seen, &format!("switches_per_s.gil@{r}")))
                    .collect();
                let walls: Vec<f64> = (1..=3).map(|r| v(seen, &format!("wall.gil@{r}"))).collect();
                let (low, high) = walls
                    .iter()
                    .fold((f64::INFINITY, 0.0f64), |(l, h), w| (l.min(*w), h.max(*w)));
                ok(rates[0] > rates[1] && rates[1] > rates[2] && high <= 1.3 * low)
            }
            Rule::OldGilSlower => {
                seq?;
                let new = need(seen, 0, Mode::Gil)?;
                need(seen, 1, Mode::Gil)?;
                if let Some(reason) = structural(seen, new, true) {
                    return Err(reason);
                }
                let old = v(seen, "speedup_vs_first.gil@2");
                ok(old < 1.0 && old < v(seen, "speedup.gil"))
            }
            _ => unreachable!("{self:?} is checked elsewhere"),
        })
    }

    /// The rules on what the timeline shows.
    fn check_more(self, seen: &Observation) -> Result<Verdict, Reason> {
        let seq = need(seen, 0, Mode::Sequential);
        Ok(match self {
            Rule::Convoy => {
                seq?;
                let gil = need(seen, 0, Mode::Gil)?;
                if let Some(reason) = structural(seen, gil, false) {
                    return Err(reason);
                }
                ok(v(seen, "io_task.gil") >= 1.5 * v(seen, "io_task.sequential"))
            }
            Rule::Contention => {
                seq?;
                need(seen, 0, Mode::Threads)?;
                let many = need(seen, 1, Mode::Threads)?;
                let s = &many.record.settings;
                if s.workers.min(s.tasks) <= seen.cores {
                    return Err(Reason::NoOversubscription);
                }
                let gain = v(seen, "speedup_vs_first.threads@2") / v(seen, "speedup.threads");
                ok(gain <= 1.2
                    && v(seen, "mean_task.threads@2") >= 1.5 * v(seen, "mean_task.threads@1"))
            }
            Rule::Imbalance => {
                let seq = seq?;
                let pooled = [Mode::Threads, Mode::Processes]
                    .into_iter()
                    .filter_map(|m| need(seen, 0, m).ok())
                    .map(|m| m.record.mode)
                    .next();
                let Some(mode) = pooled else {
                    need(seen, 0, Mode::Threads)?;
                    return Err(Reason::NotRun {
                        mode: Mode::Processes,
                    });
                };
                if seq.record.settings.workers <= 1 {
                    return Err(Reason::OneWorker);
                }
                if value(seen, "imbalance_bound.sequential").is_none() {
                    let coarse =
                        v(seen, "mean_task.sequential") < 50.0 * seq.record.timer_resolution_ms;
                    return Err(if coarse {
                        Reason::CoarseClock
                    } else {
                        Reason::Noisy
                    });
                }
                ok(v(seen, &format!("speedup.{}", mode.name()))
                    <= 1.1 * v(seen, "imbalance_bound.sequential"))
            }
            Rule::MainThreadFreezes => {
                let main = seq?;
                need(seen, 1, Mode::Sequential)?;
                let frozen = v(seen, "frame_gap.sequential@1");
                ok(main.record.on_main_thread
                    && frozen >= 0.8 * v(seen, "wall.sequential@1")
                    && v(seen, "frame_gap.sequential@2") < 0.5 * frozen)
            }
            _ => unreachable!("{self:?} is checked elsewhere"),
        })
    }

    /// The rules of the locks lab's experiments.
    fn check_lab(self, seen: &Observation) -> Result<Verdict, Reason> {
        let experiment = self.experiment().expect("a rule of the locks lab");
        let (settings, _) = need_lab(seen, experiment)?;
        let exact = |seen: &Observation| {
            v(seen, "lab.actual_mutex") == v(seen, "lab.expected")
                && v(seen, "lab.actual_atomic") == v(seen, "lab.expected")
        };
        Ok(match self {
            Rule::LostUpdates => {
                if seen.cores <= 1 {
                    return Err(Reason::OneCore);
                }
                if settings.threads <= 1 {
                    return Err(Reason::OneWorker);
                }
                ok(v(seen, "lab.lost") > 0.0 && exact(seen))
            }
            Rule::AtomicFaster => ok(exact(seen) && v(seen, "lab.mutex_over_atomic") > 1.0),
            Rule::LockSerializes => {
                if seen.cores <= 1 {
                    return Err(Reason::OneCore);
                }
                if settings.threads <= 1 {
                    return Err(Reason::OneWorker);
                }
                let parallel = f64::from(settings.threads.min(seen.cores));
                let (locked, free) = (v(seen, "lab.scaling"), v(seen, "lab.other_scaling"));
                ok(settings.lock_share == 100
                    && locked <= 1.25
                    && free >= (0.6 * parallel).max(1.3))
            }
            Rule::QueueExactlyOnce => ok(v(seen, "lab.missing") == 0.0
                && v(seen, "lab.duplicates") == 0.0
                && v(seen, "lab.consumed") == v(seen, "lab.expected")
                && v(seen, "lab.sentinels") == f64::from(settings.consumers)
                && v(seen, "lab.blocked_full") > 0.0),
            Rule::ProcessesIsolated => ok(v(seen, "lab.parent") == 0.0
                && v(seen, "lab.from_messages") == v(seen, "lab.expected")),
            Rule::AwaitInside => {
                if settings.threads <= 1 {
                    return Err(Reason::OneWorker);
                }
                ok(v(seen, "lab.lost_between") == 0.0
                    && v(seen, "lab.lost_inside") > 0.0
                    && v(seen, "lab.lost_locked") == 0.0
                    && v(seen, "lab.loop_consumed") == v(seen, "lab.loop_items"))
            }
            _ => unreachable!("{self:?} is checked elsewhere"),
        })
    }
}
