"""/docs and /redoc work without any other host: every script, style sheet and icon they reference is served
by the app itself, so they render offline and under a Content-Security-Policy of 'self'."""

import re

import httpx
import pytest

ASSET_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}


def referenced_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href|spec-url)="([^"]*)"', html)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_docs_reference_only_same_origin_assets_that_answer(client: httpx.AsyncClient, page: str) -> None:
    response = await client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    urls = referenced_urls(response.text)
    assert any(url.endswith(".js") for url in urls), urls
    assert any(url.endswith(".png") for url in urls), urls  # the favicon
    # No absolute address at all: not in an attribute, not in the inline script (fonts, validators, CDNs).
    assert "//" not in response.text.replace("window.location.origin", ""), response.text
    for url in urls:
        assert url.startswith("/"), url
        asset = await client.get(url)
        assert asset.status_code == 200, url
        suffix = url[url.rfind(".") :]
        if suffix in ASSET_TYPES:
            assert asset.headers["content-type"].startswith(ASSET_TYPES[suffix]), (url, asset.headers)
            assert len(asset.content) > 1000, url


async def test_swagger_ui_keeps_the_authorization_and_its_oauth2_redirect_page(client: httpx.AsyncClient) -> None:
    html = (await client.get("/docs")).text
    assert '"persistAuthorization": true' in html
    assert "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect'" in html
    redirect = await client.get("/docs/oauth2-redirect")
    assert redirect.status_code == 200
    assert "swaggerUIRedirectOauth2" in redirect.text
