//! Faults injected on purpose, so tests can check that a failing task or a crashing worker is
//! reported and the page keeps working. Set with the test-only URL parameter `fault`, e.g.
//! `fault=panic@3` (task 3 panics), `fault=error@0` (task 0 returns an error) or
//! `fault=linger@0` (the worker that ran task 0 goes on computing after the run, without
//! answering the page, so that the page must end it without its answer) or `fault=lose@1` (the
//! GPU mode destroys its device during task 1, as a driver reset or a GPU watchdog would end it).

use super::task::TaskError;
use serde::{Deserialize, Serialize};

/// A fault in one task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// What goes wrong.
    pub kind: FaultKind,
    /// In which task.
    pub task: u32,
}

/// How a task goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// The task returns an error.
    Error,
    /// The task panics, which in the browser kills its worker (panic = abort).
    Panic,
    /// The task succeeds, but the worker that ran it keeps computing when the page asks it to
    /// answer before being ended (only the browser's unit workers obey this).
    Linger,
    /// The GPU mode's device is destroyed during the task (the CPU modes ignore it).
    LoseGpu,
}

impl Fault {
    /// Reads `panic@3` or `error@0`.
    pub fn parse(text: &str) -> Option<Fault> {
        let (kind, task) = text.split_once('@')?;
        let kind = match kind {
            "error" => FaultKind::Error,
            "panic" => FaultKind::Panic,
            "linger" => FaultKind::Linger,
            "lose" => FaultKind::LoseGpu,
            _ => return None,
        };
        Some(Fault {
            kind,
            task: task.parse().ok()?,
        })
    }

    /// Goes wrong if `index` is the faulty task.
    ///
    /// # Errors
    /// For an error fault in this task.
    ///
    /// # Panics
    /// For a panic fault in this task: that is the point.
    pub fn strike(self, index: u32) -> Result<(), TaskError> {
        if index != self.task {
            return Ok(());
        }
        match self.kind {
            FaultKind::Error => Err(TaskError(format!("task {index} failed: an injected error"))),
            FaultKind::Panic => panic!("task {index} panicked: an injected fault"),
            FaultKind::Linger | FaultKind::LoseGpu => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_faults() {
        assert_eq!(
            Fault::parse("lose@1"),
            Some(Fault {
                kind: FaultKind::LoseGpu,
                task: 1
            })
        );
        assert_eq!(
            Fault::parse("panic@3"),
            Some(Fault {
                kind: FaultKind::Panic,
                task: 3
            })
        );
        assert_eq!(
            Fault::parse("error@0"),
            Some(Fault {
                kind: FaultKind::Error,
                task: 0
            })
        );
        assert_eq!(
            Fault::parse("linger@1"),
            Some(Fault {
                kind: FaultKind::Linger,
                task: 1
            })
        );
        assert_eq!(Fault::parse("boom@1"), None);
        assert_eq!(Fault::parse("panic"), None);
        assert!(Fault::parse("error@1").expect("valid").strike(0).is_ok());
        assert!(Fault::parse("error@1").expect("valid").strike(1).is_err());
    }
}
