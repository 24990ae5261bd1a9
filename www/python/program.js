// A program's interpreter in the Python lab's program form (`lab=python`, `program=1.…`): one
// Pyodide interpreter in this module worker, which runs one whole program, as `python3 MAIN
// ARGS` would, and is then ended by the page (a fresh interpreter for every run, as a fresh
// process is). It starts the interpreter and says `ready`; on `run` it hands the program to
// program_runtime.py, sends each write to stdout or stderr as it happens (`out`), and ends with
// the exit status (`exited`). Messages are JSON text (src/own_python/program_protocol.rs).
import { loadPyodide } from './pyodide/pyodide.mjs';

const now = () => performance.timeOrigin + performance.now();
const started = now();
const post = (message) => postMessage(JSON.stringify(message));

// time.sleep waits here: on shared memory where the page is cross-origin isolated (the worker
// then uses no CPU while it sleeps), else the runtime keeps Pyodide's own sleep.
const blocks = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
const cell = blocks ? new Int32Array(new SharedArrayBuffer(4)) : null;
self.cpSleepBlocks = () => blocks;
self.cpSleep = (ms) => {
  if (cell) Atomics.wait(cell, 0, 0, ms);
};
self.cpWrite = (stream, text) => post({ kind: 'out', stream, text, t: now() });

let pyodide = null;
let runtime = null;

async function start() {
  const [loaded, source] = await Promise.all([
    loadPyodide({ indexURL: new URL('./pyodide/', import.meta.url).href }),
    fetch(new URL('./program_runtime.py', import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`program_runtime.py: ${r.status}`);
      return r.text();
    }),
  ]);
  pyodide = loaded;
  runtime = pyodide.toPy({ __name__: 'program_runtime' });
  pyodide.runPython(source, { globals: runtime, filename: 'program_runtime.py' });
  const version = pyodide.runPython('import sys; sys.version.split()[0]');
  post({ kind: 'ready', started, ready: now(), version, sleep_blocks: blocks });
}

function run(message) {
  const files = pyodide.toPy(message.files);
  const argv = pyodide.toPy(message.argv);
  const begun = now();
  const [status, cut] = runtime.get('run')(message.main, files, argv).toJs();
  post({ kind: 'exited', status, cut, begun, t: now() });
}

const starting = start();
let chain = starting.catch((error) => post({ kind: 'failed', error: String(error?.message ?? error) }));
self.onmessage = (event) => {
  chain = chain.then(() => {
    if (!pyodide) return;
    try {
      const message = JSON.parse(event.data);
      if (message.kind !== 'run') throw new Error(`unknown message ${message.kind}`);
      run(message);
    } catch (error) {
      post({ kind: 'failed', error: String(error?.message ?? error) });
    }
  });
};
