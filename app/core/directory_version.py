"""The directory's data version (the change sequence value), known in memory and re-read only when it may have moved.

The public response cache asks for the version on every request. Reading it from the database each time costs a
pool checkout and a round trip, more than serving the cached answer itself. So each worker keeps the last value
it read and learns that it may be out of date in three ways:

- its own writes: a committed transaction that took a change sequence value forgets the known value at once
  (the sessionmaker's `on_directory_change` hook, called from the after_commit event);
- PostgreSQL: every such transaction also sends NOTIFY on CHANGE_CHANNEL, delivered when it commits; each worker LISTENs
  on one dedicated connection. While that connection is down, nothing is trusted and every request reads the
  database, as before;
- SQLite: any commit by any process changes the database file or its write-ahead log, so the (size, mtime) of
  both is compared on each request: two stat calls. File times are coarse (a clock tick of a few milliseconds),
  so a snapshot whose files changed within the last RECENT_NS is not trusted: a later write in the same tick could
  leave them looking the same.

Other workers thus see a write within the time NOTIFY takes to arrive (milliseconds) on PostgreSQL, and at once
on SQLite; the writing worker sees it at once on both.
"""

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import asyncpg
from fastapi import Depends, Request
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from app.core.changes import CHANGE_CHANNEL, current_change_seq

RECENT_NS = 50_000_000
RECONNECT_SECONDS = 1.0
KEEPALIVE_SECONDS = 15.0

logger = logging.getLogger(__name__)

FileStamp = tuple[tuple[int, int] | None, ...]
T = TypeVar("T")


class DirectoryVersion:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._known: int | None = None
        # Bumped by every invalidation: a read that started before one must not store its (older) value.
        self._generation = 0
        self._files = _database_files(engine)
        self._stamp: FileStamp | None = None
        self._listening = False
        self._listener_task: asyncio.Task[None] | None = None
        self._remembered: dict[str, tuple[int, Any]] = {}

    async def start(self) -> None:
        if self.engine.dialect.name == "postgresql":
            self._listener_task = asyncio.create_task(self._listen_forever(), name="directory-version-listener")

    async def stop(self) -> None:
        if self._listener_task is not None:
            self._listener_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener_task
            self._listener_task = None

    @property
    def listening(self) -> bool:
        """PostgreSQL only: whether the change listener is connected (and the known value trusted)."""
        return self._listening

    async def remembered(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        """`load()`'s value, computed once per directory version: for reference data that every request checks."""
        version = await self.current()
        held = self._remembered.get(key)
        if held is not None and held[0] == version:
            return cast(T, held[1])
        # Read after the version: a change committed in between stores newer data under the older version,
        # which the next version reads again.
        value = await load()
        self._remembered[key] = (version, value)
        return value

    def invalidate(self) -> None:
        self._generation += 1
        self._known = None

    async def current(self) -> int:
        known = self._known
        if known is not None and self._trusted():
            return known
        generation = self._generation
        stamp = self._file_stamp()  # taken before the read: a write after it changes the files again
        async with self.engine.connect() as connection:
            value = await current_change_seq(connection)
        if generation == self._generation:
            self._known, self._stamp = value, stamp
        return value

    def _trusted(self) -> bool:
        if self.engine.dialect.name == "postgresql":
            return self._listening
        if self._stamp is None or not self._files:
            return False
        return self._file_stamp() == self._stamp

    def _file_stamp(self) -> FileStamp | None:
        if not self._files:
            return None
        stamps: list[tuple[int, int] | None] = []
        now = time.time_ns()
        for path in self._files:
            try:
                status = os.stat(path)
            except FileNotFoundError:
                stamps.append(None)
                continue
            if now - status.st_mtime_ns < RECENT_NS:
                return None
            stamps.append((status.st_size, status.st_mtime_ns))
        return tuple(stamps)

    async def _listen_forever(self) -> None:
        dsn = make_url(self.engine.url).set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                await self._listen_until_lost(dsn)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database is away: serve by reading it each time, retry later
                logger.warning("Directory change listener unavailable (%s); retrying", type(error).__name__)
            await asyncio.sleep(RECONNECT_SECONDS)

    async def _listen_until_lost(self, dsn: str) -> None:
        lost = asyncio.Event()
        connection = await asyncpg.connect(dsn)
        try:
            connection.add_termination_listener(lambda _connection: lost.set())
            await connection.add_listener(CHANGE_CHANNEL, lambda *_args: self.invalidate())
            # Changes made before LISTEN took effect were not heard: forget what is known, then trust.
            self.invalidate()
            self._listening = True
            while not lost.is_set():
                # A connection that died silently (no reset from the peer) must not be trusted for ever.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(lost.wait(), timeout=KEEPALIVE_SECONDS)
                    return
                await connection.execute("SELECT 1", timeout=KEEPALIVE_SECONDS)
        finally:
            self._listening = False
            self.invalidate()
            if not connection.is_closed():
                await connection.close(timeout=2)


def _database_files(engine: AsyncEngine) -> tuple[Path, ...]:
    if engine.dialect.name != "sqlite":
        return ()
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return ()
    path = Path(database)
    return (path, path.with_name(path.name + "-wal"))


def _directory_version(request: Request) -> DirectoryVersion:
    version: DirectoryVersion = request.app.state.directory_version
    return version


DirectoryVersionDep = Annotated[DirectoryVersion, Depends(_directory_version)]
