//! Measuring the machine from the page: the hash speed that calibrates the Mixed workload
//! (which also gets the browser to compile the wasm before any timed run), and how many workers
//! really run at once (the cores, measured rather than reported).

use super::inbox::{Inbox, RunError};
use super::protocol::{FromUnit, ToUnit};
use super::unit_handle::UnitHandle;
use crate::model::cores::measured_cores;
use crate::workloads::Calibration;

/// How long each worker spins when counting cores on request, ms.
pub const SPIN_MS: f64 = 300.0;
/// How long each worker spins when the page counts cores by itself at start, ms.
pub const QUICK_SPIN_MS: f64 = 120.0;

/// Measures the hash speed in a worker.
///
/// # Errors
/// If the worker cannot start or crashes.
pub async fn calibrate() -> Result<Calibration, RunError> {
    let mut inbox = Inbox::new();
    let unit = UnitHandle::spawn(0, "calibration", inbox.sender()).map_err(RunError::Failed)?;
    inbox.all_ready(1).await?;
    unit.send(&ToUnit::Calibrate);
    loop {
        if let (_, FromUnit::Calibrated(calibration)) = inbox.message().await? {
            return Ok(calibration);
        }
    }
}

/// The rounds each of `workers` workers spun in `ms`, all at once.
async fn spin_rounds(workers: usize, ms: f64) -> Result<Vec<u64>, RunError> {
    let mut inbox = Inbox::new();
    let units = (0..workers)
        .map(|i| UnitHandle::spawn(i, "spinner", inbox.sender()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::Failed)?;
    inbox.all_ready(workers).await?;
    for unit in &units {
        unit.send(&ToUnit::Spin { ms });
    }
    let mut spun = Vec::with_capacity(workers);
    for _ in 0..workers {
        loop {
            if let (_, FromUnit::Spun(rounds)) = inbox.message().await? {
                spun.push(rounds);
                break;
            }
        }
    }
    Ok(spun)
}

/// Spins one worker, then `workers` at once, each for `ms`, and returns how many ran at full
/// speed together (`model::cores::measured_cores`).
///
/// # Errors
/// If a worker cannot start or crashes.
pub async fn count_cores(workers: u32, ms: f64) -> Result<f64, RunError> {
    let alone = spin_rounds(1, ms).await?.iter().sum();
    let together = spin_rounds(workers as usize, ms).await?;
    Ok(measured_cores(alone, &together))
}
