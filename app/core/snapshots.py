"""Whole-directory answers (GET /api/v1/exports/directory.json, the HSDS lists with format=ndjson) built once per
directory version into files, then served from disk like static files.

An answer is identified by a SnapshotKey: the directory version (change sequence value and date), the route with
its parameters, the language chain and the media type. The first request for a key starts its build, as a task
of its own with its own database session, so a client that goes away does not abort it; later requests for the
key wait for that same build, then every request is a file read: ETag, If-None-Match (304), a single byte Range
of the plain bytes (206, with If-Range), Content-Length, Cache-Control, and brotli or gzip copies compressed once
while writing (for requests without Range).
A build streams its records from the database in pages and writes them as it goes: memory stays flat whatever the
size of the directory. One build runs at a time per worker process.

Files live in a directory of their own per process under SNAPSHOT_DIR (a temporary directory by default), removed
at shutdown. A newer version of a key replaces the older one's files once built, and at most SNAPSHOT_MAX_COUNT
snapshots are kept, the least recently served going first; a file being served stays readable until its answer
ends (it is opened before it can be deleted).
"""

import asyncio
import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, BinaryIO

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from app.core.directory_version import DirectoryVersion
from app.core.errors import RangeNotSatisfiableError
from app.core.http.compression import choose_encoding, stream_compressor
from app.core.http.response_cache import CACHE_CONTROL, VARY, etag_matches
from app.core.i18n import Localizer
from app.core.types import utcnow

ENCODINGS = ("identity", "br", "gzip")
# Bytes gathered before a worker thread writes (and compresses) them, and read per chunk when serving.
WRITE_CHUNK = 1024 * 1024
READ_CHUNK = 256 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass(frozen=True)
class SnapshotKey:
    version: tuple[int, str]
    route: str
    language: tuple[str, ...]
    media_type: str

    @property
    def family(self) -> tuple[str, tuple[str, ...], str]:
        """The key without its version: a newer snapshot of the same family replaces the older one."""
        return self.route, self.language, self.media_type


@dataclass
class Snapshot:
    key: SnapshotKey
    files: dict[str, Path]  # by content encoding
    digest: str  # of the identity bytes: a strong ETag is byte-exact, and a build stamps its own time
    headers: dict[str, str]  # Content-Language, Content-Disposition...

    def etag(self, encoding: str) -> str:
        return f'"{self.digest}"' if encoding == "identity" else f'"{self.digest}-{encoding}"'


class SnapshotWriter:
    """What a build writes its bytes to: gathered, then written and compressed by a worker thread."""

    def __init__(self, files: dict[str, Path]) -> None:
        self._outputs: dict[str, BinaryIO] = {encoding: path.open("wb") for encoding, path in files.items()}
        self._compressors = {encoding: stream_compressor(encoding) for encoding in files if encoding != "identity"}
        self._hash = hashlib.blake2b(digest_size=16)
        self._pending: list[bytes] = []
        self._held = 0

    async def write(self, data: bytes) -> None:
        self._pending.append(data)
        self._held += len(data)
        if self._held >= WRITE_CHUNK:
            await self._flush()

    async def _flush(self) -> None:
        chunk = b"".join(self._pending)
        self._pending, self._held = [], 0
        await asyncio.to_thread(self._write_all, chunk, False)

    def _write_all(self, chunk: bytes, last: bool) -> None:
        self._hash.update(chunk)
        self._outputs["identity"].write(chunk)
        for encoding, compressor in self._compressors.items():
            self._outputs[encoding].write(compressor.compress(chunk) + (compressor.finish() if last else b""))

    async def finish(self) -> str:
        """Write what is left, close the files, and return the digest of the identity bytes."""
        chunk = b"".join(self._pending)
        self._pending = []
        await asyncio.to_thread(self._write_all, chunk, True)
        self.close()
        return self._hash.hexdigest()

    def close(self) -> None:
        for output in self._outputs.values():
            output.close()


# A build writes the answer's bytes with `write`, reading with the session, in the language of the localizer;
# it returns the answer's own headers (Content-Language...).
Build = Callable[[AsyncSession, Localizer, SnapshotWriter], Awaitable[dict[str, str]]]


