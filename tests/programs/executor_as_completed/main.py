"""concurrent.futures.ProcessPoolExecutor: submit, as_completed, map, wait, and an exception."""
from concurrent.futures import ProcessPoolExecutor, as_completed, wait


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def fail(n):
    raise ValueError(f"no steps for {n}")


if __name__ == "__main__":
    numbers = [27, 97, 871, 6171]
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = {executor.submit(collatz_steps, n): n for n in numbers}
        done = sorted((futures[f], f.result()) for f in as_completed(futures))
        print("as_completed:", done)
        print("map:", list(executor.map(collatz_steps, numbers)))
        finished, pending = wait([executor.submit(collatz_steps, 9)])
        print("wait:", [f.result() for f in finished], len(pending))
        broken = executor.submit(fail, 0)
        try:
            broken.result()
        except ValueError as error:
            print("raised in the child:", error)
