"""A task cancelled while it awaits sees CancelledError and can clean up."""
import asyncio


async def worker(log):
    try:
        while True:
            log.append("tick")
            await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        log.append("cleaned up")
        raise


async def main():
    log = []
    task = asyncio.create_task(worker(log))
    await asyncio.sleep(0.3)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("the task was cancelled:", task.cancelled())
    print("last entry:", log[-1])
    print("ticked at least twice:", log.count("tick") >= 2)


if __name__ == "__main__":
    asyncio.run(main())
