//! The messages between the page and a program's interpreters (`www/python/program.js`, one per
//! process), as JSON text: the page sends the program to run (as the main process or a child);
//! each interpreter says when it is ready, sends each write to stdout or stderr as it happens,
//! asks for children to be started or ended, and ends with its exit status. Times are absolute
//! (`performance.timeOrigin + performance.now()` in the worker), ms.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the page asks a program's interpreter (the `text` of its message; the process table,
/// a child's pickled Process and the shared memory it holds ride beside it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToProgram {
    /// Run the program as `python3 MAIN ARGS` (the main process), or a child of it.
    Run {
        /// The file run as `__main__` (imported as `__mp_main__` in a child).
        main: String,
        /// Every file, by name.
        files: BTreeMap<String, String>,
        /// `sys.argv[1:]`.
        argv: Vec<String>,
        /// This process's id (the main one is 1).
        pid: u32,
        /// Its parent's (0 for the main one).
        parent: u32,
        /// `current_process().name`.
        name: String,
        /// Whether it is daemonic.
        daemon: bool,
        /// Its place among its parent's children (`Process-1:2`).
        identity: Vec<u32>,
        /// What `cpu_count()` says: the cores the browser reports.
        cores: u32,
        /// Whether it is a child (it then runs the pickled Process beside this).
        child: bool,
    },
}

/// Which of the program's streams a write went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// `sys.stdout`.
    Stdout,
    /// `sys.stderr`.
    Stderr,
}

/// What a program's interpreter tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromProgram {
    /// The interpreter has started.
    Ready {
        /// When the worker's script began.
        started: f64,
        /// When the interpreter was ready.
        ready: f64,
        /// `sys.version`, first word.
        version: String,
        /// Whether `time.sleep` blocks the worker without spinning (shared memory).
        sleep_blocks: bool,
        /// Whether it restored the page's snapshot of a started interpreter.
        #[serde(default)]
        snapshot: bool,
    },
    /// A process of the program wrote this.
    Out {
        /// Which process.
        pid: u32,
        /// To which stream.
        stream: Stream,
        /// What.
        text: String,
        /// When.
        t: f64,
    },
    /// A process asks for a child to be started (its pickled Process beside this).
    Spawn {
        /// The child's id, taken from the process table.
        pid: u32,
        /// The asking process.
        parent: u32,
        /// The child's name.
        name: String,
        /// Whether it is daemonic.
        daemon: bool,
        /// Its place among its parent's children.
        identity: Vec<u32>,
        /// When it was asked.
        t: f64,
    },
    /// A process asks for another to be ended (`Process.terminate`).
    Terminate {
        /// The one to end.
        pid: u32,
        /// The asking process.
        by: u32,
        /// When.
        t: f64,
    },
    /// A process ended.
    Exited {
        /// Which.
        pid: u32,
        /// Its exit status (0 when it ended normally).
        status: i32,
        /// Whether it wrote more than the page was sent.
        cut: bool,
        /// When it began to run.
        begun: f64,
        /// When it ended.
        t: f64,
        /// What it waited on, and when: what (`sleep`, `join`, `queue-get`, `queue-put`,
        /// `lock`, `event`, `pickling`), from, to.
        #[serde(default)]
        waits: Vec<(String, f64, f64)>,
        /// Waits it did not keep, past its cap.
        #[serde(default)]
        waits_dropped: u64,
        /// The main process's queues: id, items ever put, bytes ever put.
        #[serde(default)]
        queues: Vec<(u64, u64, u64)>,
    },
    /// The interpreter could not start, or failed outside the program.
    Failed {
        /// Why.
        error: String,
    },
}

impl FromProgram {
    /// Reads an interpreter's message.
    ///
    /// # Errors
    /// What is wrong with it, if it is not a message of this protocol.
    pub fn read(text: &str) -> Result<Self, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("a message from the program's interpreter could not be read: {e}"))
    }
}

impl ToProgram {
    /// The message as the interpreter reads it.
    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
