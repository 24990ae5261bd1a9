//! The templates a student starts from: the lecture's prime counting, a hash chain with
//! `hashlib`, a "download" that sleeps, and a band of the Mandelbrot set. Each defines
//! `task(i, n)` and `task_async(i, n)`, and runs as it is in CPython 3.10+ with no packages.

/// A template: its name in links, its title in the picker, and its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// Its name in links (`template=primes`).
    pub id: &'static str,
    /// Its title in the picker.
    pub title: &'static str,
    /// The Python code.
    pub code: &'static str,
}

/// Every template, in the picker's order (the first is the default).
pub const TEMPLATES: [Template; 4] = [
    Template {
        id: "primes",
        title: "Count primes (the lecture's CPU-bound example)",
        code: PRIMES,
    },
    Template {
        id: "hashes",
        title: "A SHA-256 hash chain with hashlib (CPU-bound)",
        code: HASHES,
    },
    Template {
        id: "download",
        title: "A \"download\" that waits (IO-bound)",
        code: DOWNLOAD,
    },
    Template {
        id: "mandelbrot",
        title: "A band of the Mandelbrot set (CPU-bound)",
        code: MANDELBROT,
    },
];

/// The template named `id`, if there is one.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The template the view starts from when nothing else is given.
pub fn default_template() -> &'static Template {
    &TEMPLATES[0]
}

const PRIMES: &str = r#"# Task i of n counts the primes in its slice of [0, LIMIT), by trial division:
# pure computation, as in the lecture's practical examples.
LIMIT = 300_000


def is_prime(k):
    if k < 2:
        return False
    d = 2
    while d * d <= k:
        if k % d == 0:
            return False
        d += 1
    return True


def task(i, n):
    lo = LIMIT * i // n
    hi = LIMIT * (i + 1) // n
    return sum(1 for k in range(lo, hi) if is_prime(k))


async def task_async(i, n):
    # No await inside: this coroutine holds the event loop until it returns.
    return task(i, n)
"#;

const HASHES: &str = r#"import hashlib

# Task i hashes its own seed ROUNDS times with SHA-256, each round hashing the last digest.
ROUNDS = 20_000


def task(i, n):
    digest = f"chain {i} of {n}".encode()
    for _ in range(ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()[:16]


async def task_async(i, n):
    # No await inside: the loop runs nothing else until the chain is done.
    return task(i, n)
"#;

const DOWNLOAD: &str = r#"import asyncio
import time

# A "download": the task waits SECONDS, as it would for a server, then returns a page.
SECONDS = 0.3


def page(i):
    return f"page {i}: {1000 + 37 * i} bytes"


def task(i, n):
    time.sleep(SECONDS)  # blocks this interpreter while it waits (in a browser it spins)
    return page(i)


async def task_async(i, n):
    await asyncio.sleep(SECONDS)  # hands the loop to the other coroutines while it waits
    return page(i)
"#;

const MANDELBROT: &str = r#"# Task i of n computes band i of the image's rows and counts the points inside the set.
WIDTH, HEIGHT, MAX_ITER = 120, 80, 200


def task(i, n):
    inside = 0
    for y in range(HEIGHT * i // n, HEIGHT * (i + 1) // n):
        ci = -1.2 + 2.4 * y / HEIGHT
        for x in range(WIDTH):
            cr = -2.2 + 3.0 * x / WIDTH
            zr = zi = 0.0
            for _ in range(MAX_ITER):
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                if zr * zr + zi * zi > 4.0:
                    break
            else:
                inside += 1
    return inside


async def task_async(i, n):
    return task(i, n)
"#;
