"""Everything an app serves follows the settings it was built with: two apps in one process, each with its own
page sizes and fallback languages, over the same database."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app import main
from app.core.config import Settings
from app.main import create_app
from tests.conftest import TEST_SECRET_KEY


@pytest.fixture
async def other(app: FastAPI, database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A second app beside the `app` fixture's (default settings): small pages, English first."""
    settings = Settings(
        database_url=database_url,
        environment="test",
        secret_key=TEST_SECRET_KEY,
        default_page_limit=2,
        max_page_limit=3,
        fallback_languages=("en", "es"),
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


def _parameter(document: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    parameters = document["paths"][path]["get"]["parameters"]
    schema: dict[str, Any] = next(p["schema"] for p in parameters if p["name"] == name)
    return schema


async def test_page_sizes_come_from_each_apps_settings(client: httpx.AsyncClient, other: httpx.AsyncClient) -> None:
    countries = (await other.get("/api/v1/countries")).json()
    assert (countries["limit"], len(countries["items"])) == (3, 3), "a reference list defaults to the maximum"
    assert (await other.get("/api/v1/institutions")).json()["limit"] == 2
    assert len((await other.get("/hsds/taxonomy_terms")).json()["contents"]) == 2

    for path, name in (("/api/v1/institutions", "limit"), ("/hsds/taxonomy_terms", "per_page")):
        refused = await other.get(path, params={name: 4})
        assert refused.status_code == 422
        assert refused.json()["error"]["details"] == [
            {"location": "query", "field": name, "message": "Input should be less than or equal to 3"}
        ]
        assert (await client.get(path, params={name: 4})).status_code == 200

    mine = (await client.get("/api/v1/countries")).json()
    assert (mine["limit"], len(mine["items"])) == (100, 11)
    assert (await client.get("/api/v1/institutions")).json()["limit"] == 20
    assert (await client.get("/api/v1/institutions", params={"limit": 101})).status_code == 422


async def test_each_apps_openapi_document_states_its_own_page_sizes(
    client: httpx.AsyncClient, other: httpx.AsyncClient
) -> None:
    small = (await other.get("/openapi.json")).json()
    default = (await client.get("/openapi.json")).json()

    assert _parameter(small, "/api/v1/institutions", "limit") | {"description": ""} == {
        "type": "integer",
        "minimum": 1,
        "maximum": 3,
        "default": 2,
        "title": "Limit",
        "description": "",
    }
    assert (_parameter(small, "/api/v1/countries", "limit")["default"]) == 3
    assert (_parameter(small, "/hsds/services", "per_page")["maximum"]) == 3
    assert (_parameter(default, "/api/v1/institutions", "limit")["maximum"]) == 100
    assert (_parameter(default, "/hsds/services", "per_page")["default"]) == 20


async def test_the_fallback_languages_come_from_each_apps_settings(
    client: httpx.AsyncClient, other: httpx.AsyncClient
) -> None:
    english = await other.get("/api/v1/countries/MX")
    spanish = await client.get("/api/v1/countries/MX")

    assert (english.json()["name"], english.headers["content-language"]) == ("Mexico", "en")
    assert (spanish.json()["name"], spanish.headers["content-language"]) == ("México", "es")
    assert '<html lang="en">' in (await other.get("/directory")).text
    assert '<html lang="es">' in (await client.get("/directory")).text


def test_importing_the_module_builds_no_app() -> None:
    assert "app" not in vars(main), "built only when asked for, as `app.main:app`"
    assert isinstance(main.app, FastAPI)
    assert main.app is main.app
