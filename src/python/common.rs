//! The Python every program shares, whatever its workload and mode: the checksum's mixing, the
//! seeded generator (the same PCG64 and sampling the Rust side uses, from `rand_pcg` and
//! `rand`), running one task's steps, and the report with its final JSON line.

/// The checksum: SplitMix64's finalizer, added with wrap-around at 64 bits
/// (`workloads::checksum`).
pub const CHECKSUM: &str = r#"
MASK64 = (1 << 64) - 1


def mix(x):
    """SplitMix64's finalizer: the page adds mix(item) for every item of the result, mod 2**64,
    so the sum does not depend on how the work was split or which unit finished first."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def chain_input(seed, number):
    """The seed and a number, each as 8 little-endian bytes (the hash chains' inputs)."""
    return seed.to_bytes(8, "little") + number.to_bytes(8, "little")


def head(digest):
    """The first 8 bytes of a digest, as a little-endian number."""
    return int.from_bytes(digest[:8], "little")
"#;

/// PCG64 (XSL RR 128/64) seeded as `rand_core`'s `seed_from_u64`, with `rand`'s uniform
/// sampling of a `u32` range (Canon's method) and of an inclusive `f64` range.
pub const PCG64: &str = r#"
class Pcg64:
    """The page's seeded generator, PCG64 (XSL RR 128/64) from the Rust crate rand_pcg, seeded
    as rand_core's seed_from_u64 does, so this program draws exactly the page's numbers."""

    MUL = 0x2360ED051FC65DA44385DF649FCCF645
    MASK128 = (1 << 128) - 1

    def __init__(self, seed):
        state, seed_bytes = seed & MASK64, b""
        for _ in range(8):  # seed_from_u64 fills 32 bytes from a PCG32
            state = (state * 0x5851F42D4C957F2D + 0xA17654E46FBE17F3) & MASK64
            xorshifted = (((state >> 18) ^ state) >> 27) & 0xFFFFFFFF
            rot = state >> 59
            word = ((xorshifted >> rot) | (xorshifted << (32 - rot))) & 0xFFFFFFFF
            seed_bytes += word.to_bytes(4, "little")
        self.increment = int.from_bytes(seed_bytes[16:], "little") | 1
        self.state = (int.from_bytes(seed_bytes[:16], "little") + self.increment) & self.MASK128
        self.state = (self.state * self.MUL + self.increment) & self.MASK128

    def next_u64(self):
        self.state = (self.state * self.MUL + self.increment) & self.MASK128
        rot = self.state >> 122
        xsl = ((self.state >> 64) ^ self.state) & MASK64
        return ((xsl >> rot) | (xsl << (64 - rot))) & MASK64

    def below(self, low, high):
        """A whole number in low..high-1, as rand's random_range draws a u32."""
        span = high - low
        result, low_bits = divmod((self.next_u64() & 0xFFFFFFFF) * span, 1 << 32)
        if low_bits > (-span) & 0xFFFFFFFF:
            extra = ((self.next_u64() & 0xFFFFFFFF) * span) >> 32
            result += low_bits + extra > 0xFFFFFFFF
        return low + result

    def up_to(self, high):
        """A float in 0.0..=high, as rand's random_range draws an f64."""
        bits = (0x3FF << 52) | (self.next_u64() >> 12)
        return (struct.unpack("<d", struct.pack("<Q", bits))[0] - 1.0) * high + 0.0
"#;

/// Runs one task's steps to the end with blocking waits, timing it: every mode but Coroutines.
pub const RUN_TASK: &str = r#"
def run_task(task):
    """Runs one task to its end: computes its steps, and sleeps where it waits for the network.
    Returns (index, unit, start, end, checksum); times are time.perf_counter() seconds."""
    start = time.perf_counter()
    steps = task_steps(task)
    while True:
        try:
            wait_ms = next(steps)
        except StopIteration as done:
            checksum = done.value
            break
        if wait_ms is not None:
            time.sleep(wait_ms / 1000)
    return task[0], unit_name(), start, time.perf_counter(), checksum
"#;

/// Prints the result and the final JSON line.
pub const REPORT: &str = r#"
def report(done, began, **extra):
    """Prints the checksum (the page's, if this program computed the same work) and, as the
    last line, the run as JSON for the page's CPython column. Times are ms from `began`."""
    done = sorted(done)
    checksum = sum(task[4] for task in done) & MASK64
    starts = [task[2] for task in done]
    ends = [task[3] for task in done]
    wall_ms = (max(ends) - min(starts)) * 1000
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"{SETTINGS['workload']}, {MODE_TITLE}: {len(done)} tasks in {wall_ms:.1f} ms on "
          f"{platform.python_implementation()} {platform.python_version()}"
          f" ({os.cpu_count()} cores{'' if gil else ', no GIL'})")
    print(f"checksum {checksum:016x}")
    line = {
        "format": "concurrency-playground-python",
        "version": 1,
        "mode": MODE,
        "settings": SETTINGS,
        "checksum": f"{checksum:016x}",
        "wall_ms": round(wall_ms, 3),
        "startup_ms": round((min(starts) - began) * 1000, 3),
        "tasks": [
            {"index": index, "unit": unit, "start_ms": round((start - began) * 1000, 3),
             "end_ms": round((end - began) * 1000, 3), "checksum": f"{part:016x}"}
            for index, unit, start, end, part in done
        ],
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "gil_enabled": gil,
        **extra,
    }
    print(json.dumps(line, separators=(",", ":")))
"#;
