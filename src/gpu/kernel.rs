//! The compute shaders (WGSL, in `www/gpu/`, fetched when a GPU run starts so that they stay
//! out of the first load), one per workload the GPU computes (exactly, or for Mandelbrot in
//! 32-bit floats, approximately), and why the others are not run there.

use crate::settings::{Precision, WorkloadKind};

/// A compute shader of the GPU mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// Trial division, one invocation per number; a bit per number in the output.
    Primes,
    /// Collatz stopping times with the value in emulated 64 bits; a step count per number.
    Collatz,
    /// SHA-256 chains, one invocation per chain; eight words of state per chain.
    Hashes,
    /// The Mandelbrot image in 32-bit floats, one invocation per pixel; its iteration count.
    Mandelbrot,
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
    /// Mandelbrot in 64-bit floats (`precision=f64`), which WGSL does not have.
    NeedsF32,
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
            NotOnGpu::NeedsF32 => "the Mandelbrot image is computed here in 64-bit floats, and \
                 WGSL has no 64-bit floats: choose Floats f32 (precision=f32), and every mode \
                 computes it in 32-bit floats, the GPU's within a stated tolerance"
                .to_owned(),
        }
    }
}

impl Kernel {
    /// The kernel that computes `kind` (Mandelbrot in these floats), or why there is none.
    ///
    /// # Errors
    /// For the workloads that wait for IO, and for Mandelbrot in 64-bit floats.
    pub fn for_workload(kind: WorkloadKind, precision: Precision) -> Result<Kernel, NotOnGpu> {
        match kind {
            WorkloadKind::Primes => Ok(Kernel::Primes),
            WorkloadKind::Collatz => Ok(Kernel::Collatz),
            WorkloadKind::Hashes => Ok(Kernel::Hashes),
            WorkloadKind::Mandelbrot => match precision {
                Precision::F32 => Ok(Kernel::Mandelbrot),
                Precision::F64 => Err(NotOnGpu::NeedsF32),
            },
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
            Kernel::Mandelbrot => "gpu/mandelbrot.wgsl",
        }
    }

    /// The kernel's name, for labels and errors.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Primes => "primes",
            Kernel::Collatz => "collatz",
            Kernel::Hashes => "hashes",
            Kernel::Mandelbrot => "mandelbrot",
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
            Kernel::Mandelbrot => {
                "approximate: 32-bit floats on both sides, but WGSL may fuse a multiply and an \
                 add into one rounding, so pixels near the edge of the set may differ"
            }
        }
    }

    /// Whether its result may differ a little from the CPU's (floats), and is compared within
    /// a tolerance instead of by checksum.
    pub fn approximate(self) -> bool {
        matches!(self, Kernel::Mandelbrot)
    }
}
