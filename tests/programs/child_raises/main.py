"""A child raises: its traceback is printed under its name, its exit code is 1, and the
parent's join returns as usual."""
import multiprocessing


def parse(text):
    return int(text)


if __name__ == "__main__":
    child = multiprocessing.Process(target=parse, args=("twelve",), name="parser")
    child.start()
    child.join()
    print("the parent goes on; the child's exit code:", child.exitcode)
