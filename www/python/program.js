// A process of a program in the Python lab's program form (`lab=python`, `program=1.…`): one
// Pyodide interpreter in this module worker, which runs one process (the main one, or a child
// of multiprocessing) and is then ended by the page: a fresh interpreter for every process, as
// spawn gives. It starts the interpreter and says `ready`; on `run` it hands the program to
// program_runtime.py (and, for a child, its pickled Process), sends each write to stdout or
// stderr as it happens (`out`), asks the page to start children (`spawn`, with the shared memory
// their arguments hold) or to end one (`terminate`), and ends with the exit status (`exited`).
// Messages to the page are JSON text (src/own_python/program_protocol.rs), `spawn` an object
// around it; the page's are objects: first { module, snapshot }, then { text: JSON, table,
// payload, shared }.
import { loadPyodide } from './pyodide/pyodide.mjs';
import * as shared from './shared_memory.js';

const now = () => performance.timeOrigin + performance.now();
const started = now();
const post = (message) => postMessage(JSON.stringify(message));
let me = { pid: 0 };

// time.sleep waits here: on shared memory where the page is cross-origin isolated (the worker
// then uses no CPU while it sleeps), else by spinning on the clock (the record says which).
const blocks = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
const cell = blocks ? new Int32Array(new SharedArrayBuffer(4)) : null;
// Without isolation the clock is coarse (Firefox rounds it to a millisecond, with jitter), so a
// spinning sleep goes on 2 ms longer: Python's own clock must see at least the time asked.
const COARSE_MS = cell ? 0 : 2;
self.cpSleep = (ms) => timed('sleep', () => {
  const end = performance.now() + ms + (ms > 0 ? COARSE_MS : 0);
  for (let left = ms; left > 0; left = end - performance.now()) {
    if (cell) Atomics.wait(cell, 0, 0, left);
  }
});
self.cpWrite = (stream, text) => post({ kind: 'out', pid: me.pid, stream, text, t: now() });

// What this process waited on, and when (for the run's timeline): [what, from, to], at most
// MAX_WAITS of them; waits under 0.05 ms are not kept.
const MAX_WAITS = 2000;
const waits = [];
let waitsDropped = 0;
function keep(what, from, to) {
  if (to - from < 0.05) return;
  if (waits.length < MAX_WAITS) waits.push([what, from, to]);
  else waitsDropped += 1;
}
function timed(what, wait) {
  const from = now();
  const result = wait();
  keep(what, from, now());
  return result;
}

// Python's bytes, as a Uint8Array.
const bytesOf = (data) => {
  const bytes = data.toJs();
  data.destroy?.();
  return bytes;
};

// The process table (from the page), and what the runtime calls for processes.
let table = null;
const cp = {
  sharedMemory: () => table !== null,
  running: () => Atomics.load(table, 1),
  spawn(payload, memory, name, daemon, identity) {
    const pid = Atomics.add(table, 0, 1);
    if (pid >= shared.slots(table)) throw new Error(`at most ${shared.slots(table) - 2} processes may be started in one run`);
    Atomics.store(table, 2 * pid, 1);
    Atomics.add(table, 1, 1);
    const sabs = memory.toJs({ dict_converter: Object.fromEntries });
    memory.destroy?.();
    const ids = identity.toJs();
    identity.destroy?.();
    const text = JSON.stringify({ kind: 'spawn', pid, parent: me.pid, name, daemon, identity: ids, t: now() });
    postMessage({ text, payload: bytesOf(payload), shared: sabs });
    return pid;
  },
  join: (pid, timeout) => timed('join', () => shared.join(table, pid, timeout)),
  processState: (pid) => shared.processState(table, pid),
  terminate: (pid) => post({ kind: 'terminate', pid, by: me.pid, t: now() }),
  newQueue: (capacity, maxItems) => shared.newQueue(capacity, maxItems),
  queuePut: (sab, data, timeout) => {
    const bytes = bytesOf(data);
    return timed('queue-put', () => shared.queuePut(sab, bytes, timeout));
  },
  queueGet: (sab, timeout) => timed('queue-get', () => shared.queueGet(sab, timeout)),
  queueCounts: (sab) => shared.queueCounts(sab),
  queueTaskDone: (sab) => shared.queueTaskDone(sab),
  queueJoin: (sab, timeout) => timed('join', () => shared.queueJoin(sab, timeout)),
  newValues: (code, count) => shared.newValues(code, count),
  typeSize: (code) => shared.typeSize(code),
  valueGet: (sab, code, i) => shared.valueGet(sab, code, i),
  valueSet: (sab, code, i, v) => shared.valueSet(sab, code, i, v),
  valueLock: (sab) => shared.valueLock(sab),
  lockAcquire: (words, at, timeout) => timed('lock', () => shared.lockAcquire(words, at, timeout)),
  lockRelease: (words, at) => shared.lockRelease(words, at),
  eventWait: (words, at, timeout) => timed('event', () => shared.eventWait(words, at, timeout)),
  eventSet: (words, at, value) => shared.eventSet(words, at, value),
  now,
  pickled: (from, to) => keep('pickling', from, to),
};

