"""Pool.map, imap, imap_unordered, starmap and apply_async with a callback."""
from multiprocessing import Pool


def square(x):
    return x * x


def power(base, exponent):
    return base ** exponent


if __name__ == "__main__":
    with Pool(2) as pool:
        print("map:", pool.map(square, range(10)))
        print("map, chunks of 3:", pool.map(square, range(7), chunksize=3))
        print("imap:", list(pool.imap(square, [4, 5, 6])))
        print("imap_unordered:", sorted(pool.imap_unordered(square, range(5))))
        print("starmap:", pool.starmap(power, [(2, 3), (3, 2), (10, 0)]))
        seen = []
        result = pool.apply_async(power, (2, 10), callback=seen.append)
        print("apply_async:", result.get(timeout=30), "callback saw:", seen)
        print("apply:", pool.apply(square, (12,)))
