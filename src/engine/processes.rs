//! The Processes mode's messages and its child's side. Each task and each result crosses
//! between the parent (`engine::parent`, driven by the page) and a process as bytes serialized
//! here with `postcard` (the cost of pickling), and both sides record the time they spend
//! serializing.

use super::fault::Fault;
use super::platform::Platform;
use super::task::{TaskError, run_task};
use super::unit_log::UnitLog;
use crate::model::record::IntervalKind;
use crate::workloads::{TaskOutput, TaskSpec};
use serde::{Deserialize, Serialize};

/// A task as it crosses to a process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskMessage {
    /// The task's number in the plan.
    pub index: u32,
    /// The task.
    pub spec: TaskSpec,
}

/// What a process sends back for one task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessReply {
    /// The task's number.
    pub index: u32,
    /// The pickled result: a serialized [`TaskOutput`], or a task error's message.
    pub result: Result<Vec<u8>, String>,
    /// What the process did for this task (the bookkeeping travels apart from the result).
    pub log: UnitLog,
}

/// Serializes a value to bytes.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_stdvec(value).expect("every message type serializes")
}

/// Reads a value from bytes.
///
/// # Errors
/// If the bytes are not a valid encoding of `T`.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("a message could not be read: {e}"))
}

/// The child's side: unpickle a task, run it, pickle its result. Returns the reply.
pub fn serve_task(
    bytes: &[u8],
    platform: &dyn Platform,
    fault: Option<Fault>,
    label: &str,
) -> ProcessReply {
    let mut log = UnitLog::new(label);
    let t0 = platform.now_ms();
    let message: TaskMessage = match decode(bytes) {
        Ok(m) => m,
        Err(e) => {
            return ProcessReply {
                index: u32::MAX,
                result: Err(e),
                log,
            };
        }
    };
    let t1 = platform.now_ms();
    let task = Some(message.index);
    log.push(IntervalKind::Serialize, task, t0, t1);
    let outcome = run_task(
        message.index,
        &message.spec,
        platform,
        None,
        fault,
        &mut log,
    );
    let result = match outcome {
        Ok(()) => {
            let done = log.tasks.pop().expect("a finished task is logged");
            let t2 = platform.now_ms();
            let bytes = encode(&done.output);
            log.push(IntervalKind::Serialize, task, t2, platform.now_ms());
            Ok(bytes)
        }
        Err(TaskError(message)) => Err(message),
    };
    ProcessReply {
        index: message.index,
        result,
        log,
    }
}

/// Decodes a pickled result.
///
/// # Errors
/// If the bytes are not a [`TaskOutput`].
pub fn decode_output(bytes: &[u8]) -> Result<TaskOutput, String> {
    decode(bytes)
}
