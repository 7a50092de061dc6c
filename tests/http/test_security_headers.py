"""Every answer says nosniff; the micro-site's pages carry a policy that allows no script and no framing."""

import httpx
import pytest
from fastapi import FastAPI

from app.core.security_headers import CONTENT_SECURITY_POLICY
from tests.http.conftest import BuildApp

SITE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def assert_site_headers(response: httpx.Response) -> None:
    assert {name: response.headers.get(name) for name in SITE_HEADERS} == SITE_HEADERS


@pytest.mark.parametrize("path", ["/directory", "/directory/search", "/directory/institutions/none-such"])
async def test_site_pages_forbid_scripts_and_frames(client: httpx.AsyncClient, path: str) -> None:
    first = await client.get(path)
    assert first.headers["Content-Type"].startswith("text/html")
    assert_site_headers(first)
    assert_site_headers(await client.get(path))
    if first.status_code == 200:
        revalidated = await client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert revalidated.status_code == 304
        assert_site_headers(revalidated)


def test_the_policy_allows_what_the_pages_use() -> None:
    policy = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == "'self'"  # the style sheet at /static/directory/site.css
    assert policy["form-action"] == "'self'"  # the search forms
    assert "script-src" not in policy


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/v1/countries", {}, 200),
        ("/api/v1/institutions/none-such", {}, 404),
        ("/api/v1/countries", {"X-Big": "x" * 9000}, 431),
        ("/hsds/", {}, 200),
        ("/readyz", {}, 200),
        ("/docs", {}, 200),
    ],
)
async def test_every_answer_says_nosniff(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], status: int
) -> None:
    response = await client.get(path, headers=headers)
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if path == "/docs":
        # Swagger UI runs its own scripts: the site's policy must not reach it.
        assert "Content-Security-Policy" not in response.headers


async def test_a_cached_api_answer_and_its_304_say_nosniff(client: httpx.AsyncClient) -> None:
    etag = (await client.get("/api/v1/countries")).headers["ETag"]
    for headers in ({}, {"If-None-Match": etag}):
        assert (await client.get("/api/v1/countries", headers=headers)).headers["X-Content-Type-Options"] == "nosniff"


async def test_an_unexpected_error_says_nosniff(build_app: BuildApp) -> None:
    built = await build_app()

    async def broken() -> None:
        raise RuntimeError("a bug")

    app: FastAPI = built.app
    app.add_api_route("/api/v1/broken", broken)
    response = await built.client.get("/api/v1/broken")
    assert response.status_code == 500
    assert response.headers["X-Content-Type-Options"] == "nosniff"
