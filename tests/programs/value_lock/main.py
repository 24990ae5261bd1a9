"""A shared counter (multiprocessing.Value) incremented by two processes, with and without its
lock: with it no update is lost; without it, some may be (never more than were made)."""
import multiprocessing
import sys


def add(counter, times, locked):
    for _ in range(times):
        if locked:
            with counter.get_lock():
                counter.value += 1
        else:
            counter.value += 1


def run(times, locked):
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=add, args=(counter, times, locked)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value


if __name__ == "__main__":
    times = int(sys.argv[1])
    print("with the lock:", run(times, True) == 2 * times)
    print("without it, at most all:", run(times, False) <= 2 * times)
