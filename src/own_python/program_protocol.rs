//! The messages between the page and a program's interpreter (`www/python/program.js`), as JSON
//! text: the page sends the program to run; the interpreter says when it is ready, sends each
//! write to stdout or stderr as it happens, and ends with the exit status. Times are absolute
//! (`performance.timeOrigin + performance.now()` in the worker), ms.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the page asks a program's interpreter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToProgram {
    /// Run the program as `python3 MAIN ARGS`.
    Run {
        /// The file run as `__main__`.
        main: String,
        /// Every file, by name.
        files: BTreeMap<String, String>,
        /// `sys.argv[1:]`.
        argv: Vec<String>,
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
    },
    /// The program wrote this.
    Out {
        /// To which stream.
        stream: Stream,
        /// What.
        text: String,
        /// When.
        t: f64,
    },
    /// The program ended.
    Exited {
        /// Its exit status (0 when it ended normally).
        status: i32,
        /// Whether it wrote more than the page was sent.
        cut: bool,
        /// When it began to run.
        begun: f64,
        /// When it ended.
        t: f64,
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
