//! The Python lab's workers: each a module worker (`python/worker.js`) with its own Pyodide
//! interpreter, started, spoken to in the protocol of `own_python::protocol`, and ended. One
//! run of a mode: start its interpreters, define the student's code in each, hand out the
//! tasks in order (or gather the coroutines), and log every answer with its bytes, until the
//! last task, Cancel, the time limit, or a worker's failure ends it. Also the code's
//! compression for links (the browser's `CompressionStream`, raw DEFLATE).

use super::js_error::describe;
use super::module_worker::{ModuleWorker, spawn_module_worker};
use super::platform::now_ms;
use crate::own_python::lab::Ending;
use crate::own_python::protocol::{FromWorker, TaskOutcome, ToWorker};
use crate::own_python::record::{ModeLog, WorkerLog};
use crate::own_python::settings::{PyMode, PySettings};
use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use futures_util::StreamExt;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export async function cp_deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
export async function cp_inflate(bytes, max) {
  // A copy: the view is on the wasm module's shared memory, which a Blob refuses.
  const reader = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) { await reader.cancel(); throw new Error(`it unpacks to more than ${max} bytes`); }
    parts.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const part of parts) { all.set(part, at); at += part.length; }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn cp_deflate(text: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn cp_inflate(bytes: &[u8], max: u32) -> Result<js_sys::Promise, JsValue>;
}

/// `text` compressed with raw DEFLATE by the browser.
///
/// # Errors
/// Why the browser could not.
pub async fn deflate(text: &str) -> Result<Vec<u8>, String> {
    let bytes = JsFuture::from(cp_deflate(text).map_err(|e| describe(&e))?)
        .await
        .map_err(|e| describe(&e))?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The text `bytes` unpack to, refusing more than `max` bytes or text that is not UTF-8.
///
/// # Errors
/// Why not, as the browser said it (`own_python::lab` words the notice).
pub async fn inflate(bytes: &[u8], max: usize) -> Result<String, String> {
    let promise = cp_inflate(bytes, max as u32).map_err(|e| describe(&e))?;
    let text = JsFuture::from(promise).await.map_err(|e| describe(&e))?;
    text.as_string().ok_or_else(|| "it is not text".to_owned())
}

/// The address of one of the view's files under `python/`, beside the page's own
/// `index.html` (the views module's glue lives in `views/`, so not beside it).
///
/// # Errors
/// If the page's address cannot be a base (it always can).
pub fn asset(path: &str) -> Result<String, String> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    Ok(web_sys::Url::new_with_base(path, &base)
        .map_err(|e| describe(&e))?
        .href())
}

/// What a mode's run hears.
#[derive(Debug)]
pub enum Event {
    /// Worker `index` said something, in a message of `bytes` bytes.
    Message(usize, FromWorker, u64),
    /// Worker `index` failed outside Python (it could not load, or its script threw).
    Broken(usize, String),
    /// The student pressed Cancel.
    Cancelled,
    /// The time limit passed.
    TimedOut,
}

/// A Python worker, ended when dropped.
struct PyWorker(ModuleWorker);

impl PyWorker {
    fn spawn(index: usize, events: UnboundedSender<Event>) -> Result<Self, String> {
        let broken = events.clone();
        let mut worker = spawn_module_worker(
            &asset("python/worker.js")?,
            "worker",
            "the Python worker stopped with an error (could its files not load?)",
            move |message| {
                let _ = broken.unbounded_send(Event::Broken(index, message));
            },
        )?;
        worker.on_message(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let bytes = text.len() as u64;
            let _ = events.unbounded_send(match FromWorker::read(&text) {
                Ok(message) => Event::Message(index, message, bytes),
                Err(error) => Event::Broken(index, error),
            });
        });
        Ok(PyWorker(worker))
    }

    /// Sends a message and returns its size in bytes.
    fn send(&self, message: &ToWorker) -> u64 {
        let text = message.text();
        let _ = self.0.post(&JsValue::from_str(&text));
        text.len() as u64
    }
}

/// Cancels a running mode (or a run between modes).
#[derive(Clone, Debug)]
pub struct Canceller(UnboundedSender<Event>);

impl Canceller {
    /// Ends the mode now: its workers are terminated.
    pub fn cancel(&self) {
        let _ = self.0.unbounded_send(Event::Cancelled);
    }
}

/// A mode about to run: its channel, whose canceller the page keeps.
pub struct ModeRun {
    events: UnboundedReceiver<Event>,
    sender: UnboundedSender<Event>,
}

impl ModeRun {
    /// A new run; cancel it with [`ModeRun::canceller`].
    pub fn new() -> Self {
        let (sender, events) = unbounded();
        ModeRun { events, sender }
    }

    /// What cancels it.
    pub fn canceller(&self) -> Canceller {
        Canceller(self.sender.clone())
    }

