"""Response compression: brotli, else gzip, as the client's Accept-Encoding allows (q-values honoured).

A large body is compressed in a worker thread (brotli and zlib release the GIL), so that the event loop goes on
serving other requests meanwhile; a small one inline. benchmarks/compression.py measured, on 2 loaded cores: up to
64 KiB of JSON, compressing takes under 1 ms (brotli quality 5 or gzip 6), no more than the thread would add to
the request (0.2-0.7 ms); at 256 KiB it holds the loop 6-12 ms and at 1 MiB 40-50 ms, while from a thread the
loop waits no longer than its usual scheduling noise.
"""

import gzip
import zlib
from typing import Protocol

import anyio.to_thread
import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MIN_COMPRESSED_SIZE = 1024
# Bodies of at least this many bytes are compressed in a worker thread.
THREAD_MIN_SIZE = 64 * 1024


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


async def compress_off_loop(body: bytes, encoding: str) -> bytes:
    """`compress`, in a worker thread when the body is large (see the module's docstring)."""
    if len(body) < THREAD_MIN_SIZE or encoding == "identity":
        return compress(body, encoding)
    return await anyio.to_thread.run_sync(compress, body, encoding)


class StreamCompressor(Protocol):
    """Compresses a stream chunk by chunk; compress() may hold data back until finish()."""

    def compress(self, chunk: bytes) -> bytes: ...

    def finish(self) -> bytes: ...


class _Gzip:
    def __init__(self) -> None:
        self._zlib = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 16 + 15: a gzip header and trailer

    def compress(self, chunk: bytes) -> bytes:
        return self._zlib.compress(chunk)

    def finish(self) -> bytes:
        return self._zlib.flush(zlib.Z_FINISH)


class _Brotli:
    def __init__(self) -> None:
        self._brotli = brotli.Compressor(quality=5)

    def compress(self, chunk: bytes) -> bytes:
        return self._brotli.process(chunk)  # type: ignore[no-any-return]

    def finish(self) -> bytes:
        return self._brotli.finish()  # type: ignore[no-any-return]


class _Identity:
    def compress(self, chunk: bytes) -> bytes:
        return chunk

    def finish(self) -> bytes:
        return b""


def stream_compressor(encoding: str) -> StreamCompressor:
    return _Brotli() if encoding == "br" else _Gzip()


def byte_addressed(start: Message) -> bool:
    """An answer that serves byte ranges (a snapshot file, a 206): its bytes go out as they are, neither compressed
    again nor held, since ranges count those bytes."""
    headers = Headers(raw=start["headers"])
    return start["status"] == 206 or "content-range" in headers or headers.get("accept-ranges") == "bytes"


def add_vary(headers: MutableHeaders, value: str) -> None:
    present = {part.strip().lower() for part in headers.get("vary", "").split(",") if part.strip()}
    if value.lower() not in present:
        headers.append("Vary", value)


class CompressionMiddleware:
    """Compresses answers that are not compressed yet: a whole body at once, a streamed one chunk by chunk."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accept = Headers(scope=scope).get("accept-encoding", "")
        start: Message | None = None
        streaming: StreamCompressor | None = None

        async def compressing(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                if byte_addressed(message):
                    await send(message)  # and its body goes out as it is: start stays None
                else:
                    start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body, more = message.get("body", b""), message.get("more_body", False)
            if streaming is not None:
                chunk = streaming.compress(body) if more else streaming.compress(body) + streaming.finish()
                # The compressor holds small chunks back; an empty chunk is not sent until the last one.
                if chunk or not more:
                    await send({"type": "http.response.body", "body": chunk, "more_body": more})
            elif start is None:
                await send(message)
            elif more:
                streaming = await self._start_stream(start, accept, send)
                start = None
                await compressing(message)
            else:
                await self._send_whole(start, body, accept, send)

        await self.app(scope, receive, compressing)

    async def _send_whole(self, start: Message, body: bytes, accept: str, send: Send) -> None:
        headers = MutableHeaders(raw=list(start["headers"]))
        if "content-encoding" not in headers and body:
            add_vary(headers, "Accept-Encoding")
            encoding = choose_encoding(accept, len(body))
            if encoding != "identity":
                body = await compress_off_loop(body, encoding)
                headers["Content-Encoding"] = encoding
                headers["Content-Length"] = str(len(body))
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})

    async def _start_stream(self, start: Message, accept: str, send: Send) -> StreamCompressor:
        """Send the head of a streamed answer; return what to pass its chunks through."""
        headers = MutableHeaders(raw=list(start["headers"]))
        encoding = "identity" if "content-encoding" in headers else choose_encoding(accept, MIN_COMPRESSED_SIZE)
        if "content-encoding" not in headers:
            add_vary(headers, "Accept-Encoding")
        if encoding == "identity":
            await send({**start, "headers": headers.raw})
            return _Identity()
        headers["Content-Encoding"] = encoding
        if "content-length" in headers:
            del headers["content-length"]
        await send({**start, "headers": headers.raw})
        return stream_compressor(encoding)
