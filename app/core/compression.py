"""Response compression: brotli, else gzip, as the client's Accept-Encoding allows (q-values honoured)."""

import gzip

import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MIN_COMPRESSED_SIZE = 1024


def choose_encoding(accept_encoding: str, size: int) -> str:
    """brotli, else gzip, when the client accepts it and the body is worth compressing; else identity."""
    if size < MIN_COMPRESSED_SIZE:
        return "identity"
    accepted: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        key, _, value = params.strip().partition("=")
        if key.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        accepted[name.strip().lower()] = quality
    for encoding in ("br", "gzip"):
        if accepted.get(encoding, accepted.get("*", 0.0)) > 0:
            return encoding
    return "identity"


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=5)  # type: ignore[no-any-return]
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=6)
    return body


def add_vary(headers: MutableHeaders, value: str) -> None:
    present = {part.strip().lower() for part in headers.get("vary", "").split(",") if part.strip()}
    if value.lower() not in present:
        headers.append("Vary", value)


class CompressionMiddleware:
    """Compresses whole (non-streamed) answers that are not compressed yet: the API's JSON is small."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accept = Headers(scope=scope).get("accept-encoding", "")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(start, b"".join(chunks), accept, send)

        await self.app(scope, receive, buffered)

    async def _finish(self, start: Message, body: bytes, accept: str, send: Send) -> None:
        headers = MutableHeaders(raw=list(start["headers"]))
        if "content-encoding" not in headers and body:
            add_vary(headers, "Accept-Encoding")
            encoding = choose_encoding(accept, len(body))
            if encoding != "identity":
                body = compress(body, encoding)
                headers["Content-Encoding"] = encoding
                headers["Content-Length"] = str(len(body))
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
