"""Kept answers sent before the other layers are the answers those layers would have sent, byte for byte; any
request a layer could act on still goes through it."""

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Receive, Scope, Send

from app.core.head import HeadAsGetMiddleware
from app.core.http.front_door import ResponseCacheFrontDoor
from tests import factories
from tests.http.conftest import BuildApp


def front_door(app: FastAPI) -> ResponseCacheFrontDoor:
    layer: object = app.middleware_stack
    while not isinstance(layer, ResponseCacheFrontDoor):
        layer = getattr(layer, "app")  # noqa: B009 (a missing layer fails the test here)
    return layer


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/api/v1/institutions?limit=5", {"Accept-Encoding": "identity"}),
        ("GET", "/api/v1/institutions?limit=5", {"Accept-Encoding": "br"}),
        ("GET", "/api/v1/institutions?limit=5", {"Accept-Encoding": "gzip", "Accept-Language": "en"}),
        ("HEAD", "/api/v1/institutions?limit=5", {"Accept-Encoding": "br"}),
        ("GET", "/api/v1/countries", {}),
        ("GET", "/directory", {}),
        ("HEAD", "/directory", {"Accept-Encoding": "gzip"}),
    ],
)
async def test_a_kept_answer_is_what_every_layer_would_send(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, method: str, path: str, headers: dict[str, str]
) -> None:
    await factories.add(session, *(factories.institution(name=f"Institution {n:02d}") for n in range(8)))
    await client.request(method, path, headers=headers)  # kept
    await client.request(method, path, headers=headers)  # and compressed for this encoding
    door = front_door(app)
    below = httpx.AsyncClient(transport=httpx.ASGITransport(app=door.app), base_url="http://testserver")
    layers = door.app

    async def nothing_below(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("the front door should have answered")

    door.app = nothing_below
    try:
        fast = await client.request(method, path, headers=headers)
    finally:
        door.app = layers
    slow = await below.request(method, path, headers=headers)
    assert fast.status_code == slow.status_code == 200
    assert fast.headers.raw == slow.headers.raw
    assert fast.content == slow.content
    revalidate = {**headers, "If-None-Match": fast.headers["ETag"]}
    fast, slow = (
        await client.request(method, path, headers=revalidate),
        await below.request(method, path, headers=revalidate),
    )
    assert fast.status_code == slow.status_code == 304
    assert fast.headers.raw == slow.headers.raw


async def test_requests_a_layer_acts_on_pass_through_it(build_app: BuildApp) -> None:
    built = await build_app(trusted_hosts=["testserver"], public_base_url="https://directory.example.org")
    client = built.client
    assert (await client.get("/api/v1/countries")).status_code == 200
    assert (await client.get("/api/v1/countries", headers={"Host": "evil.example"})).status_code == 400
    assert (await client.get("/api/v1/countries", headers={"X-Big": "x" * 9000})).status_code == 431
    assert (await client.get("/api/v1/countries", headers={"Content-Length": "999999999"})).status_code == 413


async def test_a_layer_it_does_not_know_turns_it_off(app: FastAPI, client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/countries")
    door = front_door(app)

    async def unknown(scope: Scope, receive: Receive, send: Send) -> None:
        await door.app(scope, receive, send)

    assert door._find_layers() is not None
    assert ResponseCacheFrontDoor(unknown)._find_layers() is None
    assert ResponseCacheFrontDoor(HeadAsGetMiddleware(unknown))._find_layers() is None
