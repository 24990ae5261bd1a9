"""The lecture's spinner: one coroutine spins while another does a slow job; the spinner
turns only while the job awaits (a coroutine that blocks the loop would stop it).

Run: python3 spinner.py SECONDS
"""
import asyncio
import itertools
import sys


async def spin(msg):
    for char in itertools.cycle("|/-\\"):
        print(f"\r{char} {msg}", end="", flush=True)
        try:
            await asyncio.sleep(0.1)
        except asyncio.CancelledError:
            break
    print("\r" + " " * (len(msg) + 2) + "\r", end="")


async def slow_function(seconds):
    await asyncio.sleep(seconds)
    return 42


async def supervisor(seconds):
    spinner = asyncio.create_task(spin("thinking!"))
    result = await slow_function(seconds)
    spinner.cancel()
    await asyncio.gather(spinner, return_exceptions=True)
    return result


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2
    print("Answer:", asyncio.run(supervisor(seconds)))
