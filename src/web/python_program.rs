//! A program's run in the Python lab's program form: every process a fresh interpreter in its
//! own module worker (`python/program.js`), started by the page (never nested in another
//! worker). The page keeps the process table on shared memory (each process's state and exit
//! code, which `join` waits on with `Atomics.wait`), starts a child when a process asks, hands it
//! the program, its pickled Process and the shared memory its arguments hold once its interpreter
//! is ready, ends one when asked (`terminate`), and marks each end in the table. Every write,
//! start and end is dispatched to the form's state as it comes, until the main process exits,
//! Cancel, the time limit, or a failure outside Python ends the run (every worker is then
//! terminated). Processes start on interpreters kept ready (`python_ready`) while there are.

use super::isolation;
use super::page;
use super::platform::now_ms;
use super::python_ready::{self, Interpreter};
use super::python_shared::{mark_ended, new_table, pyodide_module};
use super::python_snapshot;
use crate::own_python::processes::TERMINATED;
use crate::own_python::program::Program;
use crate::own_python::program_lab::{ProgramAction, chunk};
use crate::own_python::program_protocol::{FromProgram, ToProgram};
use crate::own_python::program_record::Ending;
use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use futures_util::StreamExt;
use js_sys::{Int32Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// What a program's run hears.
#[derive(Debug)]
enum Event {
    /// Worker `slot` said this; the message as it came (a spawn's carries its memory).
    Message(usize, FromProgram, JsValue),
    /// Worker `slot` failed outside Python.
    Broken(usize, String),
    /// The student pressed Cancel.
    Cancelled,
    /// The time limit passed.
    TimedOut,
}

/// Cancels a program's run.
#[derive(Clone, Debug)]
pub struct ProgramCanceller(UnboundedSender<Event>);

impl ProgramCanceller {
    /// Ends the run now: its workers are terminated.
    pub fn cancel(&self) {
        let _ = self.0.unbounded_send(Event::Cancelled);
    }
}

/// A process's worker, and what it is handed once its interpreter is ready.
struct Slot {
    pid: u32,
    worker: Interpreter,
    pending: Option<Object>,
}

/// A program's run about to start; cancel it with [`ProgramRun::canceller`].
pub struct ProgramRun {
    events: UnboundedReceiver<Event>,
    sender: UnboundedSender<Event>,
    slots: Vec<Option<Slot>>,
    table: Option<Int32Array>,
    module: JsValue,
}

impl Default for ProgramRun {
    fn default() -> Self {
        let (sender, events) = unbounded();
        ProgramRun {
            events,
            sender,
            slots: Vec::new(),
            table: None,
            module: JsValue::NULL,
        }
    }
}

impl ProgramRun {
    /// What cancels it.
    pub fn canceller(&self) -> ProgramCanceller {
        ProgramCanceller(self.sender.clone())
    }

    /// Runs `program` with a limit of `limit_s` seconds, dispatching what happens.
    pub async fn run(mut self, program: Program, limit_s: u32, dispatch: &dyn Fn(ProgramAction)) {
        let timer = {
            let sender = self.sender.clone();
            gloo_timers::callback::Timeout::new(limit_s.saturating_mul(1000), move || {
                let _ = sender.unbounded_send(Event::TimedOut);
            })
        };
        let ending = self.drive(&program, limit_s, dispatch).await;
        timer.cancel();
        // Every worker still running is ended with the run (counted for the page); fresh
        // interpreters are made ready for the next.
        let ending = ending.with_workers_ended(self.slots.iter().flatten().count());
        self.slots.clear();
        dispatch(ProgramAction::Ended(ending));
        python_ready::keep_ready(isolation::cores_reported() as usize).await;
    }

    async fn drive(
        &mut self,
        program: &Program,
        limit_s: u32,
        dispatch: &dyn Fn(ProgramAction),
    ) -> Ending {
        self.table = new_table();
        self.module = pyodide_module().await;
        let main = self.message(program, 1, 0, "MainProcess", false, &[], None);
        if let Err(error) = self.start(1, main) {
            return Ending::Broken {
                at: now_ms(),
                error,
            };
        }
        loop {
            let Some(event) = self.events.next().await else {
                return Ending::cancelled(now_ms());
            };
            // Writes come in bursts: what has come by now is drawn at once, a frame at most.
            let mut writes = Vec::new();
            let mut next = Some(event);
            while let Some(Event::Message(
                _,
                FromProgram::Out {
                    pid,
                    stream,
                    text,
                    t,
                },
                _,
            )) = next
            {
                writes.push(chunk(pid, stream, text, t));
                next = self.events.try_recv().ok();
            }
            if !writes.is_empty() {
                dispatch(ProgramAction::Out(writes));
                if next.is_none() {
                    page::next_frame().await;
                    continue;
                }
            }
            let Some(event) = next else { continue };
            if let Some(ending) = self.hear(event, program, limit_s, dispatch) {
                return ending;
            }
        }
    }

    /// What the run does on `event`; `Some` when it ends the run.
    fn hear(
        &mut self,
        event: Event,
        program: &Program,
        limit_s: u32,
        dispatch: &dyn Fn(ProgramAction),
    ) -> Option<Ending> {
        let (slot, message, raw) = match event {
            Event::Message(slot, message, raw) => (slot, message, raw),
            Event::Broken(slot, error) => return self.failed(slot, error, dispatch),
            Event::Cancelled => return Some(Ending::cancelled(now_ms())),
            Event::TimedOut => return Some(Ending::timed_out(now_ms(), limit_s)),
        };
        match message {
            FromProgram::Ready {
                ready,
                version,
                sleep_blocks,
                ..
            } => {
                let s = self.slots.get_mut(slot).and_then(Option::as_mut)?;
                dispatch(ProgramAction::Ready(s.pid, ready, version, sleep_blocks));
                if let Some(message) = s.pending.take()
                    && let Err(error) = s.worker.post(&message)
                {
                    return self.failed(slot, error, dispatch);
                }
            }
            FromProgram::Out { .. } => {}
            FromProgram::Spawn {
                pid,
                parent,
                name,
                daemon,
                identity,
                t,
            } => {
                dispatch(ProgramAction::Spawned(pid, parent, name.clone(), daemon, t));
                let message =
                    self.message(program, pid, parent, &name, daemon, &identity, Some(&raw));
                if let Err(error) = self.start(pid, message) {
                    mark_ended(self.table.as_ref(), pid, 1);
                    let why = format!("its worker could not start: {error}");
                    dispatch(ProgramAction::EndedFromOutside(pid, now_ms(), 1, why));
                }
            }
            FromProgram::Terminate { pid, by, t } => {
                self.end(pid);
                mark_ended(self.table.as_ref(), pid, TERMINATED);
                let why = format!("terminated by process {by}");
                dispatch(ProgramAction::EndedFromOutside(pid, t, TERMINATED, why));
            }
            FromProgram::Exited {
                pid,
                status,
                cut,
                begun,
                t,
                waits,
                waits_dropped,
                queues,
            } => {
                self.end(pid);
                dispatch(ProgramAction::Waited(pid, waits, waits_dropped));
                if !queues.is_empty() {
                    dispatch(ProgramAction::Queues(queues));
                }
                if pid == 1 {
                    return Some(Ending::Exited {
                        status,
                        cut,
                        begun,
                        ended: t,
                    });
                }
                mark_ended(self.table.as_ref(), pid, status);
                dispatch(ProgramAction::Exited(pid, status, begun, t));
            }
            FromProgram::Failed { error } => return self.failed(slot, error, dispatch),
        }
        None
    }

    /// Worker `slot` failed outside Python: the run ends if it was the main process's, else
    /// that process ends with exit code 1.
    fn failed(
        &mut self,
        slot: usize,
        error: String,
        dispatch: &dyn Fn(ProgramAction),
    ) -> Option<Ending> {
        let pid = self.slots.get(slot).and_then(Option::as_ref)?.pid;
        if pid == 1 {
            return Some(Ending::Broken {
                at: now_ms(),
                error,
            });
        }
        self.end(pid);
        mark_ended(self.table.as_ref(), pid, 1);
        let why = format!("its interpreter failed: {error}");
        dispatch(ProgramAction::EndedFromOutside(pid, now_ms(), 1, why));
        None
    }

    /// The message that runs process `pid`: its text, the table, and for a child the pickled
    /// Process and shared memory its parent sent (`raw`).
    #[allow(clippy::too_many_arguments)]
    fn message(
        &self,
        program: &Program,
        pid: u32,
        parent: u32,
        name: &str,
        daemon: bool,
        identity: &[u32],
        raw: Option<&JsValue>,
    ) -> Object {
        let text = ToProgram::Run {
            main: program.main.clone(),
            files: program.files.clone(),
            argv: program.argv.clone(),
            pid,
            parent,
            name: name.to_owned(),
            daemon,
            identity: identity.to_vec(),
            cores: isolation::cores_reported(),
            child: raw.is_some(),
        }
        .text();
        let message = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&message, &JsValue::from_str(key), value);
        };
        set("text", &JsValue::from_str(&text));
        if let Some(table) = &self.table {
            set("table", &table.buffer());
        }
        if let Some(raw) = raw {
            for key in ["payload", "shared"] {
                set(
                    key,
                    &Reflect::get(raw, &JsValue::from_str(key)).unwrap_or_default(),
                );
            }
        }
        message
    }

    /// Starts process `pid` on an interpreter kept ready, or a fresh one, to be handed
    /// `message` once it is ready.
    fn start(&mut self, pid: u32, message: Object) -> Result<(), String> {
        let slot = self.slots.len();
        let interpreter = match python_ready::take() {
            Some(interpreter) => interpreter,
            None => Interpreter::start(&self.module, &python_snapshot::made())?,
        };
        let (heard, failed) = (self.sender.clone(), self.sender.clone());
        interpreter.adopt(
            Box::new(move |data: JsValue| {
                let text = data.as_string().unwrap_or_else(|| {
                    Reflect::get(&data, &JsValue::from_str("text"))
                        .ok()
                        .and_then(|t| t.as_string())
                        .unwrap_or_default()
                });
                let _ = heard.unbounded_send(match FromProgram::read(&text) {
                    Ok(message) => Event::Message(slot, message, data),
                    Err(error) => Event::Broken(slot, error),
                });
            }),
            Box::new(move |error| {
                let _ = failed.unbounded_send(Event::Broken(slot, error));
            }),
        );
        self.slots.push(Some(Slot {
            pid,
            worker: interpreter,
            pending: Some(message),
        }));
        Ok(())
    }

    /// Terminates process `pid`'s worker.
    fn end(&mut self, pid: u32) {
        if let Some(slot) = self
            .slots
            .iter_mut()
            .find(|s| s.as_ref().is_some_and(|s| s.pid == pid))
        {
            *slot = None;
        }
    }
}
