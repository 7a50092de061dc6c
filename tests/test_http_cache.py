import gzip
import json
from datetime import UTC, datetime

import brotli
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.http import response_cache
from app.records import repository
from tests import factories

URL = "/api/v1/institutions"


@pytest.fixture(autouse=True)
def cache_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The cache's clock stands still, so that no minute ends between two requests of a test."""
    moment = datetime(2026, 12, 2, 15, 4, 30, tzinfo=UTC)
    monkeypatch.setattr(response_cache, "utcnow", lambda: moment)
    return moment


@pytest.fixture
async def many(session: AsyncSession) -> None:
    await factories.add(session, *(factories.institution(name=f"Institution {n:02d}") for n in range(20)))


@pytest.mark.usefixtures("many")
async def test_public_answers_carry_a_strong_etag_and_cache_headers(client: httpx.AsyncClient) -> None:
    response = await client.get(URL)
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    # Each institution says whether it is open now: the answer holds until the minute ends, 30 seconds later.
    assert response.headers["Cache-Control"] == "public, max-age=30"
    countries = await client.get("/api/v1/countries")
    assert countries.headers["Cache-Control"] == "public, max-age=60, stale-while-revalidate=3600"
    assert {"Accept-Encoding", "Accept-Language"} <= {v.strip() for v in response.headers["Vary"].split(",")}
    assert (await client.get(URL)).headers["ETag"] == etag
    assert (await client.get(URL, params={"limit": 5})).headers["ETag"] != etag


@pytest.mark.usefixtures("many")
async def test_revalidation_answers_304_without_running_the_query(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    etag = (await client.get(URL)).headers["ETag"]
    calls = 0
    original = repository.fetch_page

    async def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return await original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "fetch_page", counting)
    response = await client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag
    assert calls == 0


async def test_a_write_makes_cached_answers_stale_at_once(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.institution(name="Before")
    await factories.add(session, record)
    first = await client.get(URL)
    etag = first.headers["ETag"]

    record.name = "After"
    await session.commit()
    response = await client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag
    assert [item["name"] for item in response.json()["items"]] == ["After"]


@pytest.mark.usefixtures("many")
@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("br, gzip", "br"), ("gzip", "gzip"), ("gzip;q=0, br", "br"), ("identity", None), ("br;q=0, gzip;q=0", None)],
)
async def test_compression_follows_accept_encoding(
    client: httpx.AsyncClient, accept: str, encoding: str | None
) -> None:
    plain = (await client.get(URL, headers={"Accept-Encoding": "identity"})).json()
    # httpx decodes what it is sent; read the raw bytes to see the encoding on the wire.
    async with client.stream("GET", URL, headers={"Accept-Encoding": accept}) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    assert response.headers.get("Content-Encoding") == encoding
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda body: body}[encoding](raw)
    assert json.loads(decoded) == plain
    if encoding:
        assert len(raw) < len(decoded) / 3


async def test_small_answers_are_not_compressed(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/institutions/none-such", headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 404
    assert "Content-Encoding" not in response.headers


async def test_signed_in_requests_are_not_served_from_the_shared_cache(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/auth/me")  # 401, never kept
    response = await client.get("/api/v1/countries", headers={"Authorization": "Bearer x"})
    assert "Cache-Control" not in response.headers


@pytest.mark.usefixtures("many")
@pytest.mark.parametrize("encoding", ["br", "gzip"])
async def test_streamed_answers_are_compressed_as_they_stream(client: httpx.AsyncClient, encoding: str) -> None:
    # A list built in memory and streamed (whole-directory lists are files: tests/test_snapshots.py).
    url = "/hsds/taxonomy_terms?format=ndjson"
    plain = (await client.get(url, headers={"Accept-Encoding": "identity"})).text
    async with client.stream("GET", url, headers={"Accept-Encoding": encoding}) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    assert response.headers["Content-Encoding"] == encoding
    assert "Content-Length" not in response.headers or int(response.headers["Content-Length"]) == len(raw)
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress}[encoding](raw)
    assert decoded.decode() == plain
    assert len(plain.splitlines()) > 10


@pytest.mark.usefixtures("many")
async def test_an_answer_too_big_to_keep_streams_through_the_cache(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(response_cache, "MAX_BODY_BYTES", 1000)
    url = "/hsds/taxonomy_terms?format=ndjson"
    first = await client.get(url)
    assert first.status_code == 200
    assert len(first.content) > 1000
    assert len(first.text.splitlines()) > 10
    # Not kept: no cache validators, and no 304 for a tag the cache never gave.
    assert "ETag" not in first.headers
    assert (await client.get(url)).text == first.text
