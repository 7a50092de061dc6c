"""Every worker sees a write at once: one connection held to each worker process, a write, then each answers.

Each worker keeps the directory version in memory (app/core/directory_version.py) and learns of another process's
writes from PostgreSQL's NOTIFY or SQLite's file stamps. Here: a connection is opened to every worker (a raw
route answers the worker's process id; a keep-alive connection stays with the worker that accepted it), each
worker answers the listing twice (so its response cache holds it), one record of that page changes through the
app's ORM in another process, and then each worker is asked the listing again: its very first answer after the
commit must show the change.
"""

import argparse
import asyncio
import http.client
import json
import time

from app.core.config import Settings
from app.core.db import create_engine, create_sessionmaker
from app.institutions.models import Institution
from benchmarks.ceiling_app import WORKER_ROUTE
from benchmarks.results import FreshnessResult
from benchmarks.scenarios import listing_path
from benchmarks.servers import HOST, BenchmarkError, Server

# A new connection goes to whichever worker accepts it first: bounded tries to reach each of them.
CONNECT_TRIES_PER_WORKER = 50
# How long a worker may take to show the change before the check gives up on it (it should take none).
GIVE_UP_SECONDS = 5.0


def _get(connection: http.client.HTTPConnection, path: str) -> bytes:
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise BenchmarkError(f"GET {path} answered {response.status} during the freshness check")
    return body


async def _change_acronym(url: str, record_id: str, marker: str) -> float:
    """Set the record's acronym (not part of the order) and return the time the commit returned."""
    engine = create_engine(Settings(database_url=url))
    try:
        async with create_sessionmaker(engine)() as session:
            record = await session.get(Institution, record_id)
            if record is None:
                raise BenchmarkError(f"institution {record_id} vanished before the freshness check")
            record.acronym = marker
            await session.commit()
            return time.perf_counter()
    finally:
        await engine.dispose()


def freshness_check(server: "Server", database: str, size: int, url: str, args: argparse.Namespace) -> FreshnessResult:
    listing = listing_path(args)
    held: dict[int, http.client.HTTPConnection] = {}
    try:
        for _ in range(CONNECT_TRIES_PER_WORKER * server.workers):
            connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
            pid = int(_get(connection, WORKER_ROUTE))
            if pid in held:
                connection.close()
                continue
            _get(connection, listing)
            _get(connection, listing)  # now from this worker's response cache
            held[pid] = connection
            if len(held) == server.workers:
                break
        first = json.loads(_get(next(iter(held.values())), listing))["items"][0]["id"]
        marker = f"FRESH{time.time_ns() % 10**9}"
        committed = asyncio.run(_change_acronym(url, first, marker))
        stale = 0
        first_fresh_ms: list[float] = []
        for connection in held.values():
            while time.perf_counter() - committed < GIVE_UP_SECONDS:
                item = json.loads(_get(connection, listing))["items"][0]
                if item["id"] == first and item["acronym"] == marker:
                    first_fresh_ms.append(round((time.perf_counter() - committed) * 1000, 2))
                    break
                stale += 1
    finally:
        for connection in held.values():
            connection.close()
    result = FreshnessResult(database, size, server.workers, len(held), stale, first_fresh_ms)
    print(
        f"  freshness, {server.workers} worker(s): {len(held)} reached, {stale} stale answers after the write, "
        f"first fresh answer per worker after {first_fresh_ms} ms",
        flush=True,
    )
    return result
