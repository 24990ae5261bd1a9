"""asyncio.wait_for gives up on a slow coroutine; a fast one makes it."""
import asyncio


async def job(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    for seconds in (0.05, 0.5):
        try:
            print("finished:", await asyncio.wait_for(job(seconds), timeout=0.2))
        except TimeoutError:
            print(f"timed out waiting for a {seconds} s job")


if __name__ == "__main__":
    asyncio.run(main())
