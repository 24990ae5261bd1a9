"""The runtime of the Python lab's programs (www/python/program.js runs it in each program's
interpreter): it runs a whole program as `python3 MAIN ARGS` would, with `__name__ ==
"__main__"`, its files importable from the working directory, what it prints sent to the page
as it is printed, and its exit status at the end. It also takes down, where the browser allows,
the walls Pyodide meets as it comes: `time.sleep` blocks its worker without spinning (on shared
memory, where the page is cross-origin isolated), and `asyncio.run` runs the program's
coroutines on an event loop that blocks between its timers, in every engine (with or without
WebAssembly stack switching). What cannot exist here says so: threads, `input()`, and starting
processes raise exceptions that name what is missing and where to go instead.

Processes are program_processes.py's (loaded beside this as the module _cp_processes): the
main process runs `run`, each child `run_child`.

The page hands it two JavaScript functions: cpWrite(stream, text) and cpSleep(ms) (which waits
on shared memory where the page is cross-origin isolated, and spins on the clock elsewhere).
"""

import asyncio
import asyncio.events
import asyncio.runners
import builtins
import io
import os
import runpy
import sys
import threading
import time
import traceback
import types

from js import cpSleep, cpWrite

# What a program may print in all before the rest is left out (the page says so).
OUT_CAP = 200_000
# Where the program's files are, and its working directory.
HOME = "/home/pyodide"

THREADS_MESSAGE = (
    "this page's Python (Pyodide: CPython compiled to WebAssembly) cannot start threads; its "
    "default build has none. To see threads and the GIL, run the main lab's Threads + GIL mode "
    "(?modes=sequential,gil,threads) and read the GIL lesson (?lesson=gil-cpu)."
)
INPUT_MESSAGE = (
    "input(): a program here has no keyboard; give it its values as command-line arguments "
    "(sys.argv) instead."
)


class _Out(io.TextIOBase):
    """A program's stdout or stderr. Writes are kept until a line ends (or a carriage return,
    a flush, the other stream's write, a sleep, the end), then go to the page, up to OUT_CAP
    characters in all: a terminal shows them so, in the order they were written."""

    sent = 0
    cut = False
    pending = []
    pending_stream = None

    def __init__(self, name):
        super().__init__()
        self._name = name

    @property
    def name(self):
        return "<" + self._name + ">"

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        if _Out.pending_stream != self._name:
            _Out.send()
            _Out.pending_stream = self._name
        _Out.pending.append(text)
        if "\n" in text or "\r" in text or sum(map(len, _Out.pending)) > 4096:
            _Out.send()
        return len(text)

    def flush(self):
        _Out.send()

    @staticmethod
    def send():
        """Sends what is kept, within the cap."""
        text = "".join(_Out.pending)
        _Out.pending.clear()
        room = OUT_CAP - _Out.sent
        if len(text) > room:
            _Out.cut = True
        kept = text[: max(room, 0)]
        if kept:
            _Out.sent += len(kept)
            cpWrite(_Out.pending_stream, kept)


def _sleep(seconds):
    """time.sleep: the worker waits on shared memory where it can, else spins on the clock."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    _Out.send()
    cpSleep(float(seconds) * 1000.0)


class _SleepSelector:
    """What the event loop waits on between its timers: a sleep (a program here has no sockets)."""

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError(
                "the event loop would wait forever: no coroutine is ready and no timer is due"
            )
        if timeout > 0:
            _sleep(timeout)
        return []

    def close(self):
        pass


class _BlockingLoop(asyncio.BaseEventLoop):
    """asyncio's own loop (asyncio.BaseEventLoop), waiting by sleeping between its timers, as
    CPython's waits in select(): a coroutine that blocks the loop blocks every other."""

    def __init__(self):
        super().__init__()
        self._selector = _SleepSelector()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


def _asyncio_run(main, *, debug=None, loop_factory=None):
    # Pyodide's own loop counts as running in the interpreter; the program's is its own.
    asyncio.events._set_running_loop(None)
    return _runner_run(main, debug=debug, loop_factory=loop_factory or _BlockingLoop)


_runner_run = asyncio.runners.run


def _no_threads(*args, **kwargs):
    raise RuntimeError("threading: " + THREADS_MESSAGE)


def _no_input(prompt=""):
    if prompt:
        sys.stdout.write(str(prompt))
    raise EOFError(INPUT_MESSAGE)


def _install(js, me):
    sys.modules["_cp_processes"].install(js, me)
    sys.stdout = _Out("stdout")
    sys.stderr = _Out("stderr")
    time.sleep = _sleep
    asyncio.run = _asyncio_run
    asyncio.new_event_loop = _BlockingLoop
    threading.Thread.start = _no_threads
    builtins.input = _no_input


def _traceback_from(error, main_path):
    """The traceback as CPython prints it for `python3 MAIN`: from the program's first frame."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != main_path:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb))


def _prepare(files, main, argv, name):
    """Writes the files and makes the main module, named `name`, the program's __main__."""
    for file, text in files.items():
        with open(os.path.join(HOME, file), "w", encoding="utf-8") as f:
            f.write(text)
    os.chdir(HOME)
    main_path = os.path.join(HOME, main)
    sys.argv = [main_path] + list(argv)
    sys.path.insert(0, HOME)
    module = types.ModuleType(name)
    module.__file__ = main_path
    module.__builtins__ = builtins
    sys.modules["__main__"] = sys.modules["__mp_main__"] = module
    code = compile(files[main], main_path, "exec")
    return module, code, main_path


def _exit_status(leaving):
    code = leaving.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(str(code) + "\n")
    return 1


def run(main, files, argv, js, me):
    """Runs `main` as __main__ with `argv`; returns (exit status, cut, the queues' counts)."""
    _install(js, me.to_py())
    files = files.to_py()
    main_path = os.path.join(HOME, main)
    status = 0
    try:
        module, code, _ = _prepare(files, main, argv.to_py(), "__main__")
        exec(code, module.__dict__)
    except SystemExit as leaving:
        status = _exit_status(leaving)
    except BaseException as error:
        sys.stderr.write(_traceback_from(error, main_path))
        status = 1
    processes = sys.modules["_cp_processes"]
    try:
        processes._at_exit()
    except BaseException as error:
        sys.stderr.write("".join(traceback.format_exception(error)))
    _Out.send()
    queues = processes.queue_counts() if processes.cp.sharedMemory() else []
    return status, _Out.cut, queues


def run_child(main, files, argv, js, me, payload, memory):
    """A child process, as spawn starts one: imports `main` as __mp_main__, unpickles the
    Process and runs it; returns (exit code, cut, no queues' counts)."""
    processes = sys.modules["_cp_processes"]
    me = me.to_py()
    _install(js, me)
    files = files.to_py()
    status = 1
    try:
        processes.ME["bootstrapping"] = True
        module, code, main_path = _prepare(files, main, argv.to_py(), "__mp_main__")
        exec(code, module.__dict__)
        processes.ME["bootstrapping"] = False
        process = processes.loads(bytes(payload.to_bytes()), memory.to_py(depth=1))
        status = processes._bootstrap(process)
    except SystemExit as leaving:
        status = _exit_status(leaving)
    except BaseException as error:
        sys.stderr.write("".join(traceback.format_exception(error)))
        status = 1
    _Out.send()
    return status, _Out.cut, []
