//! The compute shaders (WGSL, in `www/gpu/`, fetched when a GPU run starts so that they stay
//! out of the first load), one per workload the GPU computes exactly, and why the others are
//! not run there.

use crate::settings::WorkloadKind;

/// A compute shader of the GPU mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// Trial division, one invocation per number; a bit per number in the output.
    Primes,
    /// Collatz stopping times with the value in emulated 64 bits; a step count per number.
    Collatz,
    /// SHA-256 chains, one invocation per chain; eight words of state per chain.
    Hashes,
}

/// Invocations in one workgroup (every kernel's `@workgroup_size`).
pub const WORKGROUP_SIZE: u32 = 64;
/// The most workgroups in one dimension of a dispatch (WebGPU's default limit).
pub const MAX_WORKGROUPS: u32 = 65_535;
/// The most invocations one dispatch starts.
pub const MAX_INVOCATIONS: u32 = WORKGROUP_SIZE * MAX_WORKGROUPS;

/// Why a workload does not run on the GPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOnGpu {
    /// The workload waits for IO: a GPU has nothing to do while a task waits.
    WaitsForIo(WorkloadKind),
    /// Mandelbrot is computed in 64-bit floats, which WGSL does not have.
    NeedsF64,
}

impl NotOnGpu {
    /// The sentence shown in the GPU mode's row.
    pub fn reason(self) -> String {
        match self {
            NotOnGpu::WaitsForIo(kind) => format!(
                "{} waits for IO: a GPU runs thousands of invocations of one computation at \
                 once, and has nothing to do while a task waits for the network or a timer",
                kind.title()
            ),
            NotOnGpu::NeedsF64 => "the Mandelbrot image is computed in 64-bit floats on the \
                 CPU, and WGSL has no 64-bit floats: the GPU's pixels would differ, so the \
                 checksums could not be compared"
                .to_owned(),
        }
    }
}

impl Kernel {
    /// The kernel that computes `kind` exactly, or why there is none.
    ///
    /// # Errors
    /// For the workloads that wait for IO, and for Mandelbrot.
    pub fn for_workload(kind: WorkloadKind) -> Result<Kernel, NotOnGpu> {
        match kind {
            WorkloadKind::Primes => Ok(Kernel::Primes),
            WorkloadKind::Collatz => Ok(Kernel::Collatz),
            WorkloadKind::Hashes => Ok(Kernel::Hashes),
            WorkloadKind::Mandelbrot => Err(NotOnGpu::NeedsF64),
            WorkloadKind::Downloads | WorkloadKind::Mixed | WorkloadKind::Convoy => {
                Err(NotOnGpu::WaitsForIo(kind))
            }
        }
    }

    /// Where the WGSL source is, relative to the page (in `www/gpu/`).
    pub fn file(self) -> &'static str {
        match self {
            Kernel::Primes => "gpu/primes.wgsl",
            Kernel::Collatz => "gpu/collatz.wgsl",
            Kernel::Hashes => "gpu/hashes.wgsl",
        }
    }

    /// The kernel's name, for labels and errors.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Primes => "primes",
            Kernel::Collatz => "collatz",
            Kernel::Hashes => "hashes",
        }
    }

    /// Whether the output must be zeroed before each dispatch (bits are set with atomicOr).
    pub fn clears_output(self) -> bool {
        matches!(self, Kernel::Primes)
    }

    /// How exact the GPU's result is, for the record's reader.
    pub fn exactness(self) -> &'static str {
        match self {
            Kernel::Primes => "exact: trial division in 32-bit integers",
            Kernel::Collatz => {
                "exact: WGSL has no 64-bit integers, so each value is kept in two 32-bit halves \
                 (emulated 64-bit arithmetic)"
            }
            Kernel::Hashes => "exact: SHA-256 is defined on 32-bit words",
        }
    }
}
