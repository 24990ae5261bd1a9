//! The table of settings. Each row is one setting: its [`Key`] and the one name it has in the
//! form, the URL and exports; its label and unit; what text it accepts together with the field
//! of [`Settings`](super::Settings) it reads and writes; the part of the page it belongs to; and
//! its meaning. Adding a setting is its field, its default and one row here: the compiler
//! catches every `match` on [`Key`] that must learn of it.

use super::accepts::Accepts;
use super::names::{Experiment, GilVersion, Mode, Precision, Split, WorkloadKind, named_enum};

/// Which part of the page a setting belongs to, and so when the form shows it and a link
/// carries it.
#[derive(Clone, Copy)]
pub enum Scope {
    /// Applies to every run.
    General,
    /// Belongs to these workloads, and means nothing to the others (links leave it out).
    Workloads(&'static [WorkloadKind]),
    /// Changes how the modes for which this is true run.
    Modes(fn(Mode) -> bool),
    /// Changes how Threads + GIL runs, with this GIL only.
    Gil(GilVersion),
    /// Belongs to the locks lab (`lab=locks`), for these experiments; the main lab's links
    /// and form leave it out.
    Locks(&'static [Experiment]),
}

impl Scope {
    /// Whether a setting of this scope means something to this workload (whether a link
    /// carries it).
    pub fn matters_to(self, workload: WorkloadKind) -> bool {
        match self {
            Scope::Workloads(kinds) => kinds.contains(&workload),
            Scope::General | Scope::Modes(_) | Scope::Gil(_) => true,
            Scope::Locks(_) => false,
        }
    }

    /// Whether a setting of this scope belongs to the locks lab's `experiment` (whether the
    /// lab's form shows it and its link carries it).
    pub fn in_locks_lab(self, experiment: Experiment) -> bool {
        match self {
            Scope::Locks(experiments) => experiments.contains(&experiment),
            _ => false,
        }
    }

    /// Whether a setting of this scope changes a run of these modes with this GIL (whether the
    /// form shows it). Workload settings answer false: the form shows those by workload.
    pub fn changes(self, modes: &[Mode], gil: GilVersion) -> bool {
        match self {
            Scope::General | Scope::Workloads(_) | Scope::Locks(_) => false,
            Scope::Modes(applies) => modes.iter().any(|&m| applies(m)),
            Scope::Gil(version) => modes.contains(&Mode::Gil) && gil == version,
        }
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct SettingSpec {
    /// Which setting.
    pub key: Key,
    /// The label next to the field.
    pub label: &'static str,
    /// The unit of the value, or "" when it has none.
    pub unit: &'static str,
    /// What text it accepts, and its field.
    pub accepts: Accepts,
    /// Where it belongs.
    pub scope: Scope,
    /// A one-line meaning, shown under the field.
    pub meaning: &'static str,
}

impl SettingSpec {
    /// The name in the form, the URL and exports.
    pub fn name(&self) -> &'static str {
        self.key.name()
    }
}

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::General => f.write_str("General"),
            Scope::Workloads(kinds) => write!(f, "Workloads({kinds:?})"),
            Scope::Modes(applies) => {
                let modes: Vec<Mode> = Mode::ALL.iter().copied().filter(|&m| applies(m)).collect();
                write!(f, "Modes({modes:?})")
            }
            Scope::Gil(version) => write!(f, "Gil({version})"),
            Scope::Locks(experiments) => write!(f, "Locks({experiments:?})"),
        }
    }
}

/// The largest Mandelbrot image, in pixels (16 MB of iteration counts).
pub const MAX_PIXELS: u64 = 4_000_000;

const SEEDED_WORKLOADS: &[WorkloadKind] = &[
    WorkloadKind::Hashes,
    WorkloadKind::Downloads,
    WorkloadKind::Mixed,
    WorkloadKind::Convoy,
];

const ALL_EXPERIMENTS: &[Experiment] = Experiment::ALL;

const THREADED_EXPERIMENTS: &[Experiment] = &[
    Experiment::Counters,
    Experiment::Contention,
    Experiment::Processes,
    Experiment::Coroutines,
];

/// A whole-number setting stored in `Settings::$field`.
macro_rules! whole {
    ($field:ident, $min:expr, $max:expr) => {
        Accepts::Whole {
            min: $min,
            max: $max,
            get: |s| s.$field,
            set: |s, v| s.$field = v,
        }
    };
}

/// A choice among a named enum's values, stored in `Settings::$field`.
macro_rules! choice {
    ($field:ident: $kind:ty) => {
        Accepts::OneOf {
            names: <$kind>::NAMES,
            get: |s| s.$field.name(),
            set: |s, text| <$kind>::from_name(text).map(|v| s.$field = v).is_some(),
        }
    };
}

