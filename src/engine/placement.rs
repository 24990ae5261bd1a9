//! Where a mode runs, decided once from the mode and the settings: on the page's own main
//! thread, in one unit worker (alone, or with a pool of threads over its memory), or in one
//! unit worker per process fed by the page. `web` carries the decision out and never makes it.

use crate::model::gil::{Gil, GilClock};
use crate::settings::{GilVersion, Mode, Settings};
use serde::{Deserialize, Serialize};

/// How a single thread runs the whole plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OneThread {
    /// The tasks one after another (Sequential).
    InOrder,
    /// Every task as a coroutine on one event loop (Coroutines).
    EventLoop {
        /// Compute steps between awaits; 0 never yields.
        yield_every: u32,
    },
}

/// The GIL a pool models, with its parameters from the settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GilParams {
    /// New (3.2+) or old (Python 2).
    pub version: GilVersion,
    /// The new GIL's switch interval, ms.
    pub switch_ms: f64,
    /// The old GIL's check interval, in steps.
    pub ticks: u32,
}

impl GilParams {
    /// A fresh lock with these parameters, whose waiters read `clock` (the engine's
    /// [`PlatformClock`](super::platform::PlatformClock) in the browser).
    pub fn lock(self, clock: Box<dyn GilClock>) -> Gil {
        Gil::with_clock(self.version, self.switch_ms, self.ticks, clock)
    }
}

/// What one unit worker does with the whole plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum UnitJob {
    /// Runs it on its own thread.
    Thread(OneThread),
    /// Starts a rayon pool of `threads` threads sharing its memory, and runs it there.
    Pool {
        /// Pool threads (the `workers` setting).
        threads: u32,
        /// The GIL every thread must hold to compute, for Threads + GIL.
        gil: Option<GilParams>,
    },
}

impl UnitJob {
    /// The unit's name on the timeline (a pool's lanes are its threads, named apart).
    pub fn label(self) -> &'static str {
        match self {
            UnitJob::Thread(OneThread::InOrder) => "worker",
            UnitJob::Thread(OneThread::EventLoop { .. }) => "event loop",
            UnitJob::Pool { .. } => "pool",
        }
    }

    /// The pool threads the unit starts before it says it is ready, if any.
    pub fn pool_threads(self) -> Option<u32> {
        match self {
            UnitJob::Thread(_) => None,
            UnitJob::Pool { threads, .. } => Some(threads),
        }
    }

    /// Whether the unit warms up on a task before it says it is ready. A pool does not: each
    /// of its threads warms up at the start of the run (`engine::threads`), drawn on its lane.
    pub fn warms_up_when_preparing(self) -> bool {
        matches!(self, UnitJob::Thread(_))
    }
}

/// Where a mode runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Placement {
    /// On the page's own main thread, which freezes while it computes (`main_thread=1`).
    MainThread(OneThread),
    /// In one unit worker.
    OneUnit(UnitJob),
    /// In this many unit workers, each a process served one task at a time by the page,
    /// which acts as the parent (see `engine::parent`).
    UnitPerProcess {
        /// How many processes (the `workers` setting).
        processes: u32,
    },
    /// On the GPU, through WebGPU: the page submits dispatches and awaits them, so its main
    /// thread does not block (`gpu::GpuRun`).
    Gpu,
}

/// Where `mode` runs with these settings.
pub fn place(mode: Mode, settings: &Settings) -> Placement {
    let one_thread = |how: OneThread| {
        if settings.main_thread {
            Placement::MainThread(how)
        } else {
            Placement::OneUnit(UnitJob::Thread(how))
        }
    };
    match mode {
        Mode::Sequential => one_thread(OneThread::InOrder),
        Mode::Coroutines => one_thread(OneThread::EventLoop {
            yield_every: settings.yield_every,
        }),
        Mode::Threads => Placement::OneUnit(UnitJob::Pool {
            threads: settings.workers,
            gil: None,
        }),
        Mode::Gil => Placement::OneUnit(UnitJob::Pool {
            threads: settings.workers,
            gil: Some(GilParams {
                version: settings.gil,
                switch_ms: settings.switch_ms,
                ticks: settings.ticks,
            }),
        }),
        Mode::Processes => Placement::UnitPerProcess {
            processes: settings.workers,
        },
        Mode::Gpu => Placement::Gpu,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placement_agrees_with_what_each_mode_says_it_needs() {
        for main_thread in [false, true] {
            let mut settings = Settings::defaults(4);
            settings.main_thread = main_thread;
            for &mode in Mode::ALL {
                let placement = place(mode, &settings);
                let pool = matches!(placement, Placement::OneUnit(UnitJob::Pool { .. }));
                assert_eq!(pool, mode.needs_shared_memory(), "{mode}");
                let on_page = matches!(placement, Placement::MainThread(_));
                assert_eq!(
                    on_page,
                    main_thread && mode.can_run_on_main_thread(),
                    "{mode}"
                );
                let sized = match placement {
                    Placement::OneUnit(UnitJob::Pool { threads, .. }) => Some(threads),
                    Placement::UnitPerProcess { processes } => Some(processes),
                    _ => None,
                };
                assert_eq!(sized.is_some(), mode.uses_workers(), "{mode}");
                assert!(sized.is_none_or(|n| n == 4));
            }
        }
    }

    #[test]
    fn the_settings_of_a_mode_reach_its_unit() {
        let mut settings = Settings::defaults(2);
        settings.yield_every = 7;
        settings.gil = GilVersion::Old;
        settings.ticks = 3;
        assert_eq!(
            place(Mode::Coroutines, &settings),
            Placement::OneUnit(UnitJob::Thread(OneThread::EventLoop { yield_every: 7 }))
        );
        let Placement::OneUnit(job) = place(Mode::Gil, &settings) else {
            panic!("Threads + GIL runs in one unit");
        };
        let gil = match job {
            UnitJob::Pool { gil: Some(gil), .. } => gil,
            other => panic!("not a pool with a GIL: {other:?}"),
        };
        assert_eq!((gil.version, gil.ticks), (GilVersion::Old, 3));
        assert_eq!(job.pool_threads(), Some(2));
        assert!(!job.warms_up_when_preparing());
        let sequential = UnitJob::Thread(OneThread::InOrder);
        assert!(sequential.warms_up_when_preparing());
        assert_eq!(sequential.label(), "worker");
    }
}
