"""Reports counted through Redis (REDIS_URL), like failed sign-ins: under their own prefix and window, and under a
keyed hash of the address, never the address."""

import uuid

import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.main import create_app
from tests import factories
from tests.test_login_throttle_redis import REDIS_URL, counters

__all__ = ["counters"]


async def test_redis_counts_reports_per_address_without_the_address(
    database_url: str, counters: Redis, session: AsyncSession
) -> None:
    record = factories.institution()
    await factories.add(session, record)
    settings = Settings(
        database_url=database_url, environment="test", redis_url=REDIS_URL, trusted_proxies=1, reports_per_client=1
    )
    application = create_app(settings)
    address = f"test-{uuid.uuid4().hex}"
    body = {"record_type": "institution", "record_id": record.id, "reason": "closed"}
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            sent = [
                (await client.post("/api/v1/reports", json=body, headers={"X-Forwarded-For": address})).status_code
                for _ in range(2)
            ]

    assert sent == [201, 429]
    keys = [key.decode() async for key in counters.scan_iter(match="pd:report:*")]
    assert keys
    assert not [key for key in keys if address in key]
    assert not [key async for key in counters.scan_iter(match=f"pd:login:*{address}*")]
