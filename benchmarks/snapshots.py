"""Whole-directory answers at scale: the server's memory and time to first byte for directory.json and the HSDS
NDJSON lists, the first time (the snapshot is built) and then (served from its file).

    uv run python -m benchmarks.snapshots --size 100000 [--backend sqlite|postgresql|both]

A fresh database built by the migrations and filled by benchmarks.fill (--size institutions), one uvicorn worker
(benchmarks.ceiling_app, as the other benchmarks). For each route: the first request, which builds the snapshot
(its time, and the server's peak RSS during it, sampled every 10 ms), then three more, which are served from the
file (time to first byte: from sending the request to reading the first body byte; the whole transfer; and RSS).
RSS growth is counted from the server's RSS after start-up and one small request. Targets (issue #10, item 3):
growth < 50 MB, time to first byte < 200 ms once the snapshot exists.
"""

import argparse
import asyncio
import http.client
import os
import tempfile
import threading
import time
from pathlib import Path

from app.core import migrations
from benchmarks.fill import fill
from benchmarks.servers import HOST, Server, http_get, postgres_database, rss_kb, sqlite_database

ROUTES = (
    "/api/v1/exports/directory.json",
    "/hsds/services?format=ndjson&full=true",
    "/hsds/organizations?format=ndjson",
)
SMALL = "/api/v1/countries"
HEADERS = {"Accept-Encoding": "br, gzip", "Accept-Language": "es"}
DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


class PeakRss:
    """The highest RSS of a process while the block runs, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, rss_kb(self.pid) or 0)
            self._done.wait(0.01)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, rss_kb(self.pid) or 0)


def timed_get(port: int, path: str) -> tuple[int, float, float, int]:
    """(status, seconds to the first body byte, seconds to the last, bytes on the wire)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        first = response.read(1)
        first_byte = time.perf_counter() - started
        size = len(first)
        while chunk := response.read(1 << 20):
            size += len(chunk)
        return response.status, first_byte, time.perf_counter() - started, size
    finally:
        connection.close()


def measure(database_url: str, label: str, routes: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder, Server(database_url, SMALL, Path(folder) / "log") as server:
        http_get(server.port, SMALL)
        baseline = rss_kb(server.pid) or 0
        print(f"{label}: server RSS after start-up {baseline / 1024:.0f} MB")
        print(f"  {'route':<42} {'request':<8} {'status':>6} {'TTFB':>9} {'total':>9} {'MB sent':>8} {'RSS +MB':>8}")
        for route in routes:
            for attempt in range(4):
                with PeakRss(server.pid) as peak:
                    status, first_byte, total, size = timed_get(server.port, route)
                name = "build" if attempt == 0 else f"file {attempt}"
                growth = (peak.peak_kb - baseline) / 1024
                print(
                    f"  {route:<42} {name:<8} {status:>6} {first_byte * 1000:>7.0f}ms {total * 1000:>7.0f}ms "
                    f"{size / 1e6:>8.1f} {growth:>8.1f}",
                    flush=True,
                )
        print(f"  server RSS at the end {(rss_kb(server.pid) or 0) / 1024:.0f} MB")


def prepare(database_url: str, size: int) -> None:
    migrations.upgrade(database_url)
    seconds = asyncio.run(fill(database_url, size))
    print(f"filled {size} institutions in {seconds:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="How many institutions.")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_PG_ADMIN_DSN", DEFAULT_POSTGRES_ADMIN_URL),
        help="An asyncpg DSN allowed to create databases.",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--route", action="append", help="Measure only this route (repeatable); default: all.")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with sqlite_database(args.size, args.keep) as url:
            prepare(url, args.size)
            measure(url, f"SQLite, {args.size} institutions", args.route or list(ROUTES))
    if args.backend in ("postgresql", "both"):
        with postgres_database(args.postgres_admin_url, "bench_snapshots", args.keep) as url:
            prepare(url, args.size)
            measure(url, f"PostgreSQL, {args.size} institutions", args.route or list(ROUTES))


if __name__ == "__main__":
    main()
