"""A queue of jobs with a sentinel, worked off in one process (the lecture's job queue)."""
import queue
import sys

from checks import is_prime

SENTINEL = None

if __name__ == "__main__":
    jobs = queue.Queue()
    for n in map(int, sys.argv[1:]):
        jobs.put(n)
    jobs.put(SENTINEL)
    while (n := jobs.get()) is not SENTINEL:
        print(f"{n} is {'prime' if is_prime(n) else 'not prime'}")
    print("done")
