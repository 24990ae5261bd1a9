//! One Python `main` per execution mode: how the same tasks are run (a loop, a thread pool with
//! or without the GIL, a process pool, coroutines on an event loop), and the comment that says
//! what the mode is in CPython and where it differs from the page.

use crate::settings::{GilVersion, Key, Mode, Settings};

/// What the top of a mode's program says about it.
pub fn notes(mode: Mode, settings: &Settings) -> String {
    match mode {
        Mode::Sequential => "Sequential: one task after another in a plain for loop (the lecture's practical\nexample 1).".to_owned(),
        Mode::Threads => "Threads without a GIL: the same thread pool as Threads + GIL. Under the standard CPython\n\
            the GIL lets one thread compute at a time, so CPU-bound tasks do not speed up. To see the\n\
            threads scale with the cores as on the page, run it with free-threaded CPython:\n\
            `python3.13t` or `python3.14t` (with PYTHON_GIL=0 if an extension turns the GIL back on).\n\
            The JSON line's \"gil_enabled\" is sys._is_gil_enabled(): false when the GIL is off.".to_owned(),
        Mode::Gil => {
            let mut text = format!(
                "Threads + GIL: CPython's threading, through concurrent.futures.ThreadPoolExecutor, with\n\
                 the GIL's switch interval set to the page's {} ms (sys.setswitchinterval takes seconds).\n\
                 CPU-bound threads take turns holding the GIL (the lecture's practical example 2); a\n\
                 thread that waits for IO lets the others run.",
                settings.get(Key::SwitchMs)
            );
            if settings.gil == GilVersion::Old {
                text.push_str(
                    "\n\nThe page modelled Python 2's old GIL (released every `ticks` steps, then fought\n\
                     for). Python 3 cannot reproduce it: the old GIL was replaced in CPython 3.2 and\n\
                     sys.setcheckinterval was removed in 3.9. This program runs the new GIL instead.",
                );
            }
            text
        }
        Mode::Processes => "Processes: concurrent.futures.ProcessPoolExecutor under the `if __name__ == \"__main__\":`\n\
            guard (the lecture's practical example 3). Each worker is an operating-system process\n\
            with its own interpreter and GIL; tasks and results are pickled to cross between them.\n\
            On Python 3.14 concurrent.futures.InterpreterPoolExecutor runs the same tasks in\n\
            subinterpreters of one process, each with its own GIL: swap it in to try them.".to_owned(),
        Mode::Coroutines => "Coroutines: every task is an asyncio task on one event loop in one thread (TaskGroup on\n\
            3.11+, gather before). Waits are `await asyncio.sleep(...)`, so they overlap; computing\n\
            yields to the loop only every `yield_every` steps (`await asyncio.sleep(0)`), and never\n\
            when it is 0, so a computing coroutine holds up all the others.".to_owned(),
        Mode::Gpu => "GPU: a Numba CUDA kernel (python::gpu writes it); it needs a GPU and packages.".to_owned(),
    }
}

/// The imports a mode needs beyond the shared ones.
pub fn imports(mode: Mode) -> &'static str {
    match mode {
        Mode::Sequential => "",
        Mode::Threads | Mode::Gil => {
            "import threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
        }
        Mode::Processes => "from concurrent.futures import ProcessPoolExecutor\n",
        Mode::Coroutines => "import asyncio\n",
        Mode::Gpu => "from numba import cuda\n",
    }
}

const SEQUENTIAL: &str = r#"
def unit_name():
    return "main thread"


def main():
    began = time.perf_counter()
    done = []
    for task in make_tasks():
        done.append(run_task(task))
    report(done, began)
"#;

const THREADS: &str = r#"
def unit_name():
    return threading.current_thread().name


def main():
    tasks = make_tasks()
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SETTINGS["workers"]) as pool:
        done = list(pool.map(run_task, tasks))
    report(done, began)
"#;

const GIL: &str = r#"
def unit_name():
    return threading.current_thread().name


def main():
    sys.setswitchinterval(SETTINGS["switch_ms"] / 1000)
    tasks = make_tasks()
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SETTINGS["workers"]) as pool:
        done = list(pool.map(run_task, tasks))
    report(done, began, switch_interval_ms=sys.getswitchinterval() * 1000)
"#;

const PROCESSES: &str = r#"
def unit_name():
    return f"process {os.getpid()}"


def main():
    # Start-up (spawning the processes) counts from here to the first task's start. Task times
    # are time.perf_counter() read in each process: one system-wide monotonic clock on Linux,
    # macOS and Windows, so they line up with this process's.
    tasks = make_tasks()
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=SETTINGS["workers"]) as pool:
        done = list(pool.map(run_task, tasks))
    report(done, began)
"#;

const COROUTINES: &str = r#"
YIELD_EVERY = SETTINGS["yield_every"]


async def run_coroutine(task, created):
    """One task as a coroutine: awaits its waits, and yields every YIELD_EVERY steps of work.
    It starts when it is created, as under gather, whenever the loop first runs it."""
    steps, computed = task_steps(task), 0
    while True:
        try:
            wait_ms = next(steps)
        except StopIteration as done:
            return task[0], f"coroutine {task[0]}", created, time.perf_counter(), done.value
        if wait_ms is not None:
            await asyncio.sleep(wait_ms / 1000)
            continue
        computed += 1
        if YIELD_EVERY and computed >= YIELD_EVERY:
            computed = 0
            await asyncio.sleep(0)


async def run_all(tasks):
    if hasattr(asyncio, "TaskGroup"):  # Python 3.11+
        async with asyncio.TaskGroup() as group:
            running = [group.create_task(run_coroutine(t, time.perf_counter())) for t in tasks]
        return [r.result() for r in running]
    return await asyncio.gather(*(run_coroutine(t, time.perf_counter()) for t in tasks))


def main():
    tasks = make_tasks()
    began = time.perf_counter()
    done = asyncio.run(run_all(tasks))
    report(done, began)
"#;

/// The mode's Python: `unit_name()` and `main()`.
pub fn source(mode: Mode) -> &'static str {
    match mode {
        Mode::Sequential => SEQUENTIAL,
        Mode::Threads => THREADS,
        Mode::Gil => GIL,
        Mode::Processes => PROCESSES,
        Mode::Coroutines => COROUTINES,
        // `program` writes the GPU's program itself (`python::gpu`), never from these parts.
        Mode::Gpu => "",
    }
}
