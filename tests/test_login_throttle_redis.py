"""Failed sign-ins throttled through Redis (REDIS_URL), the store shared by every worker process."""

import hashlib
import os
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import Role, User
from app.auth.security import hash_password
from app.core.config import Settings
from app.main import create_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PREFIX = "pd:login:"
PASSWORD = "correct horse battery staple"


@pytest.fixture
async def counters() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        await client.aclose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: required under CI=true", pytrace=False)
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    yield client
    await client.aclose()


@pytest.fixture
async def redis_app(database_url: str, counters: Redis) -> AsyncIterator[FastAPI]:
    # Behind one trusted proxy, so that each test counts its own made-up client addresses: other test runs may
    # share this Redis database.
    settings = Settings(
        database_url=database_url,
        environment="test",
        redis_url=REDIS_URL,
        trusted_proxies=1,
        login_failures_per_account=2,
        login_failures_per_client=5,
        login_account_slowdown_after=3,
        login_slowdown_seconds=0.3,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(redis_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=redis_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


def new_address() -> str:
    return f"test-{uuid.uuid4().hex}"


def account_key(email: str) -> str:
    return PREFIX + "account:" + hashlib.sha256(email.encode()).hexdigest()[:40]


async def attempt(client: httpx.AsyncClient, email: str, password: str, address: str) -> httpx.Response:
    data = {"username": email, "password": password}
    return await client.post("/api/v1/auth/token", data=data, headers={"X-Forwarded-For": address})


async def keys_of(counters: Redis, address: str) -> list[bytes]:
    return [key async for key in counters.scan_iter(match=f"{PREFIX}*{address}")]


async def test_redis_throttle_refuses_a_client_past_its_failures_for_an_account(
    client: httpx.AsyncClient, counters: Redis
) -> None:
    email, address = f"nobody-{uuid.uuid4().hex}@example.org", new_address()

    answers = [await attempt(client, email, "wrong-password", address) for _ in range(3)]

    assert [r.status_code for r in answers] == [401, 401, 429]
    assert 0 < int(answers[-1].headers["Retry-After"]) <= 900
    assert answers[-1].json()["error"]["code"] == "too_many_requests"
    pair = f"{account_key(email)}:client:{address}"
    assert [int(await counters.get(key) or 0) for key in (pair, account_key(email))] == [3, 2]
    assert 0 < await counters.ttl(pair) <= 900


async def test_redis_throttle_lets_the_owner_in_despite_strangers(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    email = f"owner-{uuid.uuid4().hex}@example.org"
    session.add(User(email=email, full_name="Owner", password_hash=await hash_password(PASSWORD), role=Role.admin))
    await session.commit()
    strangers = [
        [(await attempt(client, email, f"guess {i}", address)).status_code for i in range(3)]
        for address in (new_address(), new_address())
    ]

    started = time.monotonic()
    signed_in = await attempt(client, email, PASSWORD, new_address())

    assert signed_in.status_code == 200
    assert time.monotonic() - started >= 0.3  # slowed down: the account had more than 3 failures
    assert strangers == [[401, 401, 429]] * 2


async def test_redis_throttle_keeps_no_counters_for_a_blocked_clients_flood(
    client: httpx.AsyncClient, counters: Redis
) -> None:
    address = new_address()
    emails = [f"victim-{uuid.uuid4().hex}@example.org" for _ in range(30)]

    statuses = [(await attempt(client, email, "guess", address)).status_code for email in emails]

    assert statuses == [401] * 5 + [429] * 25
    assert sum([await counters.exists(account_key(email)) for email in emails]) == 5
    assert len(await keys_of(counters, address)) == 1 + 5  # the client's, and one per account it was counted for
