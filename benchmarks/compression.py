"""How long compressing an answer holds up the event loop, against what handing it to a worker thread costs: the
figures behind app.core.http.compression.THREAD_MIN_SIZE.

    uv run python -m benchmarks.compression [--repeat 30]

Bodies are JSON lists of synthetic institutions (benchmarks/fill.py) cut to each size. For each size and
encoding it prints the median time of one compression inline (all of it blocks the loop), the median time of the
same compression through anyio.to_thread.run_sync as the request sees it, and the longest the loop stayed
unresponsive meanwhile, measured by a task that wakes every 0.2 ms.
"""

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Callable

import anyio.to_thread

from app.core.http.compression import THREAD_MIN_SIZE, compress
from benchmarks.fill import SERVICE_WEIGHTS, synthetic_rows

SIZES_KIB = (4, 16, 32, 64, 128, 256, 1024)
ENCODINGS = ("br", "gzip")
TICK = 0.0002


def json_body(size: int) -> bytes:
    """A JSON list of synthetic institutions, cut to `size` bytes (compressors see text of the API's kind)."""
    items: list[str] = []
    length = 0
    for row, _ in synthetic_rows(size // 300 + 10, 7, list(SERVICE_WEIGHTS)):
        items.append(json.dumps(row, default=str, ensure_ascii=False))
        length += len(items[-1].encode()) + 1
        if length > size:
            break
    return ("[" + ",".join(items) + "]").encode()[:size]


def median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def inline(body: bytes, encoding: str, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        compress(body, encoding)
        timings.append(time.perf_counter() - started)
    return timings


async def _longest_stall(work: Callable[[], object]) -> tuple[float, float]:
    """Run `work` (awaited) while a ticker measures the loop; return (work's time, the ticker's longest wait)."""
    longest = 0.0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal longest
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            longest = max(longest, time.perf_counter() - before - TICK)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(TICK * 5)
    started = time.perf_counter()
    result = work()
    if asyncio.iscoroutine(result):
        await result
    elapsed = time.perf_counter() - started
    done.set()
    await task
    return elapsed, longest


async def measure(body: bytes, encoding: str, repeat: int) -> tuple[float, float, float, float]:
    """Median (inline time, inline stall, threaded time, threaded stall), in ms."""
    runs_inline = [await _longest_stall(lambda: compress(body, encoding)) for _ in range(repeat)]
    runs_thread = [
        await _longest_stall(lambda: anyio.to_thread.run_sync(compress, body, encoding)) for _ in range(repeat)
    ]
    return (
        median_ms([t for t, _ in runs_inline]),
        median_ms([s for _, s in runs_inline]),
        median_ms([t for t, _ in runs_thread]),
        median_ms([s for _, s in runs_thread]),
    )


async def thread_hop(repeat: int) -> float:
    """The median round trip of an empty call through a worker thread, in ms."""
    await anyio.to_thread.run_sync(lambda: None)  # the pool's first thread starts here, not in the figure
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        await anyio.to_thread.run_sync(lambda: None)
        timings.append(time.perf_counter() - started)
    return median_ms(timings)


async def run(repeat: int) -> None:
    print(f"thread hand-off (empty call): {await thread_hop(repeat * 10):.3f} ms median")
    print(f"threshold in the app: {THREAD_MIN_SIZE // 1024} KiB\n")
    print("| size | encoding | ratio | inline ms | loop stalled, inline | in a thread ms | loop stalled, thread |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for size_kib in SIZES_KIB:
        body = json_body(size_kib * 1024)
        for encoding in ENCODINGS:
            ratio = len(body) / len(compress(body, encoding))
            in_ms, in_stall, th_ms, th_stall = await measure(body, encoding, repeat)
            print(
                f"| {size_kib} KiB | {encoding} | {ratio:.1f} | {in_ms:.3f} | {in_stall:.3f} | {th_ms:.3f} "
                f"| {th_stall:.3f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30, help="Runs per size and encoding (the median is shown).")
    asyncio.run(run(parser.parse_args().repeat))


if __name__ == "__main__":
    main()
