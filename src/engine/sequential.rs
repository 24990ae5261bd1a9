//! The Sequential mode: one unit runs the tasks one after another, as a plain Python loop does.

use super::fault::Fault;
use super::platform::Platform;
use super::task::{TaskError, run_task};
use super::unit_log::UnitLog;
use crate::workloads::TaskSpec;

/// Runs every task in order on the calling unit. `progress` hears the count of finished tasks.
///
/// # Errors
/// The first task that fails ends the run.
pub fn run_sequential(
    tasks: &[TaskSpec],
    platform: &dyn Platform,
    fault: Option<Fault>,
    label: &str,
    progress: &mut dyn FnMut(u32),
) -> Result<UnitLog, TaskError> {
    let mut log = UnitLog::new(label);
    for (index, spec) in tasks.iter().enumerate() {
        run_task(index as u32, spec, platform, None, fault, &mut log)?;
        progress(index as u32 + 1);
    }
    Ok(log)
}
