"""asyncio.gather of sleeps: results come back in the order given, finishing in sleep order."""
import asyncio
import time


async def fetch(name, seconds, done):
    await asyncio.sleep(seconds)
    done.append(name)
    return f"{name} after {seconds} s"


async def main():
    done = []
    started = time.perf_counter()
    results = await asyncio.gather(fetch("a", 0.3, done), fetch("b", 0.1, done), fetch("c", 0.2, done))
    elapsed = time.perf_counter() - started
    print(results)
    print("finished in the order", done)
    # One after another they would take 0.6 s.
    print("all at once:", 0.3 <= elapsed < 0.6)


if __name__ == "__main__":
    asyncio.run(main())
