//! The locks lab's experiments as CPython programs, one per experiment, with the lab's settings
//! (`threading.Lock`, `queue.Queue`, `multiprocessing.Value`/`Queue`, `asyncio.Lock`/`Queue`).
//! Each prints what it found and ends with one JSON line (`"lab": "locks"`) holding the
//! settings, the results and the Python version, in the form of the main lab's programs.

use crate::settings::{Experiment, Key, Settings};

/// The file name for the experiment's program.
pub fn file_name(settings: &Settings) -> String {
    format!("locks_{}.py", settings.experiment.name())
}

/// The whole program for the settings' experiment.
pub fn program(settings: &Settings) -> String {
    let entries: Vec<String> = Key::ALL
        .iter()
        .filter(|k| k.spec().scope.in_locks_lab(settings.experiment))
        .map(|&k| match k {
            Key::Experiment => format!("    \"experiment\": \"{}\",", settings.get(k)),
            _ => format!("    \"{}\": {},", k.name(), settings.get(k)),
        })
        .collect();
    format!(
        "\"\"\"The locks lab's {} experiment, as the page ran it: {}\n\nRun it with python3 \
         (3.10 or later); it prints its results and ends with one JSON line.\"\"\"\n{HEADER}\
         SETTINGS = {{\n{}\n}}\n{}",
        settings.experiment.name(),
        about(settings.experiment),
        entries.join("\n"),
        body(settings.experiment)
    )
}

fn about(experiment: Experiment) -> &'static str {
    match experiment {
        Experiment::Counters => {
            "threads add 1 to one counter without a lock, with a lock, and atomically."
        }
        Experiment::Contention => {
            "throughput against threads when a share of each step holds one lock."
        }
        Experiment::Queue => {
            "producers and consumers through a bounded queue.Queue, with a sentinel per consumer."
        }
        Experiment::Processes => {
            "the counter in processes: a plain global, multiprocessing.Value, and counts sent back."
        }
        Experiment::Coroutines => {
            "the counter on one asyncio loop, with and without an await inside the update."
        }
    }
}

const HEADER: &str = r#"
import json
import os
import platform
import sys
import time

"#;

/// The end every program shares: the JSON line.
const REPORT: &str = r#"

def report(results):
    print(json.dumps({"lab": "locks", "settings": SETTINGS, "results": results,
                      "python": platform.python_version(), "cpu_count": os.cpu_count()}))
"#;

fn body(experiment: Experiment) -> String {
    let own = match experiment {
        Experiment::Counters => COUNTERS,
        Experiment::Contention => CONTENTION,
        Experiment::Queue => QUEUE,
        Experiment::Processes => PROCESSES,
        Experiment::Coroutines => COROUTINES,
    };
    format!("{REPORT}{own}")
}

const COUNTERS: &str = r#"
import itertools
import threading

counter = 0
lock = threading.Lock()


def pause():
    """A call between the read and the write: CPython may switch threads when a function
    starts, so another thread can run between `value = counter` and `counter = value + 1`
    (with `counter += 1` alone, 3.10+ rarely switches in the middle)."""


def unsynchronized(n):
    global counter
    for _ in range(n):
        value = counter
        pause()
        counter = value + 1


def with_lock(n):
    global counter
    for _ in range(n):
        with lock:
            value = counter
            pause()
            counter = value + 1


ticket = itertools.count(1)
last = [0]


def atomic(n):
    # Python has no atomic add; next() on itertools.count is one step under the GIL.
    for _ in range(n):
        last[0] = max(last[0], next(ticket))


def run(kind, target):
    global counter
    counter = 0
    threads = [threading.Thread(target=target, args=(SETTINGS["increments"],))
               for _ in range(SETTINGS["threads"])]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall_ms = (time.perf_counter() - start) * 1000
    actual = last[0] if kind == "atomic" else counter
    expected = SETTINGS["threads"] * SETTINGS["increments"]
    print(f"{kind:>14}: expected {expected}, actual {actual}, lost {expected - actual}, {wall_ms:.1f} ms")
    return {"kind": kind, "expected": expected, "actual": actual, "wall_ms": wall_ms}


if __name__ == "__main__":
    report([run("unsynchronized", unsynchronized), run("mutex", with_lock), run("atomic", atomic)])
"#;

const CONTENTION: &str = r#"
import threading

STEP_ROUNDS = 200  # a step of work; the page's steps are a few µs of Rust, this is Python's


