"""Answers held by the response cache, sent before the other layers run: the hot path of the public API.

A cache hit went through six layers (HEAD as GET, security headers, header sizes, trusted hosts, compression, body
size) before the cache answered it, each wrapping `send` and reading the headers again: together they cost more
than the answer itself. This layer, outermost, does what each of them would do to such an answer, in one pass over
the request's headers: it refuses nothing and changes nothing itself. When any layer could act on the request (a
header over its size, a Host not allowed, a body, a CORS Origin, an Authorization header) or the answer is not kept
at the current version, the request goes through every layer as before, and so do all others.

It learns the layers at the first request, by walking from itself to the cache. A layer it does not know (one added
later) turns it off, so that it never answers past a layer whose effect it would skip.
"""

from dataclasses import dataclass

from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.head import HeadAsGetMiddleware
from app.core.http.compression import CompressionMiddleware, choose_encoding
from app.core.http.limits import BodySizeLimitMiddleware, HeaderSizeLimitMiddleware
from app.core.http.response_cache import PublicResponseCache, etag_matches
from app.core.security_headers import SecurityHeadersMiddleware, raw_security_headers
from app.core.urls import TrustedHostMiddleware

# Layers whose effect on a kept answer this one reproduces: HEAD drops the body; the security headers are added;
# compression leaves an answer alone that the cache already sent in the encoding the client accepts (or that is
# too small to compress, whose Vary already names Accept-Encoding); the limits and the host check refuse nothing
# that passes the checks made here.
_KNOWN = (
    HeadAsGetMiddleware,
    SecurityHeadersMiddleware,
    HeaderSizeLimitMiddleware,
    TrustedHostMiddleware,
    CompressionMiddleware,
    CORSMiddleware,
    BodySizeLimitMiddleware,
)
# Headers that make some layer act on the request: a body to count, an Origin to answer for.
_BODY = (b"content-length", b"transfer-encoding")


@dataclass(frozen=True)
class _Layers:
    cache: PublicResponseCache
    hosts: TrustedHostMiddleware | None
    sizes: HeaderSizeLimitMiddleware | None
    cors: bool


class ResponseCacheFrontDoor:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._layers: _Layers | None = None
        self._found = False

    def _find_layers(self) -> _Layers | None:
        hosts = sizes = None
        cors = False
        layer: object = self.app
        while not isinstance(layer, PublicResponseCache):
            if not isinstance(layer, _KNOWN):
                return None
            if isinstance(layer, TrustedHostMiddleware):
                hosts = layer
            elif isinstance(layer, HeaderSizeLimitMiddleware):
                sizes = layer
            cors = cors or isinstance(layer, CORSMiddleware)
            layer = getattr(layer, "app", None)
        return _Layers(layer, hosts, sizes, cors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not await self._answered(scope, send):
            await self.app(scope, receive, send)

    async def _answered(self, scope: Scope, send: Send) -> bool:
        if not self._found:
            self._layers, self._found = self._find_layers(), True
        layers = self._layers
        if layers is None or not scope["path"].startswith(layers.cache.prefixes):
            return False
        # One pass over the headers: the first value of each (as Starlette's Headers.get reads it), and the sizes.
        values: dict[bytes, bytes] = {}
        total = 0
        largest = 0
        for name, value in scope["headers"]:
            size = len(name) + len(value)
            total += size
            largest = max(largest, size)
            values.setdefault(name, value)
        if b"authorization" in values or any(name in values for name in _BODY):
            return False
        if layers.cors and b"origin" in values:
            return False
        sizes = layers.sizes
        if sizes is not None and (largest > sizes.max_field_bytes or total > sizes.max_total_bytes):
            return False
        host = values.get(b"host", b"").decode("latin-1")
        if layers.hosts is not None and not layers.hosts.allow_any and not layers.hosts._trusted(host):
            return False
        language = values.get(b"accept-language")
        found = await layers.cache.fresh_entry(scope, host, None if language is None else language.decode("latin-1"))
        if found is None:
            return False
        _, entry, cache_control = found
        headers = entry.head(cache_control)
        if etag_matches(values.get(b"if-none-match", b"").decode("latin-1"), entry.etag):
            status, body = 304, b""
        else:
            encoding = choose_encoding(values.get(b"accept-encoding", b"").decode("latin-1"), len(entry.body))
            if encoding == "identity":
                body = entry.body
            elif encoding in entry.encoded:
                body = entry.encoded[encoding]
                headers.append((b"content-encoding", encoding.encode("latin-1")))
            else:  # not compressed yet: the cache compresses it (off the loop when large) and keeps the copy
                return False
            status = 200
            headers.append((b"content-length", str(len(body)).encode("latin-1")))
        headers += raw_security_headers(scope["path"])
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
        return True
