"""No page shows what the API keeps private: every page reachable from the home page, in both languages, is
read, and none may hold a confidential street address or coordinates, or a focal point's personal contact."""

from collections import deque
from urllib.parse import urlsplit

import httpx

from app.core.types import utcnow
from tests.site.conftest import Demo
from tests.site.html import Page


async def crawl(client: httpx.AsyncClient, start: list[str], limit: int = 600) -> dict[str, str]:
    """Every /directory page reachable from `start` (fragments dropped), by URL: its HTML."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = await client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        seen[url] = response.text
        for link in Page.of(response.text).site_links():
            target = link.split("#")[0]
            if target and target not in seen:
                queue.append(target)
    assert len(seen) < limit, "the crawl did not finish"
    return seen


async def test_no_page_shows_a_confidential_location_or_a_personal_contact(
    client: httpx.AsyncClient, demo: Demo
) -> None:
    secrets = demo.secrets()
    # The Honduran shelter's street and coordinates, and every focal point's personal e-mail and phone.
    assert "Colonia confidencial, casa 7 (demo)" in secrets
    assert {"15.5161", "-88.0312"} <= secrets
    assert len([value for value in secrets if "personal" in value]) == len(demo.focal_points)

    searches = [f"/directory/search?q={word}" for word in ("confidencial", "casa", "personal", "refugio")]
    pages = await crawl(client, ["/directory?lang=es", "/directory?lang=en", *searches])
    paths = {urlsplit(url).path for url in pages}
    listed = {path.rsplit("/", 1)[1] for path in paths if "/institutions/" in path or "/emergency-services/" in path}
    api = []
    for kind in ("institutions", "emergency-services"):
        response = await client.get(f"/api/v1/{kind}?limit=100")
        assert response.status_code == 200, response.text
        api.append(response.json())
    assert listed == {item["id"] for answer in api for item in answer["items"]}
    assert len([path for path in paths if path.startswith("/directory/countries/")]) == 11
    # Records not listed (inactive, expired) can still be asked for by id: their pages must not leak either.
    # Each page must be the record's own (200) or, once it is past valid_until, not found: never an error page.
    now = utcnow()
    by_id = [
        *(f"/directory/institutions/{record.id}?lang=en" for record in demo.institutions),
        *(f"/directory/emergency-services/{service.id}" for service in demo.emergency_services),
    ]
    shown = [record.is_public_at(now) for record in [*demo.institutions, *demo.emergency_services]]
    assert not all(shown), "the demo directory holds an expired record: the not-found answer is checked too"
    for url, public in zip(by_id, shown, strict=True):
        response = await client.get(url)
        assert response.status_code == (200 if public else 404), (url, response.status_code)
        pages[str(response.url)] = response.text

    leaks = [(url, secret) for url, html in pages.items() for secret in secrets if secret in html]
    assert leaks == []
