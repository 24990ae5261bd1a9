//! The named choices of the settings: workloads, execution modes, GIL versions and task
//! splits, each with the one name it has in the form, the URL and exports.

/// Defines a fieldless enum whose variants each have one lower-case name, used everywhere.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in the order the page lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value's name, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The name used in the form, the URL and exports.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value with this name, if there is one.
            pub fn from_name(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
pub(crate) use named_enum;

named_enum! {
    /// What the tasks compute or wait for.
    WorkloadKind {
        /// Count primes by trial division (CPU-bound).
        Primes = "primes",
        /// A Mandelbrot image in bands of rows (CPU-bound).
        Mandelbrot = "mandelbrot",
        /// Iterated SHA-256 hash chains (CPU-bound).
        Hashes = "hashes",
        /// Collatz stopping times over evenly or unevenly split ranges (load imbalance).
        Collatz = "collatz",
        /// Simulated downloads: wait for the network, then parse (IO-bound).
        Downloads = "downloads",
        /// Each task waits, then computes (from IO-bound to CPU-bound).
        Mixed = "mixed",
        /// One task waits many times beside tasks that compute (the convoy effect).
        Convoy = "convoy",
    }
}

named_enum! {
    /// An execution model of the lecture.
    Mode {
        /// One unit runs the tasks one after another.
        Sequential = "sequential",
        /// A thread pool over shared memory, with no GIL (free-threaded Python).
        Threads = "threads",
        /// The same pool, but a thread must hold one global lock to compute (CPython).
        Gil = "gil",
        /// Isolated workers that exchange serialized messages (multiprocessing).
        Processes = "processes",
        /// Futures on one single-threaded event loop (asyncio).
        Coroutines = "coroutines",
        /// Thousands of invocations of a compute shader on the GPU (WebGPU), where there is one.
        Gpu = "gpu",
    }
}

named_enum! {
    /// Which GIL the Threads + GIL mode models.
    GilVersion {
        /// CPython 3.2+: a waiting thread asks for the lock after the switch interval.
        New = "new",
        /// Python 2: the holder releases and retakes the lock every `ticks` steps.
        Old = "old",
    }
}

named_enum! {
    /// The floats the Mandelbrot image is computed in.
    Precision {
        /// 64-bit floats, Python's `float`.
        F64 = "f64",
        /// 32-bit floats, what a GPU computes in (WGSL has no 64-bit floats).
        F32 = "f32",
    }
}

named_enum! {
    /// How the Collatz workload divides its numbers among tasks.
    Split {
        /// Every task gets the same count of numbers.
        Even = "even",
        /// Task k gets k times the numbers of task 1: the last task is a straggler.
        Uneven = "uneven",
    }
}

impl WorkloadKind {
    /// The title shown on the page.
    pub fn title(self) -> &'static str {
        match self {
            WorkloadKind::Primes => "Prime counting",
            WorkloadKind::Mandelbrot => "Mandelbrot image",
            WorkloadKind::Hashes => "SHA-256 hash chains",
            WorkloadKind::Collatz => "Collatz steps (load imbalance)",
            WorkloadKind::Downloads => "Downloads (IO-bound)",
            WorkloadKind::Mixed => "Mixed: wait, then compute",
            WorkloadKind::Convoy => "Convoy: waiting beside computing",
        }
    }

    /// Whether the tasks only compute (no waiting at all).
    pub fn is_cpu_bound(self) -> bool {
        !matches!(
            self,
            WorkloadKind::Downloads | WorkloadKind::Mixed | WorkloadKind::Convoy
        )
    }
}

impl Mode {
    /// The modes a page runs when its link names none: every mode but the GPU, which only some
    /// browsers have and whose start-up is no part of the lecture's comparison of CPU models.
    pub const DEFAULTS: &'static [Mode] = &[
        Mode::Sequential,
        Mode::Threads,
        Mode::Gil,
        Mode::Processes,
        Mode::Coroutines,
    ];

    /// The title shown on the page.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Sequential => "Sequential",
            Mode::Threads => "Threads",
            Mode::Gil => "Threads + GIL",
            Mode::Processes => "Processes",
            Mode::Coroutines => "Coroutines",
            Mode::Gpu => "GPU",
        }
    }

    /// The Python program this mode stands for.
    pub fn python_counterpart(self) -> &'static str {
        match self {
            Mode::Sequential => "a plain loop",
            Mode::Threads => "free-threaded Python (no GIL)",
            Mode::Gil => "CPython threading",
            Mode::Processes => "multiprocessing",
            Mode::Coroutines => "asyncio",
            Mode::Gpu => "a GPU kernel (Numba's CUDA or CuPy; needs a GPU and packages)",
        }
    }

    /// Whether the mode needs memory shared between workers (and so cross-origin isolation).
    pub fn needs_shared_memory(self) -> bool {
        matches!(self, Mode::Threads | Mode::Gil)
    }

    /// Whether the mode runs a pool of workers sized by the `workers` setting (threads sharing
    /// memory, or processes that each have their own).
    pub fn uses_workers(self) -> bool {
        matches!(self, Mode::Threads | Mode::Gil | Mode::Processes)
    }

    /// Whether the mode can run on the page's own main thread (`main_thread=1`).
    pub fn can_run_on_main_thread(self) -> bool {
        matches!(self, Mode::Sequential | Mode::Coroutines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        for &kind in WorkloadKind::ALL {
            assert_eq!(WorkloadKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(Mode::from_name("Threads"), None);
        assert_eq!(GilVersion::NAMES, &["new", "old"]);
    }
}

named_enum! {
    /// An experiment of the locks lab (`lab=locks`).
    Experiment {
        /// Three counters incremented by several threads: unsynchronized, mutex, atomic.
        Counters = "counters",
        /// Throughput against threads when a share of each step holds one lock.
        Contention = "contention",
        /// Producers and consumers exchanging items through a bounded queue.
        Queue = "queue",
        /// The counter in isolated workers, each with its own copy.
        Processes = "processes",
        /// The counter on one event loop, with and without an await inside the update.
        Coroutines = "coroutines",
    }
}
