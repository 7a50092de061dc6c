"""/docs and /redoc in a browser that can reach no other host: the operation list renders and an operation can
be tried from it."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

REDOCLY_BADGE = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def offline_page(page: Page, site: str) -> tuple[Page, list[str]]:
    """The tab with every request to a host other than the server's aborted, and those requests recorded."""
    origin = urlsplit(site).netloc
    blocked: list[str] = []

    def only_the_server(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == origin or url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.context.route("**/*", only_the_server)
    return page, blocked


def test_swagger_ui_renders_the_operations_and_tries_one_offline(offline_page: tuple[Page, list[str]]) -> None:
    page, blocked = offline_page
    page.goto("/docs")
    expect(page.get_by_role("heading", name="Protection Directory API")).to_be_visible(timeout=30_000)
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() > 20
    countries = page.locator(".opblock-get", has=page.locator('[data-path="/api/v1/countries"]'))
    countries.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(countries.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
    expect(countries.locator(".live-responses-table")).to_contain_text("Honduras")
    assert blocked == []


def test_redoc_renders_the_operations_offline(offline_page: tuple[Page, list[str]]) -> None:
    page, blocked = offline_page
    page.goto("/redoc")
    expect(page.get_by_role("heading", name="Protection Directory API", level=1)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="List countries", level=2)).to_be_visible()
    assert page.get_by_role("heading", level=2).count() > 20
    # ReDoc's "API docs by Redocly" badge is an image from its own host, hidden by ReDoc when it fails to load.
    assert set(blocked) <= {REDOCLY_BADGE}, blocked
