//! The programs a student starts from in the program form, written as the lecture writes its
//! practical examples: a module of helpers and a script that imports it, guarded by
//! `if __name__ == "__main__":`, its size from `sys.argv`. Each runs as it is under `python3`
//! 3.11+ with no packages (tests/programs/ holds the corpus the browser tests compare
//! with native CPython).

use super::program::Program;
use std::collections::BTreeMap;

/// A program template: its name, its title in the picker, its files, main file and arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramTemplate {
    /// Its name (`program_template=sequential`).
    pub id: &'static str,
    /// Its title in the picker.
    pub title: &'static str,
    /// The file run as `__main__`.
    pub main: &'static str,
    /// Every file: name and text.
    pub files: &'static [(&'static str, &'static str)],
    /// The command-line arguments, as typed.
    pub args: &'static str,
}

impl ProgramTemplate {
    /// The template as a program (its arguments split as a shell splits them).
    pub fn program(&self) -> Program {
        Program {
            main: self.main.to_owned(),
            files: self
                .files
                .iter()
                .map(|&(name, text)| (name.to_owned(), text.to_owned()))
                .collect::<BTreeMap<_, _>>(),
            argv: shell_words::split(self.args).unwrap_or_default(),
        }
    }
}

/// Every program template, in the picker's order (the first is the default).
pub const PROGRAM_TEMPLATES: [ProgramTemplate; 5] = [
    ProgramTemplate {
        id: "sequential",
        title: "Practical example 1: sequential prime checking (two files)",
        main: "sequential.py",
        files: &[("sequential.py", SEQUENTIAL), ("primes.py", PRIMES)],
        args: "8 200000",
    },
    ProgramTemplate {
        id: "threads",
        title: "Practical example 2: the same jobs on threads (Python here has none: see why)",
        main: "threads.py",
        files: &[("threads.py", THREADS), ("primes.py", PRIMES)],
        args: "8 200000",
    },
    ProgramTemplate {
        id: "processes",
        title: "Practical example 3: the same jobs on processes, a queue of jobs with sentinels",
        main: "processes.py",
        files: &[("processes.py", PROCESSES), ("primes.py", PRIMES)],
        args: "8 200000 2",
    },
    ProgramTemplate {
        id: "downloads",
        title: "Downloads that wait: one after another, then with asyncio.gather",
        main: "downloads.py",
        files: &[("downloads.py", DOWNLOADS)],
        args: "5 0.3",
    },
    ProgramTemplate {
        id: "spinner",
        title: "The lecture's spinner: a coroutine spins while another waits",
        main: "spinner.py",
        files: &[("spinner.py", SPINNER)],
        args: "2",
    },
];

/// The program template named `id`, if there is one.
pub fn program_template(id: &str) -> Option<&'static ProgramTemplate> {
    PROGRAM_TEMPLATES.iter().find(|t| t.id == id)
}

const PRIMES: &str = r#""""Helpers for the examples: is a number prime?"""
import math


def is_prime(n):
    """Trial division, as slow as the lecture wants it: CPU-bound."""
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:
            return False
    return True


def count_primes(start, stop):
    """How many primes lie in [start, stop)."""
    return sum(1 for n in range(start, stop) if is_prime(n))
"#;

const SEQUENTIAL: &str = r#""""Practical example 1: check JOBS ranges of SIZE numbers for primes, one after another.

Run: python3 sequential.py JOBS SIZE
"""
import sys
import time

from primes import count_primes


def main(jobs, size):
    started = time.perf_counter()
    total = 0
    for job in range(jobs):
        found = count_primes(job * size, (job + 1) * size)
        print(f"job {job}: {found} primes in [{job * size}, {(job + 1) * size})")
        total += found
    elapsed = time.perf_counter() - started
    print(f"{total} primes below {jobs * size}")
    print(f"took {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    main(jobs, size)
"#;

const THREADS: &str = r#""""Practical example 2: the jobs of example 1 on K threads, each taking jobs from a queue.

In CPython the GIL lets one thread run Python at a time, so CPU-bound jobs gain nothing. Here
the interpreter (Pyodide) has no threads at all: start() raises, and the page says where to see
threads and the GIL for real.

