"""Failed sign-ins throttled through Redis (REDIS_URL), the store shared by every worker process."""

import hashlib
import os
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from app.core.config import Settings
from app.main import create_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis_app(database_url: str) -> AsyncIterator[FastAPI]:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: required under CI=true", pytrace=False)
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    finally:
        await client.aclose()
    application = create_app(Settings(database_url=database_url, redis_url=REDIS_URL, login_failures_per_account=3))
    async with application.router.lifespan_context(application):
        yield application


async def test_redis_throttle_refuses_an_account_after_its_failures(redis_app: FastAPI) -> None:
    email = f"nobody-{uuid.uuid4().hex}@example.org"
    transport = httpx.ASGITransport(app=redis_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        statuses = []
        for _ in range(4):
            response = await client.post("/api/v1/auth/token", data={"username": email, "password": "wrong-password"})
            statuses.append(response.status_code)
    assert statuses == [401, 401, 401, 429]
    assert 0 < int(response.headers["Retry-After"]) <= 900
    assert response.json()["error"]["code"] == "too_many_requests"

    account = hashlib.sha256(email.encode()).hexdigest()[:40]
    counters = Redis.from_url(REDIS_URL)
    try:
        assert int(await counters.get(f"pd:login:account:{account}") or 0) == 4
    finally:
        await counters.delete(f"pd:login:account:{account}", "pd:login:client:127.0.0.1")
        await counters.aclose()