    /// Runs `mode` over `code` with `settings`; `status` hears what it is doing. The interpreter's
    /// version is written to `version` once one has started.
    pub async fn run(
        mut self,
        mode: PyMode,
        settings: &PySettings,
        code: &str,
        status: &dyn Fn(String),
        version: &mut Option<String>,
    ) -> (ModeLog, Ending) {
        let n = settings.tasks;
        let count = match mode {
            PyMode::Processes => settings.workers.min(n).max(1) as usize,
            _ => 1,
        };
        let mut log = ModeLog::new(mode, now_ms());
        let timer = {
            let sender = self.sender.clone();
            gloo_timers::callback::Timeout::new(settings.time_limit_s * 1000, move || {
                let _ = sender.unbounded_send(Event::TimedOut);
            })
        };
        status(starting(mode, count));
        let workers = match self.spawn(count, &mut log) {
            Ok(workers) => workers,
            Err(error) => return self.end(log, Ending::Broken(error), timer),
        };
        let mut progress = Progress {
            mode,
            n,
            count,
            defined: 0,
            next_task: 0,
            pending: vec![None; count],
            done: 0,
        };
        loop {
            let Some(event) = self.events.next().await else {
                return self.end(log, Ending::Cancelled, timer);
            };
            let (index, message, bytes) = match event {
                Event::Message(index, message, bytes) => (index, message, bytes),
                Event::Broken(index, error) => {
                    let what = format!("worker {} failed: {error}", index + 1);
                    return self.end(log, Ending::Broken(what), timer);
                }
                Event::Cancelled => return self.end(log, Ending::Cancelled, timer),
                Event::TimedOut => return self.end(log, Ending::TimedOut, timer),
            };
            if index >= workers.len() {
                continue;
            }
            if let Some(ending) = progress.hear(
                &workers, index, message, bytes, code, &mut log, version, status,
            ) {
                return self.end(log, ending, timer);
            }
        }
    }

    /// Starts `count` workers, logging when each was created.
    fn spawn(&self, count: usize, log: &mut ModeLog) -> Result<Vec<PyWorker>, String> {
        (0..count)
            .map(|index| {
                log.workers.push(WorkerLog {
                    spawned: now_ms(),
                    ready: None,
                });
                PyWorker::spawn(index, self.sender.clone())
            })
            .collect()
    }

    fn end(
        self,
        mut log: ModeLog,
        ending: Ending,
        timer: gloo_timers::callback::Timeout,
    ) -> (ModeLog, Ending) {
        timer.cancel();
        log.ended = Some(now_ms());
        (log, ending)
    }
}

/// Where a mode's run is: how many workers have the code, which task is next, which each
/// worker is running (and the bytes of its message), how many have ended.
struct Progress {
    mode: PyMode,
    n: u32,
    count: usize,
    defined: usize,
    next_task: u32,
    pending: Vec<Option<(u32, u64)>>,
    done: u32,
}

impl Progress {
    /// Gives `worker` the next task, if one is left.
    fn hand_out(&mut self, worker: &PyWorker, index: usize) {
        if self.next_task < self.n {
            let sent = worker.send(&ToWorker::Task {
                i: self.next_task,
                n: self.n,
            });
            self.pending[index] = Some((self.next_task, sent));
            self.next_task += 1;
        }
    }

    /// What worker `index` said; `Some` when it ends the mode. No task is handed out until
    /// every worker has the code, as `multiprocessing.Pool(k)` has started its k processes
    /// before `map` hands out the first task: otherwise, where interpreters start at different
    /// speeds, the first one ready would take every task before the others could.
    #[allow(clippy::too_many_arguments)]
    fn hear(
        &mut self,
        workers: &[PyWorker],
        index: usize,
        message: FromWorker,
        bytes: u64,
        code: &str,
        log: &mut ModeLog,
        version: &mut Option<String>,
        status: &dyn Fn(String),
    ) -> Option<Ending> {
        let worker = &workers[index];
        match message {
            FromWorker::Ready {
                ready, version: v, ..
            } => {
                log.workers[index].ready = Some(ready);
                version.get_or_insert(v);
                worker.send(&ToWorker::Define {
                    code: code.to_owned(),
                });
            }
            FromWorker::Failed { error } => {
                return Some(Ending::Broken(format!(
                    "the Python interpreter of worker {} failed: {error}",
                    index + 1
                )));
            }
            FromWorker::DefineError { traceback } => return Some(Ending::CodeFailed(traceback)),
            FromWorker::Defined { .. } => {
                self.defined += 1;
                if self.defined < self.count {
                    return None;
                }
                status(format!("{}: running {} tasks…", self.mode.label(), self.n));
                if self.mode == PyMode::Coroutines {
                    worker.send(&ToWorker::Gather { n: self.n });
                } else {
                    for (each, w) in workers.iter().enumerate() {
                        self.hand_out(w, each);
                    }
                }
            }
            FromWorker::Result(outcome) => {
                let sent = self.pending[index].take().map_or(0, |(_, b)| b);
                log.tasks.push((index as u32, outcome, sent + bytes));
                self.done += 1;
                if self.done == self.n {
                    return Some(Ending::Finished);
                }
                self.hand_out(worker, index);
            }
            FromWorker::Gathered { tasks, .. } => {
                let each = bytes / u64::from(self.n.max(1));
                log.tasks
                    .extend(tasks.into_iter().map(|t: TaskOutcome| (0, t, each)));
                return Some(Ending::Finished);
            }
        }
        None
    }
}

fn starting(mode: PyMode, count: usize) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!(
        "{}: starting {count} Python interpreter{plural}…",
        mode.label()
    )
}

impl Default for ModeRun {
    fn default() -> Self {
        Self::new()
    }
}
