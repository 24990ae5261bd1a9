"""time.sleep waits at least as long as asked."""
import sys
import time

if __name__ == "__main__":
    seconds = float(sys.argv[1])
    wall = time.perf_counter()
    time.sleep(seconds)
    wall = time.perf_counter() - wall
    print(f"slept {wall:.2f} s")
    print("at least as long as asked:", wall >= seconds)
