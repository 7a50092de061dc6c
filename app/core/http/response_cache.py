"""HTTP caching of the public API: strong ETags, Cache-Control, 304 without work, compressed bodies.

Public GET answers (no Authorization header, status 200) are kept in process memory, keyed by path, query string
and Accept-Language, and stamped with the directory's version: the change sequence value and today's date. Every
request reads that version (one small indexed query), so a write in any worker process makes every answer it
could affect stale at once, and a record whose valid_until passes at midnight leaves the cache then. An answer
still at the current version is served from memory: a 304 when If-None-Match matches, else its stored bytes,
compressed once per encoding (brotli or gzip, as the client accepts).
"""

import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.http.compression import choose_encoding, compress_off_loop
from app.core.types import utcnow

CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=3600"
VARY = "Accept-Encoding, Accept-Language"
# Bounded by bytes as well as by count, so that clients sending ever-new query strings cannot grow it without end.
MAX_ENTRIES = 4096
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_BODY_BYTES = 4 * 1024 * 1024
# Headers of the stored answer that go out again with it; the rest (length, encoding, date) are recomputed.
_KEPT_HEADERS = ("content-type", "content-language", "etag", "location")

VersionSource = Callable[[], Awaitable[int]]


@dataclass
class CachedAnswer:
    version: tuple[int, str]
    etag: str
    headers: list[tuple[str, str]]
    body: bytes
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Bytes held: the body and its compressed copies."""
        return len(self.body) + sum(len(body) for body in self.encoded.values())

    async def body_for(self, encoding: str) -> tuple[bytes, int]:
        """The body in `encoding`, compressed once and kept; and how many bytes keeping it added (0 if it was)."""
        if encoding == "identity":
            return self.body, 0
        if encoding not in self.encoded:
            compressed = await compress_off_loop(self.body, encoding)
            # Another request for the same answer may have kept its copy while this one was compressing.
            if encoding not in self.encoded:
                self.encoded[encoding] = compressed
                return compressed, len(compressed)
        return self.encoded[encoding], 0


def etag_matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


class PublicResponseCache:
    def __init__(self, app: ASGIApp, *, prefixes: tuple[str, ...], version: VersionSource) -> None:
        self.app = app
        self.prefixes = prefixes
        self.version_source = version
        self.entries: OrderedDict[tuple[str, bytes, str], CachedAnswer] = OrderedDict()
        self.total_bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "authorization" in headers:
            await self.app(scope, receive, send)
            return
        try:
            version = (await self.version_source(), utcnow().date().isoformat())
        except Exception:  # the database is down: let the app answer (and report) without the cache
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""), headers.get("accept-language", ""))
        entry = self.entries.get(key)
        if entry is None or entry.version != version:
            entry = await self._answer_and_keep(scope, receive, send, key, version)
            if entry is None:
                return
        else:
            self.entries.move_to_end(key)
        await self._send_cached(key, entry, headers, send)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes, str], version: tuple[int, str]
    ) -> CachedAnswer | None:
        """Run the app; keep a 200 answer and return it, or pass any other answer through and return None."""
        start: Message | None = None
        chunks: list[bytes] = []
        held = 0
        passthrough = False

        async def capture(message: Message) -> None:
            nonlocal start, passthrough, held
            if message["type"] == "http.response.start":
                start = message
                passthrough = message["status"] != 200
                if passthrough:
                    await send(message)
            elif passthrough:
                await send(message)
            else:
                chunks.append(message.get("body", b""))
                held += len(chunks[-1])
                if held > MAX_BODY_BYTES and start is not None and message.get("more_body", False):
                    # Too big to keep (a long stream): send what is held and let the rest flow through.
                    passthrough = True
                    await send(start)
                    await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                    chunks.clear()

        await self.app(scope, receive, capture)
        if passthrough or start is None:
            return None
        body = b"".join(chunks)
        stored = Headers(raw=start["headers"])
        etag = stored.get("etag") or f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
        kept = [(name, stored[name]) for name in _KEPT_HEADERS if name in stored and name != "etag"]
        entry = CachedAnswer(version=version, etag=etag, headers=kept, body=body)
        if len(body) <= MAX_BODY_BYTES:
            self._keep(key, entry)
        return entry

    def _keep(self, key: tuple[str, bytes, str], entry: CachedAnswer) -> None:
        replaced = self.entries.pop(key, None)
        if replaced is not None:
            self.total_bytes -= replaced.size
        self.entries[key] = entry
        self.total_bytes += entry.size
        self._evict()

    def _evict(self) -> None:
        while self.entries and (len(self.entries) > MAX_ENTRIES or self.total_bytes > MAX_TOTAL_BYTES):
            _, evicted = self.entries.popitem(last=False)
            self.total_bytes -= evicted.size

    async def _send_cached(
        self, key: tuple[str, bytes, str], entry: CachedAnswer, request: Headers, send: Send
    ) -> None:
        response = MutableHeaders(raw=[])
        for name, value in entry.headers:
            response[name] = value
        response["ETag"] = entry.etag
        response["Cache-Control"] = CACHE_CONTROL
        response["Vary"] = VARY
        if etag_matches(request.get("if-none-match", ""), entry.etag):
            await send({"type": "http.response.start", "status": 304, "headers": response.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        encoding = choose_encoding(request.get("accept-encoding", ""), len(entry.body))
        body, added = await entry.body_for(encoding)
        if added and self.entries.get(key) is entry:  # a copy made for a kept answer
            self.total_bytes += added
            self._evict()
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        await send({"type": "http.response.start", "status": 200, "headers": response.raw})
        await send({"type": "http.response.body", "body": body})
