"""Practical example 1: check JOBS ranges of SIZE numbers for primes, one after another.

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
