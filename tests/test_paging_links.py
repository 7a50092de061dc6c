"""RFC 8288 Link headers on every paginated list (the /api/v1 lists and the HSDS ones), from the response cache too."""

import re
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.main import create_app
from tests import factories

# The eleven RCM members are in every migrated database.
COUNTRIES = 11


def links(response: httpx.Response) -> dict[str, str]:
    """rel -> URL, from a Link header of `<url>; rel="name"` entries."""
    return {rel: url for url, rel in re.findall(r'<([^>]*)>; rel="([^"]+)"', response.headers.get("link", ""))}


async def test_the_first_page_links_to_the_next_and_the_last(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/countries", params={"limit": 4})

    assert links(response) == {
        "next": "/api/v1/countries?limit=4&offset=4",
        "last": "/api/v1/countries?limit=4&offset=8",
    }


async def test_a_middle_page_links_every_way_and_keeps_the_other_parameters(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/countries", params={"limit": 3, "offset": 4, "lang": "en"})

    assert links(response) == {
        "first": "/api/v1/countries?lang=en&limit=3&offset=0",
        "prev": "/api/v1/countries?lang=en&limit=3&offset=1",
        "next": "/api/v1/countries?lang=en&limit=3&offset=7",
        "last": "/api/v1/countries?lang=en&limit=3&offset=10",
    }


async def test_following_next_reaches_last_and_every_item_once(client: httpx.AsyncClient) -> None:
    url: str | None = "/api/v1/countries?limit=3&offset=1"
    seen: list[str] = []
    last = ""
    while url:
        response = await client.get(url)
        seen += [country["code"] for country in response.json()["items"]]
        last = last or links(response)["last"]
        previous_url, url = url, links(response).get("next")
    assert previous_url == last
    assert len(seen) == len(set(seen)) == COUNTRIES - 1


async def test_repeated_filters_are_kept(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, *(factories.institution(country_code=code) for code in ("GT", "GT", "HN", "MX")))

    response = await client.get("/api/v1/institutions?country=GT&country=HN&limit=2")

    assert response.json()["total"] == 3
    assert links(response) == {
        "next": "/api/v1/institutions?country=GT&country=HN&limit=2&offset=2",
        "last": "/api/v1/institutions?country=GT&country=HN&limit=2&offset=2",
    }


async def test_the_cached_answer_carries_the_same_links(client: httpx.AsyncClient) -> None:
    first = await client.get("/api/v1/countries", params={"limit": 5, "offset": 5})
    again = await client.get("/api/v1/countries", params={"limit": 5, "offset": 5})
    revalidated = await client.get(
        "/api/v1/countries", params={"limit": 5, "offset": 5}, headers={"If-None-Match": first.headers["etag"]}
    )

    assert links(first) == links(again) == links(revalidated)
    assert set(links(first)) == {"first", "prev", "next", "last"}
    assert revalidated.status_code == 304


async def test_hsds_lists_link_their_pages(client: httpx.AsyncClient) -> None:
    total = (await client.get("/hsds/taxonomy_terms")).json()["total_items"]
    assert total > 4

    response = await client.get("/hsds/taxonomy_terms", params={"per_page": 2, "page": 2})

    last = -(-total // 2)
    assert links(response) == {
        "first": "/hsds/taxonomy_terms?per_page=2&page=1",
        "prev": "/hsds/taxonomy_terms?per_page=2&page=1",
        "next": "/hsds/taxonomy_terms?per_page=2&page=3",
        "last": f"/hsds/taxonomy_terms?per_page=2&page={last}",
    }
    streamed = await client.get("/hsds/taxonomy_terms", params={"format": "ndjson"})
    assert "link" not in streamed.headers  # every item at once: no pages


async def test_links_start_with_the_public_base_url_when_configured(database_url: str) -> None:
    settings = Settings(database_url=database_url, environment="test", public_base_url="https://directory.example.org/")
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client,
    ):
        response = await client.get("/api/v1/countries", params={"limit": 10})
        document: dict[str, Any] = (await client.get("/openapi.json")).json()

    assert links(response) == {
        "next": "https://directory.example.org/api/v1/countries?limit=10&offset=10",
        "last": "https://directory.example.org/api/v1/countries?limit=10&offset=10",
    }
    assert document["servers"][0]["url"] == "https://directory.example.org"


@pytest.mark.parametrize("path", ["/api/v1/countries", "/api/v1/service-types", "/hsds/taxonomies"])
async def test_a_single_page_has_no_links(client: httpx.AsyncClient, path: str) -> None:
    assert "link" not in (await client.get(path)).headers
