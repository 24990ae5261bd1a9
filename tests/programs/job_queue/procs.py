"""Practical example 3's shape: a queue of jobs with a sentinel per worker, K worker processes,
and a queue of results (python3 procs.py K)."""
import multiprocessing
import sys

from primes import count_primes

SENTINEL = None


def worker(jobs, results):
    while (job := jobs.get()) is not SENTINEL:
        start, stop = job
        results.put((start, count_primes(start, stop)))


if __name__ == "__main__":
    k = int(sys.argv[1])
    size, count = 5000, 6
    jobs, results = multiprocessing.Queue(), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=worker, args=(jobs, results)) for _ in range(k)]
    for w in workers:
        w.start()
    for i in range(count):
        jobs.put((i * size, (i + 1) * size))
    for _ in workers:
        jobs.put(SENTINEL)
    found = sorted(results.get() for _ in range(count))
    for w in workers:
        w.join()
    for start, n in found:
        print(f"[{start}, {start + size}): {n} primes")
    print("total:", sum(n for _, n in found), "exit codes:", [w.exitcode for w in workers])
