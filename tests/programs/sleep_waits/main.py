"""time.sleep waits at least as long as asked, and uses (almost) no processor time."""
import sys
import time

if __name__ == "__main__":
    seconds = float(sys.argv[1])
    wall, cpu = time.perf_counter(), time.process_time()
    time.sleep(seconds)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"slept {wall:.2f} s")
    print("at least as long as asked:", wall >= seconds)
