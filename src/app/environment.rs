//! What this browser context allows, found once at start, and the cores counted by spinning
//! workers.

use crate::gpu::GpuSupport;
use crate::model::threads_support::ThreadsSupport;

/// What this browser context allows, found once at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Environment {
    /// `navigator.hardwareConcurrency`.
    pub cores: u32,
    /// `crossOriginIsolated`.
    pub isolated: bool,
    /// Whether the Threads modes can run here, or the real cause why not.
    pub threads: ThreadsSupport,
    /// Why the Threads modes cannot run here and what to do, if they cannot.
    pub threads_unavailable: Option<String>,
    /// Why no worker can run here, if none can.
    pub workers_unavailable: Option<String>,
    /// Whether the page is in a frame.
    pub in_frame: bool,
    /// The browser's name and version.
    pub browser: String,
    /// The finest step of the page's clock, ms.
    pub timer_resolution_ms: f64,
    /// Whether the GPU mode can run: WebGPU's adapter, or why not (asked once, as the page
    /// opens; `Unknown` until it answers).
    pub gpu: GpuSupport,
}

/// The cores counted by spinning workers.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreCount {
    /// Workers that spun at once.
    pub workers: u32,
    /// How many of them ran at full speed together (the measured cores).
    pub cores: f64,
}
