"""No client can grow the response cache past its bound, nor make it keep a copy per header or junk parameter."""

import httpx
import pytest
from fastapi import FastAPI

from app.core.http.response_cache import ENTRY_OVERHEAD
from tests.http.conftest import BuildApp, response_cache

TWO_MB = 2 * 1024 * 1024


async def test_absurd_headers_get_431_before_any_work(app: FastAPI, client: httpx.AsyncClient) -> None:
    for n in range(20):
        header = f"es-{n:04d}," + "en;q=0.5," * (TWO_MB // 9)
        response = await client.get("/api/v1/countries", headers={"Accept-Language": header})
        assert response.status_code == 431
        error = response.json()["error"]
        assert error["code"] == "request_header_fields_too_large"
        assert [(d["location"], d["field"]) for d in error["details"]] == [("header", "accept-language")]
    assert len(response_cache(app).entries) == 0


async def test_headers_too_large_together_get_431(client: httpx.AsyncClient) -> None:
    headers = {f"X-Filler-{n}": "x" * 8000 for n in range(5)}
    response = await client.get("/api/v1/countries", headers=headers)
    assert response.status_code == 431
    assert response.json()["error"]["code"] == "request_header_fields_too_large"
    assert (await client.get("/api/v1/countries", headers=dict(list(headers.items())[:3]))).status_code == 200


async def test_accept_language_headers_with_one_meaning_share_one_answer(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    six = ", ".join(f"es-{n:04d}" for n in range(6))
    same_chain = ["", "es", "ES", "es, en", "es;q=0.9, en;q=0.8", "es,es,es", "*, es", "!!, es", "es, x-junk-"]
    beyond_six = [f"{six}, fr-{n:04d}" for n in range(20)]
    for header in [*same_chain, *beyond_six]:
        assert (await client.get("/api/v1/countries", headers={"Accept-Language": header})).status_code == 200
    assert len(response_cache(app).entries) == 2
    assert not any("fr" in key[3] for key in response_cache(app).entries)


async def test_junk_or_reordered_query_parameters_add_no_copies(app: FastAPI, client: httpx.AsyncClient) -> None:
    for n in range(50):
        assert (await client.get("/api/v1/countries", params={f"junk{n}": "x"})).status_code == 200
    assert len(response_cache(app).entries) == 0
    first = await client.get("/api/v1/institutions?limit=5&offset=0")
    second = await client.get("/api/v1/institutions?offset=0&limit=5")
    assert second.headers["ETag"] == first.headers["ETag"]
    assert len(response_cache(app).entries) == 1


async def test_keys_count_in_the_bound_of_many_distinct_languages(build_app: BuildApp) -> None:
    bound = 50_000
    built = await build_app(response_cache_max_bytes=bound)
    for n in range(200):
        # Six tags of 35 characters: the most of Accept-Language that is read.
        languages = ", ".join(f"es-{n:04d}{k}-abcdefgh-abcdefgh-abcdefgh" for k in range(6))
        response = await built.client.get("/api/v1/institutions?limit=1", headers={"Accept-Language": languages})
        assert response.status_code == 200
    cache = response_cache(built.app)
    assert cache.total_bytes <= bound
    assert len(cache.entries) <= bound // ENTRY_OVERHEAD
    assert cache.total_bytes == sum(entry.size for entry in cache.entries.values())


@pytest.mark.parametrize("url", ["/api/v1/countries", "/directory"])
async def test_a_request_with_an_unknown_parameter_is_answered_without_the_cache(
    app: FastAPI, client: httpx.AsyncClient, url: str
) -> None:
    assert (await client.get(url)).status_code == 200
    for _ in range(2):
        assert (await client.get(url, params={"utm_source": "x"})).status_code == 200
    assert len(response_cache(app).entries) == 1
