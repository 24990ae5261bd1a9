//! The record of one run of a program in the Python lab's program form: the program as run,
//! the interpreter (its version, when its worker was made and when it was ready, whether sleep
//! blocked without spinning), every write with its time and stream, and how it ended (its exit
//! status, or Cancel, the time limit, a failure outside Python). Every sentence the page says
//! of the run is made here from the record; the record downloads as JSON.

use super::processes::Processes;
use super::program::Program;
use super::program_lab::ProgramRun;
use super::program_protocol::Stream;
use serde::{Deserialize, Serialize};

/// The record's format name.
pub const PROGRAM_FORMAT: &str = "concurrency-playground-python-program";

/// One write of the program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// When (ms, absolute).
    pub t: f64,
    /// Which process wrote it.
    pub pid: u32,
    /// To which stream.
    pub stream: Stream,
    /// What.
    pub text: String,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ending {
    /// The program ended by itself (the main process's waits and queues are in the record).
    Exited {
        /// Its exit status.
        status: i32,
        /// Whether it wrote more than the page was sent.
        cut: bool,
        /// When it began to run (ms, absolute).
        begun: f64,
        /// When it ended.
        ended: f64,
    },
    /// The student pressed Cancel; every worker of the run was ended.
    Cancelled {
        /// When.
        at: f64,
        /// How many workers of the run were still running, and were ended.
        #[serde(default)]
        workers_ended: usize,
    },
    /// The time limit passed; every worker of the run was ended.
    TimedOut {
        /// When.
        at: f64,
        /// The limit, s.
        limit_s: u32,
        /// How many workers of the run were still running, and were ended.
        #[serde(default)]
        workers_ended: usize,
    },
    /// The interpreter failed outside the program (it could not load, say).
    Broken {
        /// When.
        at: f64,
        /// Why, as the browser or the worker said it.
        error: String,
    },
}

impl Ending {
    /// Cancelled at `at`, its workers not yet counted.
    pub fn cancelled(at: f64) -> Self {
        Ending::Cancelled {
            at,
            workers_ended: 0,
        }
    }

    /// Stopped at the limit of `limit_s` seconds at `at`, its workers not yet counted.
    pub fn timed_out(at: f64, limit_s: u32) -> Self {
        Ending::TimedOut {
            at,
            limit_s,
            workers_ended: 0,
        }
    }

    /// This ending, saying that `count` workers of the run were still running and were ended
    /// with it (a cancel or the time limit; other endings keep no count).
    #[must_use]
    pub fn with_workers_ended(mut self, count: usize) -> Self {
        if let Ending::Cancelled { workers_ended, .. } | Ending::TimedOut { workers_ended, .. } =
            &mut self
        {
            *workers_ended = count;
        }
        self
    }
}

/// "its 3 workers were ended", said of a cancelled run.
fn workers(count: usize) -> String {
    match count {
        0 => "no worker of it was running".to_owned(),
        1 => "its 1 worker was ended".to_owned(),
        n => format!("its {n} workers were ended"),
    }
}

/// One run of a program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramRecord {
    /// [`PROGRAM_FORMAT`].
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The cores the browser reported.
    pub cores: u32,
    /// The program as run.
    pub program: Program,
    /// The interpreter's version (`sys.version`, first word), if one started.
    pub python: Option<String>,
    /// Whether `time.sleep` blocked the worker without spinning.
    pub sleep_blocks: Option<bool>,
    /// When Run was pressed.
    pub pressed: f64,
    /// Its processes, the main one first.
    pub processes: Processes,
    /// Every write, in order.
    pub output: Vec<Chunk>,
    /// Characters the terminal left out past its cap.
    pub left_out: usize,
    /// The main process's queues: id, items ever put, bytes ever put.
    pub queues: Vec<(u64, u64, u64)>,
    /// How it ended.
    pub ending: Ending,
}

impl ProgramRecord {
    /// The record of `run`, ended so.
    pub fn new(run: ProgramRun, ending: Ending, cores: u32, left_out: usize) -> Self {
        let mut processes = run.processes;
        match &ending {
            Ending::Exited {
                status,
                begun,
                ended,
                ..
            } => {
                processes.exited(1, *status, *begun, *ended);
                processes.end_all(*ended, "the main process ended");
            }
            Ending::Cancelled { at, .. } => processes.end_all(*at, "cancelled"),
            Ending::TimedOut { at, .. } => processes.end_all(*at, "the time limit"),
            Ending::Broken { at, .. } => processes.end_all(*at, "a failure outside Python"),
        }
        ProgramRecord {
            format: PROGRAM_FORMAT.to_owned(),
            version: 1,
            cores,
            program: run.program,
            python: run.python,
            sleep_blocks: run.sleep_blocks,
            pressed: run.pressed,
            processes,
            output: run.output,
            left_out,
            queues: run.queues,
            ending,
        }
    }

    /// The exit status, if the program ended by itself.
    pub fn status(&self) -> Option<i32> {
        match self.ending {
            Ending::Exited { status, .. } => Some(status),
            _ => None,
        }
    }

    /// From Run to the program's first line: the interpreter's start-up, ms.
    pub fn startup_ms(&self) -> Option<f64> {
        match self.ending {
            Ending::Exited { begun, .. } => Some(begun - self.pressed),
            _ => None,
        }
    }

    /// How long the program itself ran, ms.
    pub fn ran_ms(&self) -> Option<f64> {
        match self.ending {
            Ending::Exited { begun, ended, .. } => Some(ended - begun),
            _ => None,
        }
    }

    /// The sentence the page says of the run, from the record.
    pub fn summary(&self) -> String {
        let python = self
            .python
            .as_deref()
            .map(|v| format!(" (Python {v})"))
            .unwrap_or_default();
        let mut said = match &self.ending {
            Ending::Exited {
                status,
                begun,
                ended,
                ..
            } => format!(
                "Exited with status {status}: the program ran {:.3} s{python}, after {:.3} s of \
                 start-up (a fresh interpreter in its own worker).",
                (ended - begun) / 1000.0,
                (begun - self.pressed) / 1000.0
            ),
            Ending::Cancelled { at, workers_ended } => format!(
                "Cancelled after {:.3} s: {}, none left running.",
                (at - self.pressed) / 1000.0,
                workers(*workers_ended)
            ),
            Ending::TimedOut {
                limit_s,
                workers_ended,
                ..
            } => format!(
                "Stopped at the time limit of {limit_s} s: {}, none left running (is there an \
                 endless loop?).",
                workers(*workers_ended)
            ),
            Ending::Broken { error, .. } => format!("The interpreter failed: {error}"),
        };
        let children = self.processes.children();
        if children > 0 {
            let plural = if children == 1 { "" } else { "es" };
            said.push_str(&format!(
                " It started {children} child process{plural}, at most {} processes at once.",
                self.processes.most_at_once()
            ));
        }
        let cut = matches!(self.ending, Ending::Exited { cut: true, .. });
        if self.left_out > 0 || cut {
            said.push_str(" It printed more than the terminal keeps; the rest was left out.");
        }
        said
    }

    /// The record as JSON, for the download.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