class SnapshotStore:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        directory_version: DirectoryVersion,
        *,
        parent: Path | None,
        max_count: int,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.directory_version = directory_version
        self.parent = parent
        self.max_count = max_count
        self.directory: Path | None = None
        self.builds = 0  # how many builds this process ran (for tests and benchmarks)
        self._snapshots: OrderedDict[SnapshotKey, Snapshot] = OrderedDict()
        self._building: dict[SnapshotKey, asyncio.Task[Snapshot]] = {}
        self._one_build = asyncio.Lock()

    def start(self) -> None:
        if self.parent is not None:
            self.parent.mkdir(parents=True, exist_ok=True)
        # One directory per process: worker processes sharing SNAPSHOT_DIR never touch each other's files.
        self.directory = Path(tempfile.mkdtemp(prefix="snapshots-", dir=self.parent))

    async def stop(self) -> None:
        for task in list(self._building.values()):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._snapshots.clear()
        if self.directory is not None:
            await asyncio.to_thread(shutil.rmtree, self.directory, True)
            self.directory = None

    async def key(self, route: str, localizer: Localizer, media_type: str) -> SnapshotKey:
        version = (await self.directory_version.current(), utcnow().date().isoformat())
        return SnapshotKey(version, route, tuple(localizer.chain), media_type)

    async def get(self, key: SnapshotKey, build: Build) -> Snapshot:
        """The snapshot of `key`, built now (or by the build already running for it) when there is none yet."""
        snapshot = self._snapshots.get(key)
        if snapshot is not None:
            self._snapshots.move_to_end(key)
            return snapshot
        task = self._building.get(key)
        if task is None:
            task = asyncio.create_task(self._build(key, build), name=f"snapshot {key.route}")
            self._building[key] = task
            task.add_done_callback(lambda _task: self._building.pop(key, None))
        # Shielded: a client that leaves cancels its own wait, not the build others wait for.
        return await asyncio.shield(task)

    async def _build(self, key: SnapshotKey, build: Build) -> Snapshot:
        assert self.directory is not None, "the store is started with the app"
        async with self._one_build:
            name = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
            files = {encoding: self.directory / f"{name}.{encoding}" for encoding in ENCODINGS}
            writer = SnapshotWriter(files)
            self.builds += 1
            try:
                async with self.sessionmaker() as session:
                    if session.get_bind().dialect.name == "postgresql":
                        # Every page read from one view of the data, as a single query would.
                        await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                    localizer = Localizer(list(key.language), ())
                    headers = await build(session, localizer, writer)
                headers.setdefault("content-language", ", ".join(localizer.used) or localizer.language)
                digest = await writer.finish()
            except BaseException:
                writer.close()
                for path in files.values():
                    path.unlink(missing_ok=True)
                raise
        snapshot = Snapshot(key, files, digest, headers)
        self._keep(snapshot)
        return snapshot

    def _keep(self, snapshot: Snapshot) -> None:
        for key in [key for key in self._snapshots if key.family == snapshot.key.family]:
            self._forget(key)
        self._snapshots[snapshot.key] = snapshot
        while len(self._snapshots) > self.max_count:
            self._forget(next(iter(self._snapshots)))

    def _forget(self, key: SnapshotKey) -> None:
        for path in self._snapshots.pop(key).files.values():
            path.unlink(missing_ok=True)

    async def response(self, request: Request, key: SnapshotKey, build: Build) -> "SnapshotResponse":
        """The answer to `request` from the snapshot of `key`: whole, one byte range, or 304."""
        while True:
            snapshot = await self.get(key, build)
            # A range is of the plain bytes: a 206 is never compressed (and resuming a compressed download starts
            # it again, its ETag being another's under If-Range).
            identity_size = snapshot.files["identity"].stat().st_size
            accepted = "identity" if "range" in request.headers else request.headers.get("accept-encoding", "")
            encoding = choose_encoding(accepted, identity_size)
            try:
                opened = await asyncio.to_thread(snapshot.files[encoding].open, "rb")
            except FileNotFoundError:  # replaced by a newer version meanwhile: its build is the one to wait for
                continue
            break
        try:
            return _answer(snapshot, encoding, opened, request.headers)
        except BaseException:
            opened.close()
            raise


def _answer(snapshot: Snapshot, encoding: str, opened: BinaryIO, request: Headers) -> "SnapshotResponse":
    size = os.fstat(opened.fileno()).st_size
    etag = snapshot.etag(encoding)
    headers = {
        **snapshot.headers,
        "content-type": snapshot.key.media_type,
        "etag": etag,
        "cache-control": CACHE_CONTROL,
        "vary": VARY,
        "accept-ranges": "bytes",
    }
    if encoding != "identity":
        headers["content-encoding"] = encoding
    if etag_matches(request.get("if-none-match", ""), etag):
        return SnapshotResponse(opened, 304, headers, 0, 0)
    wanted = _byte_range(request, etag, size)
    if wanted is None:
        return SnapshotResponse(opened, 200, headers, 0, size)
    start, end = wanted
    headers["content-range"] = f"bytes {start}-{end - 1}/{size}"
    return SnapshotResponse(opened, 206, headers, start, end)


class SnapshotResponse(Response):
    """An opened snapshot file sent as an answer: bytes [start, end) of it, read in a worker thread."""

    def __init__(self, file: BinaryIO, status: int, headers: dict[str, str], start: int, end: int) -> None:
        length = {} if status == 304 else {"content-length": str(end - start)}
        super().__init__(status_code=status, headers={**headers, **length})
        self.file = file
        self.start = start
        self.end = end

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            await asyncio.to_thread(self.file.seek, self.start)
            position = self.start
            while position < self.end:
                chunk = await asyncio.to_thread(self.file.read, min(READ_CHUNK, self.end - position))
                if not chunk:  # a snapshot file is never written once served: do not loop on a short one
                    break
                position += len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": position < self.end})
            if position < self.end or self.end == self.start:
                await send({"type": "http.response.body", "body": b""})
        finally:
            self.file.close()
        if self.background is not None:
            await self.background()


def _byte_range(request: Headers, etag: str, size: int) -> tuple[int, int] | None:
    """The [start, end) the client asks for, or None for the whole file. Only one range is served: a Range header
    that is not one `bytes=` range is ignored (allowed by RFC 9110), as is one under an If-Range that is not the
    current ETag. A range that starts past the end gets 416."""
    header = request.get("range")
    if header is None:
        return None
    if_range = request.get("if-range")
    if if_range is not None and if_range.strip() != etag:
        return None
    match = _RANGE.match(header.strip().replace(" ", ""))
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            raise _unsatisfiable(size)
        return max(0, size - length), size
    start = int(first)
    end = size if last == "" else min(int(last) + 1, size)
    if last != "" and int(last) < start:
        return None
    if start >= size:
        raise _unsatisfiable(size)
    return start, end


def _unsatisfiable(size: int) -> RangeNotSatisfiableError:
    return RangeNotSatisfiableError(
        f"The range starts after the end of the answer ({size} bytes).", headers={"Content-Range": f"bytes */{size}"}
    )


def _snapshots(request: Request) -> SnapshotStore:
    store: SnapshotStore = request.app.state.snapshots
    return store


SnapshotsDep = Annotated[SnapshotStore, Depends(_snapshots)]
