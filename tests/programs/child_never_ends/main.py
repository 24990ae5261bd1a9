"""A child that never ends: join with a timeout returns while it runs; terminate ends it."""
import multiprocessing
import time


def forever():
    while True:
        time.sleep(0.05)


if __name__ == "__main__":
    child = multiprocessing.Process(target=forever)
    child.start()
    child.join(timeout=0.5)
    print("after join(0.5): alive", child.is_alive(), "exit code", child.exitcode)
    child.terminate()
    child.join()
    print("after terminate: alive", child.is_alive(), "exit code", child.exitcode)