def work(rounds, x):
    x |= 1
    for _ in range(rounds):
        x ^= x >> 29
        x = (x * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    return x


def point(threads, share):
    inside = STEP_ROUNDS * share // 100
    outside = STEP_ROUNDS - inside
    lock = threading.Lock()
    total = [0]
    steps = SETTINGS["steps"]

    def body(i):
        mine = steps // threads + (1 if i < steps % threads else 0)
        for step in range(mine):
            x = work(outside, step)
            with lock:
                work(inside, x)
                total[0] += 1

    workers = [threading.Thread(target=body, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall_ms = (time.perf_counter() - start) * 1000
    print(f"{threads:>2} threads, {share:>3}% inside the lock: {steps / wall_ms:8.1f} steps/ms")
    return {"threads": threads, "lock_share": share, "wall_ms": wall_ms, "total": total[0]}


if __name__ == "__main__":
    share = SETTINGS["lock_share"]
    shares = sorted([share, 0 if share > 50 else 100])
    top = min(max(SETTINGS["threads"] * 2, 2), 16)
    report([point(n, s) for s in shares for n in range(1, top + 1)])
"#;

const QUEUE: &str = r#"
import queue
import threading

SENTINEL = None


def main():
    q = queue.Queue(maxsize=SETTINGS["capacity"])
    producers, consumers, items = SETTINGS["producers"], SETTINGS["consumers"], SETTINGS["items"]
    taken = [[] for _ in range(consumers)]
    blocked = {"put": 0.0, "get": 0.0}
    timing = threading.Lock()

    def produce(p):
        waited = 0.0
        for k in range(items // producers + (1 if p < items % producers else 0)):
            t = time.perf_counter()
            q.put(p + k * producers)  # waits while the queue is full
            waited += time.perf_counter() - t
        with timing:
            blocked["put"] += waited

    def consume(c):
        waited = 0.0
        while True:
            t = time.perf_counter()
            item = q.get()  # waits while the queue is empty
            waited += time.perf_counter() - t
            if item is SENTINEL:
                break
            taken[c].append(item)
        with timing:
            blocked["get"] += waited

    ps = [threading.Thread(target=produce, args=(p,)) for p in range(producers)]
    cs = [threading.Thread(target=consume, args=(c,)) for c in range(consumers)]
    start = time.perf_counter()
    for t in ps + cs:
        t.start()
    for t in ps:
        t.join()
    for _ in cs:
        q.put(SENTINEL)  # one per consumer: the signal to terminate
    for t in cs:
        t.join()
    wall_ms = (time.perf_counter() - start) * 1000
    everything = sorted(i for part in taken for i in part)
    once = everything == list(range(items))
    print(f"{len(everything)} of {items} items consumed, exactly once: {once}, {wall_ms:.1f} ms")
    print(f"time in put(): {blocked['put'] * 1000:.1f} ms, in get(): {blocked['get'] * 1000:.1f} ms")
    report({"consumed": len(everything), "exactly_once": once, "wall_ms": wall_ms,
            "put_ms": blocked["put"] * 1000, "get_ms": blocked["get"] * 1000})


if __name__ == "__main__":
    main()
"#;

const PROCESSES: &str = r#"
import multiprocessing as mp

counter = 0  # each process has its own copy of this global


def plain(n):
    global counter
    for _ in range(n):
        counter += 1


def shared(value, n):
    for _ in range(n):
        with value.get_lock():
            value.value += 1


def returned(n, results):
    local = 0
    for _ in range(n):
        local += 1
    results.put(local)


def run_all(target, args):
    procs = [mp.Process(target=target, args=args) for _ in range(SETTINGS["threads"])]
    for p in procs:
        p.start()
    for p in procs:
        p.join()


if __name__ == "__main__":
    n, expected = SETTINGS["increments"], SETTINGS["threads"] * SETTINGS["increments"]
    run_all(plain, (n,))
    print(f"a plain global: the parent's counter is {counter} of {expected}")
    value = mp.Value("q", 0)
    run_all(shared, (value, n))
    print(f"multiprocessing.Value with its lock: {value.value} of {expected}")
    results = mp.Queue()
    procs = [mp.Process(target=returned, args=(n, results)) for _ in range(SETTINGS["threads"])]
    for p in procs:
        p.start()
    counts = [results.get() for _ in procs]
    for p in procs:
        p.join()
    print(f"counts sent back as messages: {sum(counts)} of {expected}")
    report({"expected": expected, "parent": counter, "value": value.value, "messages": sum(counts)})
"#;

const COROUTINES: &str = r#"
import asyncio


async def count(state, n, where, lock):
    for _ in range(n):
        if where == "inside_locked":
            async with lock:
                value = state["counter"]
                await asyncio.sleep(0)
                state["counter"] = value + 1
        else:
            value = state["counter"]
            if where == "inside":
                await asyncio.sleep(0)  # every other coroutine runs here
            state["counter"] = value + 1
        await asyncio.sleep(0)


async def variant(where):
    state, lock = {"counter": 0}, asyncio.Lock()
    await asyncio.gather(*(count(state, SETTINGS["increments"], where, lock)
                           for _ in range(SETTINGS["threads"])))
    expected = SETTINGS["threads"] * SETTINGS["increments"]
    print(f"{where:>14}: expected {expected}, actual {state['counter']}")
    return {"await": where, "expected": expected, "actual": state["counter"]}


async def through_a_queue():
    q, taken = asyncio.Queue(maxsize=2), []

    async def produce():
        for i in range(100):
            await q.put(i)
        await q.put(None)

    async def consume():
        while (item := await q.get()) is not None:
            taken.append(item)

    await asyncio.gather(produce(), consume())
    return taken == list(range(100))


async def main():
    results = [await variant(w) for w in ("between", "inside", "inside_locked")]
    once = await through_a_queue()
    print(f"asyncio.Queue(maxsize=2): 100 items exactly once: {once}")
    report({"counters": results, "queue_exactly_once": once})


if __name__ == "__main__":
    asyncio.run(main())
"#;
