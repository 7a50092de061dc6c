"""Whole-directory answers (directory.json, HSDS format=ndjson) built once per directory version into a file and
served from it: the same records as the paged answers, ETag/304, Range/206/416, one build per version."""

import gzip
import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.demo.seed import seed_demo
from app.exports import service as exports
from app.hsds import service as hsds
from tests import factories

DIRECTORY = "/api/v1/exports/directory.json"
PLAIN = {"accept-encoding": "identity"}


@pytest.fixture
async def demo(session: AsyncSession, monkeypatch: pytest.MonkeyPatch) -> None:
    await seed_demo(session)
    await session.commit()
    # Pages of a few records: the demo directory then spans many of them, and their seams are tested.
    monkeypatch.setattr(hsds, "STREAM_PAGE", 7)
    monkeypatch.setattr(exports, "_SYNC_PAGE", 7)


def builds(app: FastAPI) -> int:
    count: int = app.state.snapshots.builds
    return count


async def every_page(client: httpx.AsyncClient, url: str, params: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for page in range(1, 1000):
        body = (await client.get(url, params={**params, "page": str(page), "per_page": "100"})).json()
        items += body["contents"]
        if body["last_page"]:
            return items
    raise AssertionError("never reached the last page")


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/hsds/services", {}),
        ("/hsds/services", {"full": "true", "lang": "en"}),
        ("/hsds/services", {"minimal": "true", "search": "migrante"}),
        ("/hsds/organizations", {"full": "true"}),
        ("/hsds/organizations", {"full_service": "true"}),
        ("/hsds/service_at_locations", {"full": "true"}),
    ],
)
async def test_ndjson_is_every_page_of_the_list(
    client: httpx.AsyncClient, demo: None, url: str, params: dict[str, str]
) -> None:
    response = await client.get(url, params={**params, "format": "ndjson"})

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    expected = await every_page(client, url, params)
    assert len(expected) > 20
    assert lines == expected
    assert response.headers["content-language"]


async def test_directory_json_is_every_page_of_the_sync(client: httpx.AsyncClient, demo: None) -> None:
    response = await client.get(DIRECTORY)

    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="directory.json"'
    dump = response.json()
    synced: dict[str, list[Any]] = {}
    cursor = None
    while True:
        page = (await client.get("/api/v1/sync", params={"since": cursor} if cursor else {})).json()
        for change in page["changes"]:
            synced.setdefault(change["type"], []).append(change["record"])
        cursor = page["next"]
        if not page["has_more"]:
            break
    assert dump["records"] == synced
    assert list(dump) == ["generated_at", "sync_cursor", "records"]
    follow = await client.get("/api/v1/sync", params={"since": dump["sync_cursor"]})
    assert follow.json()["changes"] == []


async def test_built_once_then_served_with_etag_and_ranges(client: httpx.AsyncClient, app: FastAPI, demo: None) -> None:
    first = await client.get(DIRECTORY, headers=PLAIN)
    size = len(first.content)
    etag = first.headers["etag"]
    assert first.headers["content-length"] == str(size)
    assert first.headers["accept-ranges"] == "bytes"
    assert first.headers["cache-control"].startswith("public")
    assert "content-encoding" not in first.headers
    assert builds(app) == 1

    again = await client.get(DIRECTORY, headers=PLAIN)
    assert again.content == first.content
    # Not held by the response cache: its copy would have lost the file's own headers.
    assert again.headers["content-disposition"] == first.headers["content-disposition"]
    assert again.headers["accept-ranges"] == "bytes"
    assert (await client.get(DIRECTORY, headers={**PLAIN, "if-none-match": etag})).status_code == 304

    part = await client.get(DIRECTORY, headers={"range": "bytes=10-99", "accept-encoding": "gzip, br"})
    assert part.status_code == 206
    assert part.content == first.content[10:100]
    assert part.headers["content-range"] == f"bytes 10-99/{size}"
    assert "content-encoding" not in part.headers  # a range of the plain bytes, never compressed
    tail = await client.get(DIRECTORY, headers={"range": "bytes=-5", "if-range": etag})
    assert (tail.status_code, tail.content) == (206, first.content[-5:])
    stale = await client.get(DIRECTORY, headers={**PLAIN, "range": "bytes=0-9", "if-range": '"other"'})
    assert (stale.status_code, stale.content) == (200, first.content)
    several = await client.get(DIRECTORY, headers={**PLAIN, "range": "bytes=0-1,5-6"})
    assert several.status_code == 200  # only one range is served; more are ignored
    beyond = await client.get(DIRECTORY, headers={"range": f"bytes={size}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{size}"
    assert beyond.json()["error"]["code"] == "range_not_satisfiable"

    packed = await client.get(DIRECTORY, headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["etag"] != etag
    assert packed.content == first.content  # httpx decodes it
    assert int(packed.headers["content-length"]) < size
    assert builds(app) == 1


async def test_a_write_makes_a_new_snapshot(
    client: httpx.AsyncClient, app: FastAPI, session: AsyncSession, demo: None
) -> None:
    before = await client.get("/hsds/organizations", params={"format": "ndjson"})
    assert (await client.get("/hsds/organizations", params={"format": "ndjson"})).content == before.content
    assert builds(app) == 1

    await factories.add(session, factories.institution(name="Albergue recién publicado"))

    after = await client.get("/hsds/organizations", params={"format": "ndjson"})
    assert builds(app) == 2
    assert after.headers["etag"] != before.headers["etag"]
    assert "Albergue recién publicado" in after.text
    assert "Albergue recién publicado" not in before.text
    stale = await client.get(
        "/hsds/organizations", params={"format": "ndjson"}, headers={"if-none-match": before.headers["etag"]}
    )
    assert stale.status_code == 200


async def test_parameters_and_languages_have_their_own_snapshots(
    client: httpx.AsyncClient, app: FastAPI, demo: None
) -> None:
    spanish = await client.get("/hsds/services", params={"format": "ndjson", "lang": "es"})
    english = await client.get("/hsds/services", params={"format": "ndjson", "lang": "en"})
    full = await client.get("/hsds/services", params={"format": "ndjson", "full": "true"})
    same = await client.get("/hsds/services", params={"format": "ndjson", "full": "1", "lang": "es"})
    assert spanish.content != english.content
    assert full.content != spanish.content
    assert same.content == full.content
    assert builds(app) == 3
    assert len({spanish.headers["etag"], english.headers["etag"], full.headers["etag"]}) == 3


async def test_compressed_copies_are_the_same_bytes(client: httpx.AsyncClient, demo: None) -> None:
    plain = await client.get(DIRECTORY, headers=PLAIN)
    raw = b""
    async with client.stream("GET", DIRECTORY, headers={"accept-encoding": "gzip"}) as response:
        assert response.headers["vary"] == "Accept-Encoding, Accept-Language"
        async for chunk in response.aiter_raw():
            raw += chunk
    assert gzip.decompress(raw) == plain.content
