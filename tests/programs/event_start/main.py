"""Processes wait on a multiprocessing.Event until the parent sets it; a Lock keeps their
lines whole."""
import multiprocessing


def runner(start, lock, finished, i):
    start.wait()
    with lock:
        finished.put(i)


if __name__ == "__main__":
    start, lock, finished = multiprocessing.Event(), multiprocessing.Lock(), multiprocessing.Queue()
    runners = [multiprocessing.Process(target=runner, args=(start, lock, finished, i)) for i in range(3)]
    for r in runners:
        r.start()
    print("set before:", start.is_set())
    start.set()
    print("set after:", start.is_set())
    print("finished:", sorted(finished.get() for _ in runners))
    for r in runners:
        r.join()
    print("exit codes:", [r.exitcode for r in runners])
