"""Without `if __name__ == "__main__":`, a spawned child imports this file and meets the start
below before it is ready: it fails with CPython's message, and the parent goes on."""
import multiprocessing


def hello():
    print("hello from the child")


multiprocessing.set_start_method("spawn", force=True)
child = multiprocessing.Process(target=hello)
child.start()
child.join()
print("exit code:", child.exitcode)