let pyodide = null;
let runtime = null;

const source = (name) => fetch(new URL(`./${name}`, import.meta.url)).then((r) => {
  if (!r.ok) throw new Error(`${name}: ${r.status}`);
  return r.text();
});

// The page's first message is { module, snapshot } for every process of the page: Pyodide's
// WebAssembly module, compiled once (instantiating it skips compiling 10 MB of WebAssembly
// again), and the page's snapshot of a started interpreter (restoring it skips starting Python:
// a few hundred milliseconds, not two seconds). Either may be null. The worker asked to make
// that snapshot ({ module, makeSnapshot: true }) starts Python the long way, imports PRELOADED,
// and sends its memory back; the page then ends it.
let given;
const first = new Promise((resolve) => { given = resolve; });
const PRELOADED = [
  'asyncio', 'asyncio.events', 'asyncio.runners', 'builtins', 'collections', 'concurrent.futures',
  'functools', 'io', 'itertools', 'json', 'math', 'multiprocessing', 'multiprocessing.pool',
  'os', 'pickle', 'queue', 'random', 'runpy', 'threading', 'time', 'traceback', 'types',
];

async function loadInterpreter({ module, snapshot, makeSnapshot }) {
  if (module instanceof WebAssembly.Module) {
    WebAssembly.instantiateStreaming = async (source, imports) => {
      (await source)?.body?.cancel?.();
      return { instance: await WebAssembly.instantiate(module, imports), module };
    };
  }
  const options = { indexURL: new URL('./pyodide/', import.meta.url).href };
  if (makeSnapshot) return [await loadPyodide({ ...options, _makeSnapshot: true }), false];
  if (snapshot instanceof Uint8Array) {
    // A snapshot in shared memory is copied into this worker's own (Pyodide decodes it).
    const own = snapshot.buffer instanceof ArrayBuffer ? snapshot : snapshot.slice();
    return [await loadPyodide({ ...options, _loadSnapshot: own }), true];
  }
  return [await loadPyodide(options), false];
}

async function makeSnapshot(asked) {
  const [loaded] = await loadInterpreter(asked);
  loaded.runPython(`import ${PRELOADED.join(', ')}`);
  const snapshot = loaded.makeMemorySnapshot();
  postMessage({ snapshot }, [snapshot.buffer]);
}

async function start() {
  const asked = await first;
  if (asked.makeSnapshot) return makeSnapshot(asked);
  const [[loaded, restored], runtimeSource, processesSource] = await Promise.all([
    loadInterpreter(asked),
    source('program_runtime.py'),
    source('program_processes.py'),
  ]);
  pyodide = loaded;
  const processes = pyodide.runPython('import sys, types; m = types.ModuleType("_cp_processes"); sys.modules["_cp_processes"] = m; m.__dict__');
  pyodide.runPython(processesSource, { globals: processes, filename: 'program_processes.py' });
  runtime = pyodide.toPy({ __name__: 'program_runtime' });
  pyodide.runPython(runtimeSource, { globals: runtime, filename: 'program_runtime.py' });
  const version = pyodide.runPython('import sys; sys.version.split()[0]');
  post({ kind: 'ready', started, ready: now(), version, sleep_blocks: blocks, snapshot: restored });
}

function run(message, data) {
  table = data.table ? new Int32Array(data.table) : null;
  me = { pid: message.pid, parent: message.parent, name: message.name, daemon: message.daemon, identity: message.identity, cores: message.cores };
  const begun = now();
  const args = [message.main, message.files, message.argv, cp, me];
  const result = message.child
    ? runtime.get('run_child')(...args, data.payload, data.shared ?? {})
    : runtime.get('run')(...args);
  const [status, cut, queues] = result.toJs();
  post({ kind: 'exited', pid: me.pid, status, cut, begun, t: now(), waits, waits_dropped: waitsDropped, queues });
}

const starting = start();
let chain = starting.catch((error) => post({ kind: 'failed', error: String(error?.message ?? error) }));
self.onmessage = (event) => {
  if ('module' in event.data) {
    given(event.data);
    return;
  }
  chain = chain.then(() => {
    if (!pyodide) return;
    try {
      const message = JSON.parse(event.data.text);
      if (message.kind !== 'run') throw new Error(`unknown message ${message.kind}`);
      run(message, event.data);
    } catch (error) {
      post({ kind: 'failed', error: String(error?.message ?? error) });
    }
  });
};