/// Defines [`Key`] (through `named_enum!`) and [`Key::spec`] from the rows, so a key cannot
/// lack its row.
macro_rules! settings_table {
    ($($key:ident = $name:literal {
        label: $label:expr, unit: $unit:expr, accepts: $accepts:expr, scope: $scope:expr,
        meaning: $meaning:literal $(,)?
    }),+ $(,)?) => {
        named_enum! {
            /// A setting, in the order of the form.
            Key { $(#[doc = $meaning] $key = $name),+ }
        }

        impl Key {
            /// This setting's row of the table.
            pub fn spec(self) -> SettingSpec {
                match self {
                    $(Key::$key => SettingSpec {
                        key: Key::$key, label: $label, unit: $unit, accepts: $accepts,
                        scope: $scope, meaning: $meaning,
                    },)+
                }
            }
        }
    };
}

settings_table! {
    Workload = "workload" {
        label: "Workload", unit: "", accepts: choice!(workload: WorkloadKind),
        scope: Scope::General, meaning: "what each task computes or waits for",
    },
    Tasks = "tasks" {
        label: "Tasks", unit: "", accepts: whole!(tasks, 1, 1000), scope: Scope::General,
        meaning: "how many tasks the work is split into",
    },
    Limit = "limit" {
        label: "Primes below", unit: "", accepts: whole!(limit, 2, 100_000_000),
        scope: Scope::Workloads(&[WorkloadKind::Primes]),
        meaning: "count the primes below this number",
    },
    Width = "width" {
        label: "Width", unit: "px", accepts: whole!(width, 8, 4000),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "image width in pixels",
    },
    Height = "height" {
        label: "Height", unit: "px", accepts: whole!(height, 8, 4000),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "image height in pixels; the tasks are bands of rows",
    },
    Iterations = "iterations" {
        label: "Iterations", unit: "", accepts: whole!(iterations, 1, 100_000),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "the most iterations per pixel before it counts as inside the set",
    },
    Precision = "precision" {
        label: "Floats", unit: "", accepts: choice!(precision: Precision),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "the floats the pixels are computed in: f64 (Python's float) or f32 (what a GPU computes in)",
    },
    Chains = "chains" {
        label: "Chains", unit: "", accepts: whole!(chains, 1, 100_000),
        scope: Scope::Workloads(&[WorkloadKind::Hashes]),
        meaning: "how many independent hash chains",
    },
    Rounds = "rounds" {
        label: "Rounds", unit: "", accepts: whole!(rounds, 1, 10_000_000),
        scope: Scope::Workloads(&[WorkloadKind::Hashes]),
        meaning: "SHA-256 applications per chain",
    },
    Numbers = "numbers" {
        label: "Numbers", unit: "", accepts: whole!(numbers, 1, 100_000_000),
        scope: Scope::Workloads(&[WorkloadKind::Collatz]),
        meaning: "sum the Collatz steps of 1 up to this number",
    },
    Split = "split" {
        label: "Split", unit: "", accepts: choice!(split: Split),
        scope: Scope::Workloads(&[WorkloadKind::Collatz]),
        meaning: "even: equal ranges; uneven: task k gets k times the numbers of task 1",
    },
    LatencyMs = "latency_ms" {
        label: "Latency", unit: "ms", accepts: whole!(latency_ms, 0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Downloads]),
        meaning: "how long each download waits for the network",
    },
    JitterMs = "jitter_ms" {
        label: "Jitter", unit: "ms", accepts: whole!(jitter_ms, 0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Downloads]),
        meaning: "up to this much extra wait, drawn from the seed",
    },
    IoMs = "io_ms" {
        label: "IO wait", unit: "ms", accepts: whole!(io_ms, 0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Mixed]),
        meaning: "how long each task waits before computing",
    },
    CpuMs = "cpu_ms" {
        label: "CPU work", unit: "ms", accepts: whole!(cpu_ms, 0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Mixed, WorkloadKind::Convoy]),
        meaning: "how much computing each task does, calibrated on this machine (convoy: each task but the first)",
    },
    Waits = "waits" {
        label: "Waits", unit: "", accepts: whole!(waits, 1, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Convoy]),
        meaning: "how many times the first task waits for IO, with a little work after each wait",
    },
    WaitMs = "wait_ms" {
        label: "Each wait", unit: "ms", accepts: whole!(wait_ms, 0, 1000),
        scope: Scope::Workloads(&[WorkloadKind::Convoy]),
        meaning: "how long each of those waits is",
    },
    Seed = "seed" {
        label: "Seed", unit: "", accepts: whole!(seed, 0, u32::MAX),
        scope: Scope::Workloads(SEEDED_WORKLOADS),
        meaning: "makes the hash inputs, payloads and jitter reproducible",
    },
    Modes = "modes" {
        label: "Modes", unit: "", accepts: super::accepts::MODES, scope: Scope::General,
        meaning: "the execution models to run and compare",
    },
    Workers = "workers" {
        label: "Workers", unit: "", accepts: whole!(workers, 1, 64),
        scope: Scope::Modes(Mode::uses_workers),
        meaning: "threads or processes in the pool",
    },
    Gil = "gil" {
        label: "GIL", unit: "", accepts: choice!(gil: GilVersion),
        scope: Scope::Modes(|m| m == Mode::Gil),
        meaning: "new: CPython 3.2+ with forced switching; old: Python 2's check interval",
    },
    SwitchMs = "switch_ms" {
        label: "Switch interval", unit: "ms",
        accepts: Accepts::Decimal {
            min: 0.1, max: 1000.0, get: |s| s.switch_ms, set: |s, v| s.switch_ms = v,
        },
        scope: Scope::Gil(GilVersion::New),
        meaning: "how long a thread waits before asking the GIL's holder to let go",
    },
    Ticks = "ticks" {
        label: "Check interval", unit: "steps", accepts: whole!(ticks, 1, 100_000),
        scope: Scope::Gil(GilVersion::Old),
        meaning: "the old GIL releases and retakes the lock every this many steps; a step is tens of µs, so 1 is nearest Python 2's 100 bytecodes",
    },
    YieldEvery = "yield_every" {
        label: "Yield every", unit: "steps", accepts: whole!(yield_every, 0, 1_000_000),
        scope: Scope::Modes(|m| m == Mode::Coroutines),
        meaning: "a coroutine awaits after this many compute steps; 0 means never",
    },
    MainThread = "main_thread" {
        label: "On the page's main thread", unit: "",
        accepts: Accepts::Flag { get: |s| s.main_thread, set: |s, v| s.main_thread = v },
        scope: Scope::Modes(Mode::can_run_on_main_thread),
        meaning: "when on (1), Sequential and Coroutines run on the page itself, which freezes it while they compute",
    },
    Experiment = "experiment" {
        label: "Experiment", unit: "", accepts: choice!(experiment: Experiment),
        scope: Scope::Locks(ALL_EXPERIMENTS),
        meaning: "counters: lost updates; contention: throughput against threads; queue: producers and consumers; processes and coroutines: the counter in each",
    },
    Threads = "threads" {
        label: "Threads", unit: "", accepts: whole!(threads, 1, 16),
        scope: Scope::Locks(THREADED_EXPERIMENTS),
        meaning: "threads sharing the counter (processes or coroutines in those experiments); contention sweeps from 1 to twice this",
    },
    Increments = "increments" {
        label: "Increments", unit: "per thread", accepts: whole!(increments, 1, 10_000_000),
        scope: Scope::Locks(&[Experiment::Counters, Experiment::Processes, Experiment::Coroutines]),
        meaning: "how many times each thread adds 1 to the shared counter",
    },
    LockShare = "lock_share" {
        label: "Share inside the lock", unit: "%", accepts: whole!(lock_share, 0, 100),
        scope: Scope::Locks(&[Experiment::Contention]),
        meaning: "how much of each step is done while holding the lock; the plot also shows the other end (0% or 100%)",
    },
    Steps = "steps" {
        label: "Steps", unit: "", accepts: whole!(steps, 1, 1_000_000),
        scope: Scope::Locks(&[Experiment::Contention]),
        meaning: "steps of work (about 0.3 ms each) in all, split among the threads",
    },
    Producers = "producers" {
        label: "Producers", unit: "", accepts: whole!(producers, 1, 8),
        scope: Scope::Locks(&[Experiment::Queue]),
        meaning: "threads putting items into the queue",
    },
    Consumers = "consumers" {
        label: "Consumers", unit: "", accepts: whole!(consumers, 1, 8),
        scope: Scope::Locks(&[Experiment::Queue]),
        meaning: "threads taking items out; each stops at its own sentinel",
    },
    Capacity = "capacity" {
        label: "Capacity", unit: "items", accepts: whole!(capacity, 1, 100_000),
        scope: Scope::Locks(&[Experiment::Queue]),
        meaning: "the most items the queue holds; a producer waits while it is full",
    },
    Items = "items" {
        label: "Items", unit: "", accepts: whole!(items, 1, 1_000_000),
        scope: Scope::Locks(&[Experiment::Queue]),
        meaning: "items produced in all, each to be consumed exactly once",
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_its_own_row_and_name() {
        for &key in Key::ALL {
            assert_eq!(key.spec().key, key);
            assert_eq!(Key::from_name(key.spec().name()), Some(key));
        }
        assert_eq!(Key::from_name("nope"), None);
    }

    #[test]
    fn descriptions_read_well() {
        assert_eq!(
            Key::Workers.spec().accepts.describe(),
            "a whole number from 1 to 64"
        );
        assert_eq!(Key::Gil.spec().accepts.describe(), "one of new, old");
    }

    #[test]
    fn scopes_say_which_modes_and_workloads_a_setting_changes() {
        let gil = GilVersion::New;
        let workers = Key::Workers.spec().scope;
        assert!(workers.changes(&[Mode::Processes], gil));
        assert!(!workers.changes(&[Mode::Sequential, Mode::Coroutines], gil));
        assert!(Key::SwitchMs.spec().scope.changes(&[Mode::Gil], gil));
        assert!(!Key::Ticks.spec().scope.changes(&[Mode::Gil], gil));
        assert!(
            !Key::Ticks
                .spec()
                .scope
                .changes(&[Mode::Threads], GilVersion::Old)
        );
        assert!(Key::Seed.spec().scope.matters_to(WorkloadKind::Mixed));
        assert!(!Key::Seed.spec().scope.matters_to(WorkloadKind::Primes));
        assert!(!Key::Limit.spec().scope.changes(&[Mode::Threads], gil));
    }
}
