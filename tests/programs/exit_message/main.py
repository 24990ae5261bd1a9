"""sys.exit with a message: it goes to stderr and the status is 1."""
import sys


def parse(args):
    if len(args) != 2:
        sys.exit(f"usage: main.py WIDTH HEIGHT (got {len(args)} arguments)")
    return int(args[0]), int(args[1])


if __name__ == "__main__":
    print("parsing", sys.argv[1:])
    print(parse(sys.argv[1:]))
