"""A producer and two consumers on an asyncio.Queue, in a TaskGroup, ended by sentinels."""
import asyncio
import sys


async def producer(queue, n, consumers):
    for item in range(n):
        await queue.put(item)
        await asyncio.sleep(0.01)
    for _ in range(consumers):
        await queue.put(None)


async def consumer(name, queue, results):
    while True:
        item = await queue.get()
        if item is None:
            return
        await asyncio.sleep(0.02)
        results.append(item * item)


async def main(n):
    queue = asyncio.Queue(maxsize=3)
    results = []
    async with asyncio.TaskGroup() as group:
        group.create_task(producer(queue, n, 2))
        group.create_task(consumer("c1", queue, results))
        group.create_task(consumer("c2", queue, results))
    print("squares:", sorted(results))
    print("sum:", sum(results))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