Run: python3 threads.py JOBS SIZE [K]
"""
import queue
import sys
import threading
import time

from primes import count_primes


def worker(jobs, size, found):
    while (job := jobs.get()) is not None:
        found[job] = count_primes(job * size, (job + 1) * size)


if __name__ == "__main__":
    jobs_count = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    started = time.perf_counter()
    jobs, found = queue.Queue(), {}
    for job in range(jobs_count):
        jobs.put(job)
    threads = [threading.Thread(target=worker, args=(jobs, size, found)) for _ in range(k)]
    for t in threads:
        jobs.put(None)
        t.start()
    for t in threads:
        t.join()
    print(f"{sum(found.values())} primes below {jobs_count * size}")
    print(f"took {time.perf_counter() - started:.2f} s", file=sys.stderr)
"#;

const PROCESSES: &str = r#""""Practical example 3: the jobs of example 1 on K processes. The jobs go through a queue,
one sentinel (None) per process ends them, and the counts come back through another queue.
Each process has its own interpreter and its own GIL, so CPU-bound jobs run in parallel.

Run: python3 processes.py JOBS SIZE K
"""
import multiprocessing
import sys
import time

from primes import count_primes

SENTINEL = None


def worker(jobs, results, size):
    while (job := jobs.get()) is not SENTINEL:
        results.put((job, count_primes(job * size, (job + 1) * size)))


if __name__ == "__main__":
    jobs_count = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    k = int(sys.argv[3]) if len(sys.argv) > 3 else multiprocessing.cpu_count()
    jobs, results = multiprocessing.Queue(), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=worker, args=(jobs, results, size)) for _ in range(k)]
    for w in workers:
        w.start()
    started = time.perf_counter()
    for job in range(jobs_count):
        jobs.put(job)
    for _ in workers:
        jobs.put(SENTINEL)
    found = dict(results.get() for _ in range(jobs_count))
    for w in workers:
        w.join()
    for job in sorted(found):
        print(f"job {job}: {found[job]} primes in [{job * size}, {(job + 1) * size})")
    print(f"{sum(found.values())} primes below {jobs_count * size}, on {k} processes")
    print(f"took {time.perf_counter() - started:.2f} s (after the processes started)", file=sys.stderr)
"#;

const DOWNLOADS: &str = r#""""Downloads that only wait (IO-bound): N of them, each WAIT seconds, first one after
another, then all at once as coroutines on one event loop.

Run: python3 downloads.py N WAIT
"""
import asyncio
import sys
import time


def download(i, wait):
    time.sleep(wait)
    return f"file {i}"


async def download_async(i, wait):
    await asyncio.sleep(wait)
    return f"file {i}"


async def all_at_once(n, wait):
    return await asyncio.gather(*(download_async(i, wait) for i in range(n)))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    wait = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3

    started = time.perf_counter()
    files = [download(i, wait) for i in range(n)]
    print("one after another:", files)
    print(f"  took {time.perf_counter() - started:.1f} s", file=sys.stderr)

    started = time.perf_counter()
    files = asyncio.run(all_at_once(n, wait))
    print("with asyncio.gather:", files)
    print(f"  took {time.perf_counter() - started:.1f} s", file=sys.stderr)
"#;

const SPINNER: &str = r#""""The lecture's spinner: one coroutine spins while another does a slow job; the spinner
turns only while the job awaits (a coroutine that blocks the loop would stop it).

Run: python3 spinner.py SECONDS
"""
import asyncio
import itertools
import sys


async def spin(msg):
    for char in itertools.cycle("|/-\\"):
        print(f"\r{char} {msg}", end="", flush=True)
        try:
            await asyncio.sleep(0.1)
        except asyncio.CancelledError:
            break
    print("\r" + " " * (len(msg) + 2) + "\r", end="")


async def slow_function(seconds):
    await asyncio.sleep(seconds)
    return 42


async def supervisor(seconds):
    spinner = asyncio.create_task(spin("thinking!"))
    result = await slow_function(seconds)
    spinner.cancel()
    await asyncio.gather(spinner, return_exceptions=True)
    return result


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2
    print("Answer:", asyncio.run(supervisor(seconds)))
"#;
