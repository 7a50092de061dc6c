from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.core.config import Settings
from app.core.http.response_cache import PublicResponseCache, find_response_cache
from app.main import create_app
from tests.conftest import TEST_SECRET_KEY


@dataclass(frozen=True)
class Built:
    app: FastAPI
    client: httpx.AsyncClient


BuildApp = Callable[..., Awaitable[Built]]


@pytest.fixture
async def build_app(database_url: str) -> AsyncIterator[BuildApp]:
    """Started apps on the test database with other settings, each with a client that sees 500s as answers."""
    async with AsyncExitStack() as stack:

        async def build(**overrides: Any) -> Built:
            settings = {"database_url": database_url, "environment": "test", "secret_key": TEST_SECRET_KEY, **overrides}
            application = create_app(Settings(**settings))
            await stack.enter_async_context(application.router.lifespan_context(application))
            transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
            http = httpx.AsyncClient(transport=transport, base_url="http://testserver")
            return Built(application, await stack.enter_async_context(http))

        yield build


def response_cache(app: FastAPI) -> PublicResponseCache:
    cache = find_response_cache(app)
    assert cache is not None, "no response cache: has the app answered a request yet?"
    return cache
