"""Echoes its arguments and exits with the status the first one names."""
import sys

if __name__ == "__main__":
    print("program:", sys.argv[0].rsplit("/", 1)[-1])
    print("arguments:", sys.argv[1:])
    print("count:", len(sys.argv) - 1)
    sys.exit(int(sys.argv[1]))
