// A Python worker of the Python lab (`lab=python`): one interpreter (Pyodide, CPython compiled
// to WebAssembly) in this module worker, as a process of `multiprocessing` has its own. It
// starts the interpreter, then answers the page's messages one at a time (JSON text, the
// protocol of src/own_python/protocol.rs): `define` runs the student's code in a fresh module,
// `task` calls task(i, n) and sends back its value pickled, `gather` runs task_async(i, n) for
// every i on the interpreter's event loop and times each coroutine's steps between awaits.
// The student's code runs only here, never on the page's thread; the page ends a runaway task
// by terminating this worker.
import { loadPyodide } from './pyodide/pyodide.mjs';

const now = () => performance.timeOrigin + performance.now();
const started = now();
const post = (message) => postMessage(JSON.stringify(message));

// Helpers in their own namespace, apart from the student's module.
const HELPERS = String.raw`
import asyncio, base64, json, pickle, sys, traceback
from js import performance

OUT_CAP = 4000

def _now():
    return performance.timeOrigin + performance.now()

class _Out:
    """Keeps what each task prints, at most OUT_CAP characters each."""
    def __init__(self):
        self.current = None
        self.buffers = {}
    def write(self, text):
        kept = self.buffers.setdefault(self.current, ["", False])
        room = OUT_CAP - len(kept[0])
        if len(text) > room:
            kept[1] = True
        kept[0] += text[:max(room, 0)]
        return len(text)
    def flush(self):
        pass
    def take(self, key):
        return self.buffers.pop(key, ["", False])

_out = _Out()
sys.stdout = sys.stderr = _out
_module = None

def _traceback(error, skip):
    tb = error.__traceback__
    for _ in range(skip):
        tb = tb.tb_next if tb is not None else None
    return "".join(traceback.format_exception(type(error), error, tb))

def _define(code):
    global _module
    _module = {"__name__": "task_module", "__builtins__": __builtins__}
    try:
        exec(compile(code, "task.py", "exec"), _module)
    except BaseException as error:
        _module = None
        return json.dumps({"kind": "define_error", "traceback": _traceback(error, 1)})
    if not callable(_module.get("task")):
        _module = None
        return json.dumps({"kind": "define_error", "traceback": "The code defines no function task(i, n): every mode calls it (and Coroutines calls task_async(i, n) if the code defines it)."})
    return json.dumps({"kind": "defined", "has_async": callable(_module.get("task_async"))})

def _finish(result, i, value=None, error=None):
    if error is not None:
        result["error"] = _traceback(error, 1)
    else:
        result["repr"] = repr(value)
        begun = _now()
        try:
            result["pickle"] = base64.b64encode(pickle.dumps(value)).decode()
        except Exception as failure:
            result["error"] = "The value could not be pickled, so it could not cross to the page as multiprocessing would send it: " + repr(failure)
        result["pickle_ms"] = _now() - begun
    out, cut = _out.take(i)
    result["out"], result["out_cut"] = out, cut
    return result

def _task(i, n):
    _out.current = i
    start = _now()
    try:
        value = _module["task"](i, n)
    except BaseException as error:
        _out.current = None
        return json.dumps(dict(kind="result", **_finish({"i": i, "start": start, "end": _now()}, i, error=error)))
    end = _now()
    _out.current = None
    return json.dumps(dict(kind="result", **_finish({"i": i, "start": start, "end": end}, i, value)))

class _Timed:
    """Drives a coroutine step by step, timing each stretch the loop runs it."""
    def __init__(self, coroutine, i, steps):
        self.coroutine, self.i, self.steps = coroutine, i, steps
    def __await__(self):
        sent, thrown = None, None
        while True:
            _out.current = self.i
            begun = _now()
            try:
                if thrown is not None:
                    awaited = self.coroutine.throw(thrown)
                else:
                    awaited = self.coroutine.send(sent)
            except StopIteration as stop:
                self.steps.append((begun, _now()))
                _out.current = None
                return stop.value
            except BaseException:
                self.steps.append((begun, _now()))
                _out.current = None
                raise
            self.steps.append((begun, _now()))
            _out.current = None
            try:
                sent, thrown = (yield awaited), None
            except BaseException as error:
                sent, thrown = None, error

async def _gather(n):
    task_async = _module.get("task_async")
    if task_async is None:
        async def task_async(i, n):
            return _module["task"](i, n)
    async def one(i):
        steps = []
        start = _now()
        try:
            value = await _Timed(task_async(i, n), i, steps)
        except Exception as error:
            return _finish({"i": i, "start": start, "end": _now(), "steps": steps}, i, error=error)
        return _finish({"i": i, "start": start, "end": _now(), "steps": steps}, i, value)
    start = _now()
    tasks = await asyncio.gather(*(one(i) for i in range(n)))
    return json.dumps({"kind": "gathered", "tasks": tasks, "start": start, "end": _now()})
`;

let pyodide = null;
let helpers = null;

async function start() {
  pyodide = await loadPyodide({ indexURL: new URL('./pyodide/', import.meta.url).href });
  helpers = pyodide.toPy({});
  pyodide.runPython(HELPERS, { globals: helpers });
  const version = pyodide.runPython('import sys; sys.version.split()[0]');
  post({ kind: 'ready', started, ready: now(), version });
}

async function handle(message) {
  const call = (name, ...args) => helpers.get(name)(...args);
  switch (message.kind) {
    case 'define': post(JSON.parse(call('_define', message.code))); break;
    case 'task': post(JSON.parse(call('_task', message.i, message.n))); break;
    case 'gather': {
      helpers.set('_n', message.n);
      post(JSON.parse(await pyodide.runPythonAsync('await _gather(_n)', { globals: helpers })));
      break;
    }
    default: throw new Error(`unknown message ${message.kind}`);
  }
}

const starting = start();
let chain = starting.catch((error) => post({ kind: 'failed', error: String(error?.message ?? error) }));
self.onmessage = (event) => {
  chain = chain.then(async () => {
    if (!pyodide) return;
    try {
      await handle(JSON.parse(event.data));
    } catch (error) {
      post({ kind: 'failed', error: String(error?.message ?? error) });
    }
  });
};
