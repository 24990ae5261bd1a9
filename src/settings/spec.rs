//! The table of settings: for each, its one name (form, URL, exports), a label, its unit, what
//! it accepts, which part of the page it belongs to, and a one-line meaning.

use super::names::{GilVersion, Mode, Split, WorkloadKind};
use crate::model::format::group_thousands;

/// What text a setting accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Accepts {
    /// A whole number in a range (inclusive).
    Whole {
        /// The smallest accepted value.
        min: u64,
        /// The largest accepted value.
        max: u64,
    },
    /// A decimal number in a range (inclusive).
    Decimal {
        /// The smallest accepted value.
        min: f64,
        /// The largest accepted value.
        max: f64,
    },
    /// One of these names.
    OneOf(&'static [&'static str]),
    /// A comma-separated list of at least one of these names.
    ListOf(&'static [&'static str]),
    /// `0` or `1`.
    Flag,
}

impl Accepts {
    /// What is accepted, as the end of a sentence: "a whole number from 1 to 64".
    pub fn describe(&self) -> String {
        match *self {
            Accepts::Whole { min, max } => {
                format!(
                    "a whole number from {} to {}",
                    group_thousands(min),
                    group_thousands(max)
                )
            }
            Accepts::Decimal { min, max } => format!("a number from {min} to {max}"),
            Accepts::OneOf(names) => format!("one of {}", names.join(", ")),
            Accepts::ListOf(names) => {
                format!(
                    "a comma-separated list of one or more of {}",
                    names.join(", ")
                )
            }
            Accepts::Flag => "0 or 1".to_owned(),
        }
    }
}

