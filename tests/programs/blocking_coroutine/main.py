"""A coroutine that calls time.sleep blocks the loop: three of them take three times as long."""
import asyncio
import time


async def polite(i):
    await asyncio.sleep(0.2)
    return i


async def blocking(i):
    time.sleep(0.2)
    return i


async def timed(make):
    started = time.perf_counter()
    await asyncio.gather(*(make(i) for i in range(3)))
    return time.perf_counter() - started


if __name__ == "__main__":
    awaited = asyncio.run(timed(polite))
    blocked = asyncio.run(timed(blocking))
    print("awaiting sleeps overlap:", awaited < 0.6)
    print("time.sleep blocks the loop:", blocked >= 0.6)
