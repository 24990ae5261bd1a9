"""N processes that each sleep a second, all told to start at once: they wake together about a
second later, not one after another, however few the cores (sleeping uses none)."""
import multiprocessing
import sys
import time


def nap(ready, go, done):
    ready.put(multiprocessing.current_process().name)
    go.wait()
    time.sleep(1.0)
    done.put(1)


if __name__ == "__main__":
    n = int(sys.argv[1])
    ready, go, done = multiprocessing.Queue(), multiprocessing.Event(), multiprocessing.Queue()
    naps = [multiprocessing.Process(target=nap, args=(ready, go, done)) for _ in range(n)]
    for p in naps:
        p.start()
    names = sorted(ready.get() for _ in naps)
    started = time.perf_counter()
    go.set()
    woke = sum(done.get() for _ in naps)
    elapsed = time.perf_counter() - started
    for p in naps:
        p.join()
    print(f"{woke} processes slept 1 s each; all woke {elapsed:.2f} s after the start")
    # One after another they would take 8 s; at once, about 1 s (bounded loosely for busy machines).
    print("they slept at once:", 1.0 <= elapsed < 4.0)
    print("names:", names)
