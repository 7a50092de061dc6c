"""HTTP caching of the public API: strong ETags, Cache-Control, 304 without work, compressed bodies.

Public GET answers (no Authorization header, status 200) are kept in process memory and stamped with the
directory's version: the change sequence value and every country's current date. Every request reads that
version (one small indexed query), so a write in any worker process makes every answer it could affect stale at
once, and a record whose valid_until passes at midnight in its country leaves the cache then. Answers that tell
whether a service is open now (the `per_minute` paths) are also stamped with the current minute, and clients may
keep them only until that minute ends. An answer still at the current version is served from
memory: a 304 when If-None-Match matches, else its stored bytes, compressed once per encoding (brotli or gzip, as
the client accepts).

An answer's key holds only what the answer depends on, so that no client can make the cache hold more than one
copy of it: the path; the route's own query parameters, sorted (a request with any other parameter is answered
without the cache); the language chain negotiated from Accept-Language (never the header itself); and, when no
PUBLIC_BASE_URL is set, the origin (scheme and Host), which absolute URLs in the answer are then built from. The
bound on memory counts bodies, their compressed copies and keys, plus a fixed overhead per answer.

Answers served from files by byte ranges (app.core.snapshots) pass through untouched: they have their own ETag,
and holding them would defeat the files.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl

from fastapi import params
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.http.compression import byte_addressed, choose_encoding, compress_off_loop
from app.core.i18n import preferred_languages
from app.core.local_time import publication_day_key
from app.core.types import utcnow

CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=3600"
VARY = "Accept-Encoding, Accept-Language"
# Bounded by bytes (a setting) as well as by count, so that clients sending ever-new requests cannot grow it.
MAX_ENTRIES = 4096
MAX_BODY_BYTES = 4 * 1024 * 1024
# Memory an answer holds beyond its bytes and its key's: the entry, its dictionaries and headers.
ENTRY_OVERHEAD = 1024
# Headers of the stored answer that go out again with it; the rest (length, encoding, date) are recomputed.
_KEPT_HEADERS = ("content-type", "content-language", "content-disposition", "etag", "location", "link")

VersionSource = Callable[[], Awaitable[int]]
# Origin ("" when absolute URLs do not come from the request), path, query parameters sorted by name, languages.
CacheKey = tuple[str, str, tuple[tuple[str, str], ...], str]


RawHeaders = list[tuple[bytes, bytes]]
_VARY = VARY.encode("latin-1")
_CACHE_CONTROL = CACHE_CONTROL.encode("latin-1")


@dataclass
class CachedAnswer:
    version: tuple[int, str]
    etag: str
    headers: list[tuple[str, str]]
    body: bytes
    encoded: dict[str, bytes] = field(default_factory=dict)
    key_bytes: int = 0
    # The stored headers and the ETag as sent (names in lower case, as Starlette's MutableHeaders writes them),
    # encoded once rather than on every hit.
    raw_head: RawHeaders = field(default_factory=list)

    def __post_init__(self) -> None:
        self.raw_head = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in self.headers]
        self.raw_head.append((b"etag", self.etag.encode("latin-1")))

    def head(self, cache_control: bytes) -> RawHeaders:
        """The headers of a 304, and of a 200 before its Content-Encoding and Content-Length."""
        return [*self.raw_head, (b"cache-control", cache_control), (b"vary", _VARY)]

    @property
    def size(self) -> int:
        """Bytes held: the body, its compressed copies, its key and the fixed overhead."""
        return len(self.body) + sum(len(body) for body in self.encoded.values()) + self.key_bytes + ENTRY_OVERHEAD

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


def _query_parameter_names(route: object) -> frozenset[str] | None:
    """The query parameters a route reads, its dependencies' included; None for a route that is not FastAPI's."""
    if not isinstance(route, APIRoute):
        return None
    fields = get_flat_params(route.dependant)
    return frozenset(field.alias for field in fields if isinstance(field.field_info, params.Query))


class PublicResponseCache:
    def __init__(
        self,
        app: ASGIApp,
        *,
        prefixes: tuple[str, ...],
        version: VersionSource,
        max_bytes: int,
        per_origin: bool,
        fallback_languages: tuple[str, ...],
        per_minute: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.prefixes = prefixes
        self.per_minute = per_minute
        self.version_source = version
        self.max_bytes = max_bytes
        self.per_origin = per_origin
        self.fallback_languages = fallback_languages
        # Per route (by id: routes compare by value, are unhashable, and live as long as the app).
        self._route_parameters: dict[int, frozenset[str] | None] = {}
        self.entries: OrderedDict[CacheKey, CachedAnswer] = OrderedDict()
        self.total_bytes = 0
        self._keys: dict[tuple[str, str, str, bytes, str | None], CacheKey] = {}

    def _key(self, scope: Scope, headers: Headers) -> CacheKey:
        return self.key_of(scope, headers.get("host", ""), headers.get("accept-language"))

    def key_of(self, scope: Scope, host: str, accept_language: str | None) -> CacheKey:
        """The key of a request from its Host and Accept-Language headers; remembered per raw request, since
        parsing the query and the languages costs more than the rest of a hit."""
        raw = (scope.get("scheme", "http"), host, scope["path"], scope.get("query_string", b""), accept_language)
        key = self._keys.get(raw)
        if key is None:
            if len(self._keys) >= MAX_ENTRIES:
                self._keys.clear()
            # A stable sort by name: the order of one parameter's values is kept, as it may matter.
            pairs = parse_qsl(raw[3].decode("latin-1"), keep_blank_values=True)
            query = tuple(sorted(pairs, key=lambda pair: pair[0]))
            origin = f"{raw[0]}://{host}" if self.per_origin else ""
            languages = ",".join(preferred_languages(accept_language, self.fallback_languages))
            key = self._keys[raw] = (origin, scope["path"], query, languages)
        return key

    def version_now(self, path: str) -> tuple[bool, datetime, str]:
        """Whether answers under `path` are right for a minute only, the time, and what their version holds
        besides the change sequence: the minute, or every country's date."""
        now = utcnow()
        minute = path.startswith(self.per_minute) if self.per_minute else False
        return minute, now, now.isoformat(timespec="minutes") if minute else publication_day_key(now)

    @staticmethod
    def cache_control(minute: bool, now: datetime) -> bytes:
        return f"public, max-age={60 - now.second}".encode("latin-1") if minute else _CACHE_CONTROL

    async def fresh_entry(
        self, scope: Scope, host: str, accept_language: str | None
    ) -> tuple[CacheKey, CachedAnswer, bytes] | None:
        """The kept answer to a request, when it is at the current version, with its Cache-Control; else None
        (the request is then answered by the app)."""
        minute, now, moment = self.version_now(scope["path"])
        try:
            version = (await self.version_source(), moment)
        except Exception:  # the database is down: the app answers (and reports) without the cache
            return None
        key = self.key_of(scope, host, accept_language)
        entry = self.entries.get(key)
        if entry is None or entry.version != version:
            return None
        self.entries.move_to_end(key)
        return key, entry, self.cache_control(minute, now)

    def _reads_every_parameter(self, scope: Scope) -> bool:
        """Whether the route that answered (the router has put it in the scope) declares every query parameter
        sent. Only such answers are kept: a request with any other parameter is never stored, so never read, and
        junk parameters cannot multiply the copies of one answer. Since the route follows from the path, which is
        in the key, a key that is stored once is one that is always fit to store."""
        route = scope.get("route")
        if id(route) not in self._route_parameters:
            self._route_parameters[id(route)] = _query_parameter_names(route)
        known = self._route_parameters[id(route)]
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        return known is not None and all(name in known for name, _ in pairs)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "authorization" in headers:
            await self.app(scope, receive, send)
            return
        minute, now, moment = self.version_now(scope["path"])
        try:
            version = (await self.version_source(), moment)
        except Exception:  # the database is down: let the app answer (and report) without the cache
            await self.app(scope, receive, send)
            return
        key = self._key(scope, headers)
        entry = self.entries.get(key)
        if entry is None or entry.version != version:
            entry = await self._answer_and_keep(scope, receive, send, key, version)
            if entry is None:
                return
        else:
            self.entries.move_to_end(key)
        await self._send_cached(key, entry, headers, send, self.cache_control(minute, now))

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: CacheKey, version: tuple[int, str]
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
                passthrough = message["status"] != 200 or byte_addressed(message)
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
        origin, path, query, languages = key
        key_bytes = len(origin) + len(path) + sum(len(name) + len(value) for name, value in query) + len(languages)
        entry = CachedAnswer(version=version, etag=etag, headers=kept, body=body, key_bytes=key_bytes)
        if len(body) <= MAX_BODY_BYTES and self._reads_every_parameter(scope):
            self._keep(key, entry)
        return entry

    def _keep(self, key: CacheKey, entry: CachedAnswer) -> None:
        replaced = self.entries.pop(key, None)
        if replaced is not None:
            self.total_bytes -= replaced.size
        self.entries[key] = entry
        self.total_bytes += entry.size
        self._evict()

    def _evict(self) -> None:
        while self.entries and (len(self.entries) > MAX_ENTRIES or self.total_bytes > self.max_bytes):
            _, evicted = self.entries.popitem(last=False)
            self.total_bytes -= evicted.size

    async def _send_cached(
        self, key: CacheKey, entry: CachedAnswer, request: Headers, send: Send, cache_control: bytes
    ) -> None:
        response = entry.head(cache_control)
        if etag_matches(request.get("if-none-match", ""), entry.etag):
            await send({"type": "http.response.start", "status": 304, "headers": response})
            await send({"type": "http.response.body", "body": b""})
            return
        encoding = choose_encoding(request.get("accept-encoding", ""), len(entry.body))
        body, added = await entry.body_for(encoding)
        if added and self.entries.get(key) is entry:  # a copy made for a kept answer
            self.total_bytes += added
            self._evict()
        if encoding != "identity":
            response.append((b"content-encoding", encoding.encode("latin-1")))
        response.append((b"content-length", str(len(body)).encode("latin-1")))
        await send({"type": "http.response.start", "status": 200, "headers": response})
        await send({"type": "http.response.body", "body": body})


def find_response_cache(app: ASGIApp) -> PublicResponseCache | None:
    """The cache among the layers of a started app (its middleware stack is built by the first request)."""
    layer: object = getattr(app, "middleware_stack", None)
    while layer is not None:
        if isinstance(layer, PublicResponseCache):
            return layer
        layer = getattr(layer, "app", None)
    return None
