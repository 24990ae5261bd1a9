//! The programs a student starts from in the program form, written as the lecture writes its
//! practical examples: a module of helpers and a script that imports it, guarded by
//! `if __name__ == "__main__":`, its size from `sys.argv`. Each runs as it is under `python3`
//! 3.11+ with no packages (tests/python_programs/ holds the corpus the browser tests compare
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
pub const PROGRAM_TEMPLATES: [ProgramTemplate; 3] = [
    ProgramTemplate {
        id: "sequential",
        title: "Practical example 1: sequential prime checking (two files)",
        main: "sequential.py",
        files: &[("sequential.py", SEQUENTIAL), ("primes.py", PRIMES)],
        args: "8 200000",
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
