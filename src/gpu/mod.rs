//! The GPU mode, in plain Rust: which workloads a WGSL compute shader (`www/gpu/`) can compute
//! exactly (`kernel`), how a run is cut into dispatches short enough that Cancel answers and no GPU
//! watchdog ends the device (`sizer`, `work`), how what the GPU wrote is folded into the same
//! checksum the CPU modes compute (`fold`), the whole run as the page drives it (`run`), and
//! what the browser's adapter is (`adapter`). `web::gpu` only carries these out with WebGPU.

pub mod adapter;
#[cfg(test)]
pub mod emulate;
pub mod fold;
pub mod kernel;
pub mod run;
pub mod sizer;
pub mod work;

#[cfg(test)]
mod tests;

pub use adapter::{AdapterFacts, GpuSupport};
pub use kernel::{Kernel, NotOnGpu};
pub use run::{DispatchTimes, GpuRun};
pub use work::Dispatch;