/// Which part of the page a setting belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scope {
    /// Applies to every run.
    General,
    /// Belongs to these workloads, and means nothing to the others.
    Workloads(&'static [WorkloadKind]),
    /// Changes how some modes run.
    Modes(&'static [Mode]),
}

impl Scope {
    /// Whether a setting of this scope means something to this workload.
    pub fn matters_to(self, workload: WorkloadKind) -> bool {
        match self {
            Scope::Workloads(kinds) => kinds.contains(&workload),
            Scope::General | Scope::Modes(_) => true,
        }
    }
}

/// One setting.
#[derive(Clone, Copy, Debug)]
pub struct SettingSpec {
    /// The name in the form, the URL and exports.
    pub name: &'static str,
    /// The label next to the field.
    pub label: &'static str,
    /// The unit of the value, or "" when it has none.
    pub unit: &'static str,
    /// What the setting accepts.
    pub accepts: Accepts,
    /// Where the setting belongs.
    pub scope: Scope,
    /// A one-line meaning.
    pub meaning: &'static str,
}

/// The largest Mandelbrot image, in pixels (16 MB of iteration counts).
pub const MAX_PIXELS: u64 = 4_000_000;

const THREAD_MODES: &[Mode] = &[Mode::Threads, Mode::Gil, Mode::Processes];
const GIL_MODES: &[Mode] = &[Mode::Gil];
const LOOP_MODES: &[Mode] = &[Mode::Coroutines];
const MAIN_THREAD_MODES: &[Mode] = &[Mode::Sequential, Mode::Coroutines];
const SEEDED_WORKLOADS: &[WorkloadKind] = &[
    WorkloadKind::Hashes,
    WorkloadKind::Downloads,
    WorkloadKind::Mixed,
];

const fn whole(min: u64, max: u64) -> Accepts {
    Accepts::Whole { min, max }
}

/// Every setting, in the order of the form.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        name: "workload",
        label: "Workload",
        unit: "",
        accepts: Accepts::OneOf(WorkloadKind::NAMES),
        scope: Scope::General,
        meaning: "what each task computes or waits for",
    },
    SettingSpec {
        name: "tasks",
        label: "Tasks",
        unit: "",
        accepts: whole(1, 1000),
        scope: Scope::General,
        meaning: "how many tasks the work is split into",
    },
    SettingSpec {
        name: "limit",
        label: "Primes below",
        unit: "",
        accepts: whole(2, 100_000_000),
        scope: Scope::Workloads(&[WorkloadKind::Primes]),
        meaning: "count the primes below this number",
    },
    SettingSpec {
        name: "width",
        label: "Width",
        unit: "px",
        accepts: whole(8, 4000),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "image width in pixels",
    },
    SettingSpec {
        name: "height",
        label: "Height",
        unit: "px",
        accepts: whole(8, 4000),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "image height in pixels; the tasks are bands of rows",
    },
    SettingSpec {
        name: "iterations",
        label: "Iterations",
        unit: "",
        accepts: whole(1, 100_000),
        scope: Scope::Workloads(&[WorkloadKind::Mandelbrot]),
        meaning: "the most iterations per pixel before it counts as inside the set",
    },
    SettingSpec {
        name: "chains",
        label: "Chains",
        unit: "",
        accepts: whole(1, 100_000),
        scope: Scope::Workloads(&[WorkloadKind::Hashes]),
        meaning: "how many independent hash chains",
    },
    SettingSpec {
        name: "rounds",
        label: "Rounds",
        unit: "",
        accepts: whole(1, 10_000_000),
        scope: Scope::Workloads(&[WorkloadKind::Hashes]),
        meaning: "SHA-256 applications per chain",
    },
    SettingSpec {
        name: "numbers",
        label: "Numbers",
        unit: "",
        accepts: whole(1, 100_000_000),
        scope: Scope::Workloads(&[WorkloadKind::Collatz]),
        meaning: "sum the Collatz steps of 1 up to this number",
    },
    SettingSpec {
        name: "split",
        label: "Split",
        unit: "",
        accepts: Accepts::OneOf(Split::NAMES),
        scope: Scope::Workloads(&[WorkloadKind::Collatz]),
        meaning: "even: equal ranges; uneven: task k gets k times the numbers of task 1",
    },
    SettingSpec {
        name: "latency_ms",
        label: "Latency",
        unit: "ms",
        accepts: whole(0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Downloads]),
        meaning: "how long each download waits for the network",
    },
    SettingSpec {
        name: "jitter_ms",
        label: "Jitter",
        unit: "ms",
        accepts: whole(0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Downloads]),
        meaning: "up to this much extra wait, drawn from the seed",
    },
    SettingSpec {
        name: "io_ms",
        label: "IO wait",
        unit: "ms",
        accepts: whole(0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Mixed]),
        meaning: "how long each task waits before computing",
    },
    SettingSpec {
        name: "cpu_ms",
        label: "CPU work",
        unit: "ms",
        accepts: whole(0, 10_000),
        scope: Scope::Workloads(&[WorkloadKind::Mixed]),
        meaning: "how much computing each task does, calibrated on this machine",
    },
    SettingSpec {
        name: "seed",
        label: "Seed",
        unit: "",
        accepts: whole(0, 4_294_967_295),
        scope: Scope::Workloads(SEEDED_WORKLOADS),
        meaning: "makes the hash inputs, payloads and jitter reproducible",
    },
    SettingSpec {
        name: "modes",
        label: "Modes",
        unit: "",
        accepts: Accepts::ListOf(Mode::NAMES),
        scope: Scope::General,
        meaning: "the execution models to run and compare",
    },
    SettingSpec {
        name: "workers",
        label: "Workers",
        unit: "",
        accepts: whole(1, 64),
        scope: Scope::Modes(THREAD_MODES),
        meaning: "threads or processes in the pool",
    },
    SettingSpec {
        name: "switch_ms",
        label: "Switch interval",
        unit: "ms",
        accepts: Accepts::Decimal {
            min: 0.1,
            max: 1000.0,
        },
        scope: Scope::Modes(GIL_MODES),
        meaning: "how long a thread waits before asking the GIL's holder to let go",
    },
    SettingSpec {
        name: "gil",
        label: "GIL",
        unit: "",
        accepts: Accepts::OneOf(GilVersion::NAMES),
        scope: Scope::Modes(GIL_MODES),
        meaning: "new: CPython 3.2+ with forced switching; old: Python 2's check interval",
    },
    SettingSpec {
        name: "ticks",
        label: "Check interval",
        unit: "steps",
        accepts: whole(1, 100_000),
        scope: Scope::Modes(GIL_MODES),
        meaning: "the old GIL releases and retakes the lock every this many steps; a step is tens of µs, so 1 is nearest Python 2's 100 bytecodes",
    },
    SettingSpec {
        name: "yield_every",
        label: "Yield every",
        unit: "steps",
        accepts: whole(0, 1_000_000),
        scope: Scope::Modes(LOOP_MODES),
        meaning: "a coroutine awaits after this many compute steps; 0 means never",
    },
    SettingSpec {
        name: "main_thread",
        label: "On the page's main thread",
        unit: "",
        accepts: Accepts::Flag,
        scope: Scope::Modes(MAIN_THREAD_MODES),
        meaning: "when on (1), Sequential and Coroutines run on the page itself, which freezes it while they compute",
    },
];

/// The setting with this name.
pub fn find(name: &str) -> Option<&'static SettingSpec> {
    SETTINGS.iter().find(|spec| spec.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for (i, a) in SETTINGS.iter().enumerate() {
            assert!(find(a.name).is_some());
            for b in &SETTINGS[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
        assert!(find("nope").is_none());
    }

    #[test]
    fn descriptions_read_well() {
        assert_eq!(whole(1, 64).describe(), "a whole number from 1 to 64");
        assert_eq!(
            Accepts::OneOf(&["new", "old"]).describe(),
            "one of new, old"
        );
    }
}
