//! Each workload in Python, written to compute exactly what `workloads/` computes: the same
//! split into tasks (`make_tasks`), the same items folded into the checksum, and the same
//! steps (`task_steps`, a generator that yields `None` after each step of work and a number of
//! milliseconds where it waits), so that `yield_every` means the same amount of work in both.

use crate::settings::WorkloadKind;

/// Prime counting by trial division (`workloads::primes`): 8,000 divisions a step.
const PRIMES: &str = r#"
def make_tasks():
    """Splits 2..limit into `tasks` equal ranges: (index, first, one past the last)."""
    limit, tasks = SETTINGS["limit"], SETTINGS["tasks"]
    return [(i, i * limit // tasks, (i + 1) * limit // tasks) for i in range(tasks)]


def task_steps(task):
    """Counts the primes in a range by trial division, as the lecture's count_primes does."""
    _, first, end = task
    checksum, spent = 0, 0
    for n in range(max(first, 2), end):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            checksum += mix(n)
        spent += d - 1  # divisions tried
        if spent >= 8000:
            spent = 0
            yield None
    return checksum & MASK64
"#;

/// The Mandelbrot image in bands of rows (`workloads::mandelbrot`): 20,000 iterations a step.
const MANDELBROT: &str = r#"
import struct


def make_tasks():
    """Splits the image's rows into `tasks` bands: (index, first row, one past the last)."""
    height, tasks = SETTINGS["height"], SETTINGS["tasks"]
    return [(i, i * height // tasks, (i + 1) * height // tasks) for i in range(tasks)]


def escape_time(c_re, c_im, cap):
    """Iterations of z = z*z + c until |z| > 2, or cap (the point is inside the set)."""
    re = im = 0.0
    for i in range(1, cap + 1):
        next_re = re * re - im * im + c_re
        im = 2.0 * re * im + c_im
        re = next_re
        if re * re + im * im > 4.0:
            return i
    return cap


def f32(value):
    """The 32-bit float nearest to value: the page's f32 arithmetic rounds so after each operation."""
    return struct.unpack("f", struct.pack("f", value))[0]


def point_f32(x, y, width, height):
    """Pixel (x, y)'s point in 32-bit floats (precision f32), rounded in the page's order."""
    scale = f32(3.5 / width)
    im_top = f32(0.0 - f32(f32(scale * height) / 2.0))
    return f32(-2.5 + f32((x + 0.5) * scale)), f32(im_top + f32((y + 0.5) * scale))


def escape_time_f32(c_re, c_im, cap):
    """escape_time in 32-bit floats, as a GPU computes it (NumPy's float32 would do the same)."""
    re = im = 0.0
    for i in range(1, cap + 1):
        next_re = f32(f32(f32(re * re) - f32(im * im)) + c_re)
        im = f32(f32(2.0 * re * im) + c_im)
        re = next_re
        if f32(f32(re * re) + f32(im * im)) > 4.0:
            return i
    return cap


def task_steps(task):
    """Computes a band's pixels; real parts run from -2.5 to 1.0, centred on 0."""
    _, first_row, end_row = task
    width, height, cap = SETTINGS["width"], SETTINGS["height"], SETTINGS["iterations"]
    scale = (1.0 - -2.5) / width
    im_top = 0.0 - scale * height / 2.0
    checksum, spent = 0, 0
    for y in range(first_row, end_row):
        for x in range(width):
            if SETTINGS["precision"] == "f32":
                count = escape_time_f32(*point_f32(x, y, width, height), cap)
            else:
                count = escape_time(-2.5 + (x + 0.5) * scale, im_top + (y + 0.5) * scale, cap)
            checksum += mix(((y * width + x) << 20) ^ count)
            spent += count
            if spent >= 20000:
                spent = 0
                yield None
    return checksum & MASK64
"#;

/// Iterated SHA-256 chains (`workloads::hashes`): 128 rounds a step.
const HASHES: &str = r#"
def make_tasks():
    """Shares the chains among `tasks` tasks: (index, first chain, how many)."""
    chains, tasks = SETTINGS["chains"], SETTINGS["tasks"]
    bounds = [i * chains // tasks for i in range(tasks + 1)]
    return [(i, bounds[i], bounds[i + 1] - bounds[i]) for i in range(tasks)]


def task_steps(task):
    """Hashes each chain's input, then hashes the digest again until `rounds` in all."""
    _, first, count = task
    rounds, seed = SETTINGS["rounds"], SETTINGS["seed"]
    checksum = 0
    for chain in range(first, first + count):
        digest, done = hashlib.sha256(chain_input(seed, chain)).digest(), 1
        while True:
            for _ in range(min(128, rounds - done)):
                digest = hashlib.sha256(digest).digest()
            done = min(done + 128, rounds)
            yield None
            if done == rounds:
                break
        checksum += mix(head(digest))
    return checksum & MASK64
"#;

/// Collatz stopping times (`workloads::collatz`): 16,000 Collatz steps a step.
const COLLATZ: &str = r#"
def make_tasks():
    """Splits 1..numbers evenly, or unevenly (task k gets k shares): (index, first, end)."""
    numbers, tasks = SETTINGS["numbers"], SETTINGS["tasks"]

    def boundary(i):
        if SETTINGS["split"] == "even":
            return 1 + numbers * i // tasks
        return 1 + numbers * (i * (i + 1) // 2) // (tasks * (tasks + 1) // 2)

    return [(i, boundary(i), boundary(i + 1)) for i in range(tasks)]


def stopping_time(n):
    """Steps of n -> n/2 (even) or 3n+1 (odd) until n is 1."""
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def task_steps(task):
    _, first, end = task
    checksum, spent = 0, 0
    for n in range(first, end):
        steps = stopping_time(n)
        checksum += mix((n << 24) ^ steps)
        spent += steps + 1
        if spent >= 16000:
            spent = 0
            yield None
    return checksum & MASK64
"#;

/// Simulated downloads (`workloads::downloads`): a seeded wait, then a seeded JSON payload.
const DOWNLOADS: &str = r#"
def make_tasks():
    """One download a task: (index, wait in ms: latency plus jitter drawn from the seed)."""
    rng, jitter = Pcg64(SETTINGS["seed"]), SETTINGS["jitter_ms"]
    return [(i, SETTINGS["latency_ms"] + (rng.up_to(jitter) if jitter else 0.0))
            for i in range(SETTINGS["tasks"])]


def payload(index):
    """Download `index`'s JSON: 48 records with prices drawn from the seed and the index."""
    rng = Pcg64((SETTINGS["seed"] << 32) | index)
    return "[" + ",".join(
        f'{{"id":{index * 1000 + k},"name":"item-{index}-{k}","price_cents":{rng.below(100, 100000)}}}'
        for k in range(48)) + "]"


def task_steps(task):
    """Waits for the network, then parses the payload."""
    index, wait_ms = task
    yield wait_ms
    checksum = 0
    for record in json.loads(payload(index)):
        checksum += mix((record["id"] << 24) ^ record["price_cents"])
    return checksum & MASK64
"#;

/// Mixed work (`workloads::mixed`): a wait, then the page's calibrated rounds of SHA-256.
const MIXED: &str = r#"
def make_tasks():
    """Equal tasks: (index,). Each waits io_ms, then hashes CPU_ROUNDS times."""
    return [(i,) for i in range(SETTINGS["tasks"])]


def task_steps(task):
    index = task[0]
    if SETTINGS["io_ms"] > 0:
        yield SETTINGS["io_ms"]
    digest, done = hashlib.sha256(chain_input(SETTINGS["seed"], index)).digest(), 0
    while done < CPU_ROUNDS:
        for _ in range(min(128, CPU_ROUNDS - done)):
            digest = hashlib.sha256(digest).digest()
        done = min(done + 128, CPU_ROUNDS)
        yield None
    return mix(head(digest))
"#;

/// The convoy effect (`workloads::convoy`): task 0 waits `waits` times with one SHA-256 round
/// after each wait; the others hash the page's calibrated rounds, as Mixed without a wait.
const CONVOY: &str = r#"
def make_tasks():
    """Task 0 waits; the others compute: (index,)."""
    return [(i,) for i in range(SETTINGS["tasks"])]


def task_steps(task):
    index = task[0]
    if index == 0:
        digest = hashlib.sha256(chain_input(SETTINGS["seed"], 0xFFFFFFFF)).digest()
        for _ in range(SETTINGS["waits"]):
            yield SETTINGS["wait_ms"]
            digest = hashlib.sha256(digest).digest()
            yield None
        return mix(head(digest))
    digest, done = hashlib.sha256(chain_input(SETTINGS["seed"], index)).digest(), 0
    while done < CPU_ROUNDS:
        for _ in range(min(128, CPU_ROUNDS - done)):
            digest = hashlib.sha256(digest).digest()
        done = min(done + 128, CPU_ROUNDS)
        yield None
    return mix(head(digest))
"#;

/// The Python source of a workload: `make_tasks()` and `task_steps(task)`.
pub fn source(kind: WorkloadKind) -> &'static str {
    match kind {
        WorkloadKind::Primes => PRIMES,
        WorkloadKind::Mandelbrot => MANDELBROT,
        WorkloadKind::Hashes => HASHES,
        WorkloadKind::Collatz => COLLATZ,
        WorkloadKind::Downloads => DOWNLOADS,
        WorkloadKind::Mixed => MIXED,
        WorkloadKind::Convoy => CONVOY,
    }
}
