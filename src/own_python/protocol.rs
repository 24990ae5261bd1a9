//! The messages between the page and a Python worker (`www/python/worker.js`), as JSON text:
//! what the page asks (define the code, run a task, gather the coroutines) and what the worker
//! answers. Times are absolute (`performance.timeOrigin + performance.now()` in the worker), ms.

use serde::{Deserialize, Serialize};

/// What the page asks a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToWorker {
    /// Run the student's code in a fresh module namespace.
    Define {
        /// The code.
        code: String,
    },
    /// Call `task(i, n)` and send its result, pickled.
    Task {
        /// Which task.
        i: u32,
        /// Of how many.
        n: u32,
    },
    /// Run `task_async(i, n)` for every i on the interpreter's event loop (`asyncio.gather`).
    Gather {
        /// How many.
        n: u32,
    },
}

/// One task's outcome, as the worker saw it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskOutcome {
    /// Which task.
    pub i: u32,
    /// When the worker called it.
    pub start: f64,
    /// When it returned or raised.
    pub end: f64,
    /// `repr()` of what it returned (None if it raised).
    #[serde(default)]
    pub repr: Option<String>,
    /// Its result pickled, base64 (None if it raised or could not be pickled).
    #[serde(default)]
    pub pickle: Option<String>,
    /// How long pickling took, ms.
    #[serde(default)]
    pub pickle_ms: f64,
    /// What it printed, cut at the worker's cap.
    #[serde(default)]
    pub out: String,
    /// Whether more was printed than `out` holds.
    #[serde(default)]
    pub out_cut: bool,
    /// The Python traceback, if it raised.
    #[serde(default)]
    pub error: Option<String>,
    /// For a coroutine: the stretches in which the loop ran it (start, end), between its awaits.
    #[serde(default)]
    pub steps: Vec<(f64, f64)>,
}

/// What a worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The interpreter has started.
    Ready {
        /// When the worker's script began.
        started: f64,
        /// When the interpreter was ready.
        ready: f64,
        /// `sys.version`, first word.
        version: String,
    },
    /// The interpreter could not start.
    Failed {
        /// Why.
        error: String,
    },
    /// The code ran, and defines `task`.
    Defined {
        /// Whether it also defines `task_async`.
        has_async: bool,
    },
    /// The code did not run (a syntax error, an exception at module level, no `task`).
    DefineError {
        /// The traceback, or what is missing.
        traceback: String,
    },
    /// A task has ended.
    Result(TaskOutcome),
    /// Every coroutine has ended.
    Gathered {
        /// Each coroutine's outcome, in task order.
        tasks: Vec<TaskOutcome>,
        /// When the loop started the first.
        start: f64,
        /// When the last ended.
        end: f64,
    },
}

impl FromWorker {
    /// Reads a worker's message.
    ///
    /// # Errors
    /// What is wrong with it, if it is not a message of this protocol.
    pub fn read(text: &str) -> Result<Self, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("a message from the Python worker could not be read: {e}"))
    }
}

impl ToWorker {
    /// The message as the worker reads it.
    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
