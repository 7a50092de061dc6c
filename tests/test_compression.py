"""Large answers are compressed in a worker thread, small ones on the event loop; either way the client decodes
the same bytes."""

import asyncio
import gzip
import threading
import time
from collections.abc import Callable
from typing import Any

import brotli
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.http import compression
from app.core.http.response_cache import PublicResponseCache
from tests import factories

DECODE: dict[str, Callable[[bytes], bytes]] = {"br": brotli.decompress, "gzip": gzip.decompress}
LONG_TEXT = "Atención psicosocial y jurídica a la niñez migrante no acompañada, " * 40


@pytest.fixture
async def large(session: AsyncSession) -> None:
    description = {"es": LONG_TEXT, "en": LONG_TEXT}
    await factories.add(session, *(factories.institution(description=description) for _ in range(30)))


@pytest.fixture
def compressed_on(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each compression ran on the event loop's thread (True) or in a worker thread (False)."""
    loop_thread = threading.get_ident()
    calls: list[bool] = []
    compress = compression.compress

    def recording(body: bytes, encoding: str) -> bytes:
        calls.append(threading.get_ident() == loop_thread)
        return compress(body, encoding)

    monkeypatch.setattr(compression, "compress", recording)
    return calls


async def _raw(client: httpx.AsyncClient, url: str, encoding: str) -> tuple[str | None, bytes]:
    # httpx decodes what it is sent; read the raw bytes to see the encoding on the wire.
    async with client.stream("GET", url, headers={"Accept-Encoding": encoding}) as response:
        assert response.status_code == 200
        return response.headers.get("Content-Encoding"), b"".join([chunk async for chunk in response.aiter_raw()])


@pytest.mark.usefixtures("large")
@pytest.mark.parametrize("encoding", ["br", "gzip"])
async def test_a_large_answer_is_compressed_off_the_event_loop_and_decodes_to_the_same_bytes(
    client: httpx.AsyncClient, compressed_on: list[bool], encoding: str
) -> None:
    # The cached public list (compressed once by the response cache) and an answer the cache does not keep.
    for url in ("/api/v1/institutions?limit=100", "/openapi.json"):
        _, plain = await _raw(client, url, "identity")
        assert len(plain) > compression.THREAD_MIN_SIZE
        compressed_on.clear()

        sent_as, raw = await _raw(client, url, encoding)

        assert sent_as == encoding
        assert DECODE[encoding](raw) == plain
        assert compressed_on == [False], url


async def test_a_small_answer_is_compressed_inline(client: httpx.AsyncClient, compressed_on: list[bool]) -> None:
    _, plain = await _raw(client, "/api/v1/countries", "identity")
    assert compression.MIN_COMPRESSED_SIZE < len(plain) < compression.THREAD_MIN_SIZE

    sent_as, raw = await _raw(client, "/api/v1/countries", "br")

    assert (sent_as, brotli.decompress(raw)) == ("br", plain)
    assert compressed_on == [True]


@pytest.mark.usefixtures("large")
async def test_the_cache_counts_one_copy_when_two_requests_compress_the_same_answer(
    app: FastAPI, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "/api/v1/institutions?limit=100"
    await _raw(client, url, "identity")
    cache = _response_cache(app)
    compress = compression.compress

    def slow(body: bytes, encoding: str) -> bytes:
        time.sleep(0.2)  # in the worker thread: long enough for the second request to want the same copy
        return compress(body, encoding)

    monkeypatch.setattr(compression, "compress", slow)

    first, second = await asyncio.gather(_raw(client, url, "br"), _raw(client, url, "br"))

    assert first == second
    assert cache.total_bytes == sum(entry.size for entry in cache.entries.values())


def _response_cache(app: FastAPI) -> PublicResponseCache:
    layer: Any = app.middleware_stack
    while not isinstance(layer, PublicResponseCache):
        layer = layer.app
    return layer
