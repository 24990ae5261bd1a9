"""Lines to stdout and stderr, interleaved: the terminal shows them in the order written."""
import sys

if __name__ == "__main__":
    for i in range(4):
        print(f"out {i}")
        print(f"err {i}", file=sys.stderr)
    sys.stdout.write("no newline, then ")
    sys.stdout.flush()
    print("the rest")
