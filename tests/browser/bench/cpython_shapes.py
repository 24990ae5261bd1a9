"""The lecture's experiments in real CPython, for the shapes the playground's modes should show
(run by scripts/bench in the same sitting as the browsers, so the ratios compare fairly).

Prints a Markdown table: primes below 1,000,000 in 8 tasks (sequential, 2 threads, 2 processes),
16 IO waits of 200 ms (sequential, 16 threads, asyncio), and how often two CPU-bound threads
hand the GIL over; and the convoy effect (100 waits of 1 ms alone, and beside a computing
thread; `cpython_shapes.py convoy` prints only that). Stock CPython 3.8+, no packages.
"""
import asyncio
import concurrent.futures as futures
import statistics
import sys
import threading
import time

LIMIT, TASKS, IO_TASKS, IO_MS = 1_000_000, 8, 16, 200


def count_primes(lo, hi):
    """Trial division, as the playground's primes workload does it."""
    count = 0
    for n in range(max(lo, 2), hi):
        d, prime = 2, True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        count += prime
    return count


RANGES = [(i * LIMIT // TASKS, (i + 1) * LIMIT // TASKS) for i in range(TASKS)]


def timed(run):
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def in_pool(executor, workers):
    with executor(workers) as pool:
        return sum(pool.map(count_primes, *zip(*RANGES)))


def wait(ms):
    time.sleep(ms / 1000)


async def gather_waits():
    await asyncio.gather(*(asyncio.sleep(IO_MS / 1000) for _ in range(IO_TASKS)))


def gil_hand_overs(seconds=1.0):
    """Two spinning threads; each time the other one runs, the GIL has changed hands."""
    owner, switches, stop = [None], [], [False]

    def spin(name):
        while not stop[0]:
            if owner[0] != name:
                switches.append(time.perf_counter())
                owner[0] = name

    threads = [threading.Thread(target=spin, args=(name,)) for name in "ab"]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop[0] = True
    for t in threads:
        t.join()
    slices = [b - a for a, b in zip(switches, switches[1:])]
    return len(slices) / seconds, statistics.median(slices) * 1000 if slices else float("nan")


def convoy(waits=100, wait_ms=1.0):
    """The convoy effect: a thread that waits for IO `waits` times, alone and then beside a
    thread that computes; after each wait it must win the GIL back. Returns both times, ms."""
    def waiter(out):
        start = time.perf_counter()
        for _ in range(waits):
            time.sleep(wait_ms / 1000)
        out.append((time.perf_counter() - start) * 1000)

    def run_waiter():
        out = []
        thread = threading.Thread(target=waiter, args=(out,))
        thread.start()
        thread.join()
        return out[0]

    alone = run_waiter()
    stop = [False]

    def compute():
        x = 0
        while not stop[0]:
            x += 1

    computing = threading.Thread(target=compute)
    computing.start()
    beside = run_waiter()
    stop[0] = True
    computing.join()
    return alone, beside


def print_convoy():
    alone, beside = convoy()
    late = beside - alone
    print(f"Convoy (CPython {sys.version.split()[0]}): 100 waits of 1 ms take {alone:.0f} ms alone and "
          f"{beside:.0f} ms beside a computing thread ({beside / alone:.1f}×); served late "
          f"{late:.0f} ms in all, {late / 100:.2f} ms per wait, {late / beside * 100:.0f}% of the IO task's time.")


def main():
    version = sys.version.split()[0]
    seq, expected = timed(lambda: sum(count_primes(*r) for r in RANGES))
    threads, r1 = timed(lambda: in_pool(futures.ThreadPoolExecutor, 2))
    processes, r2 = timed(lambda: in_pool(futures.ProcessPoolExecutor, 2))
    assert r1 == r2 == expected
    io_seq, _ = timed(lambda: [wait(IO_MS) for _ in range(IO_TASKS)])
    io_threads, _ = timed(lambda: list(futures.ThreadPoolExecutor(IO_TASKS).map(wait, [IO_MS] * IO_TASKS)))
    io_async, _ = timed(lambda: asyncio.run(gather_waits()))
    per_second, median_slice = gil_hand_overs()
    print(f"## CPython {version}, the same experiments (switch interval {sys.getswitchinterval() * 1000:.1f} ms)")
    print()
    print("| experiment | sequential (s) | mode (s) | speedup |")
    print("|---|---|---|---|")
    print(f"| primes below {LIMIT:,}, {TASKS} tasks, 2 threads | {seq:.2f} | {threads:.2f} | {seq / threads:.2f}× |")
    print(f"| primes below {LIMIT:,}, {TASKS} tasks, 2 processes | {seq:.2f} | {processes:.2f} | {seq / processes:.2f}× |")
    print(f"| {IO_TASKS} waits of {IO_MS} ms, {IO_TASKS} threads | {io_seq:.2f} | {io_threads:.2f} | {io_seq / io_threads:.1f}× |")
    print(f"| {IO_TASKS} waits of {IO_MS} ms, asyncio | {io_seq:.2f} | {io_async:.2f} | {io_seq / io_async:.1f}× |")
    print()
    print(f"Two CPU-bound threads handed the GIL over {per_second:.0f} times a second; median slice {median_slice:.2f} ms.")
    print()
    print_convoy()


if __name__ == "__main__":
    if sys.argv[1:] == ["convoy"]:
        print_convoy()
    else:
        main()
