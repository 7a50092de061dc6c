"""How the pages travel: weight on the wire, HTTP caching, the style sheet; and their structure for screen
readers (landmarks, skip link, labelled controls, headings in order)."""

import brotli
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.http.response_cache import CACHE_CONTROL
from tests import factories
from tests.site.conftest import Demo
from tests.site.html import Page

BUDGET = 50_000
COUNTRIES = ("BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US")


async def raw_get(client: httpx.AsyncClient, url: str, **headers: str) -> tuple[httpx.Response, bytes]:
    """The answer and its body as sent on the wire (httpx would decode it)."""
    async with client.stream("GET", url, headers=headers) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, raw


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("encoding", ["br", "gzip"])
async def test_every_country_page_weighs_under_50_kb_on_the_wire(client: httpx.AsyncClient, encoding: str) -> None:
    css, css_raw = await raw_get(
        client, Page.of((await client.get("/directory")).text).css(), **{"Accept-Encoding": encoding}
    )
    assert css.status_code == 200
    for code in COUNTRIES:
        for lang in ("es", "en"):
            response, raw = await raw_get(
                client, f"/directory/countries/{code}?lang={lang}", **{"Accept-Encoding": encoding}
            )
            assert response.status_code == 200
            assert response.headers["content-encoding"] == encoding
            assert len(raw) + len(css_raw) < BUDGET, (code, lang, len(raw))
    honduras = (await raw_get(client, "/directory/countries/HN", **{"Accept-Encoding": "br"}))[1]
    assert len(brotli.decompress(honduras)) > len(honduras)


@pytest.mark.usefixtures("demo")
async def test_pages_are_cached_with_etag_and_revalidated_with_304(client: httpx.AsyncClient) -> None:
    url = "/directory/countries/HN?lang=en"
    first = await client.get(url)
    assert first.status_code == 200
    assert first.headers["content-type"] == "text/html; charset=utf-8"
    assert first.headers["cache-control"] == CACHE_CONTROL
    assert {"Accept-Encoding", "Accept-Language"} <= {part.strip() for part in first.headers["vary"].split(",")}
    etag = first.headers["etag"]

    again = await client.get(url)
    assert again.headers["etag"] == etag
    assert again.headers["content-type"] == "text/html; charset=utf-8"
    assert again.text == first.text

    revalidated = await client.get(url, headers={"If-None-Match": etag})
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert (await client.get("/directory/countries/HN?lang=es")).headers["etag"] != etag


async def test_a_change_in_the_directory_shows_at_once(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.institution(country_code="GT", name="Before the change")
    await factories.add(session, record)
    first = await client.get("/directory/countries/GT")
    assert "Before the change" in first.text

    record.name = "After the change"
    await session.commit()
    response = await client.get("/directory/countries/GT", headers={"If-None-Match": first.headers["etag"]})
    assert response.status_code == 200
    assert "After the change" in response.text


@pytest.mark.usefixtures("demo")
async def test_error_pages_are_not_cached(client: httpx.AsyncClient) -> None:
    response = await client.get("/directory/countries/XX")
    assert response.status_code == 404
    assert "etag" not in response.headers
    assert response.headers.get("cache-control") != CACHE_CONTROL


@pytest.mark.usefixtures("demo")
async def test_the_style_sheet_is_kept_a_year_and_has_a_print_layout(client: httpx.AsyncClient) -> None:
    href = Page.of((await client.get("/directory")).text).css()
    assert "?v=" in href
    response = await client.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "@media print" in response.text
    assert 'a[href^="tel:"]::after' in response.text
    assert "@font-face" not in response.text
    assert "url(" not in response.text  # no fonts, no images
    assert (await client.get(href, headers={"If-None-Match": response.headers["etag"]})).status_code == 304


@pytest.mark.usefixtures("demo")
async def test_every_page_has_landmarks_a_skip_link_labels_and_headings_in_order(
    client: httpx.AsyncClient, demo: Demo
) -> None:
    urls = [
        "/directory",
        "/directory?lang=en",
        "/directory/countries/HN",
        "/directory/countries/CA?lang=en",
        "/directory/search?country=HN",
        "/directory/search?q=unicef&lang=en",
        f"/directory/institutions/{demo.institutions[0].id}",
        f"/directory/emergency-services/{demo.emergency_services[0].id}?lang=en",
        "/directory/countries/XX",
        "/directory/search?age=x",
    ]
    for url in urls:
        response = await client.get(url)
        page = Page.of(response.text)
        assert page.lang in ("es", "en"), url
        assert {"header", "nav", "main", "footer"} <= page.landmarks, url
        assert page.links[0] == "#main", url
        assert "main" in page.ids, url
        assert page.unlabelled_controls() == [], url
        assert page.heading_jumps() == [], (url, page.headings)
        assert [level for level, _ in page.headings].count(1) == 1, url
        assert len(page.ids) == len(set(page.ids)), url
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in response.text
        assert "<script" not in response.text
