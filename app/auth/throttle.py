"""Throttling of failed sign-ins, per account and per client address, shared by every worker process.

Redis holds the counters when REDIS_URL is set; otherwise the database does (table login_throttle). Both are
fixed windows: after `limit` failures within the window, sign-in is refused with 429 until the window ends.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import String, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import Field, SQLModel, col

from app.core.types import UTCDateTime, utcnow


@dataclass(frozen=True)
class ThrottleKey:
    key: str
    limit: int


class LoginThrottle(Protocol):
    async def retry_after(self, keys: list[ThrottleKey]) -> int | None:
        """Seconds to wait when any key is over its limit, else None."""

    async def record_failure(self, keys: list[ThrottleKey]) -> None: ...

    async def reset(self, key: ThrottleKey) -> None: ...


class LoginThrottleCounter(SQLModel, table=True):
    __tablename__ = "login_throttle"

    key: str = Field(sa_type=String(320), primary_key=True)
    failures: int = Field(default=0, nullable=False)
    window_ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class DatabaseLoginThrottle:
    """Counters in the database, each change committed on its own (a refused sign-in rolls its request back)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], window_seconds: int) -> None:
        self._sessionmaker = sessionmaker
        self._window = timedelta(seconds=window_seconds)

    async def retry_after(self, keys: list[ThrottleKey]) -> int | None:
        now = utcnow()
        async with self._sessionmaker() as session:
            waits = []
            for key in keys:
                counter = await session.get(LoginThrottleCounter, key.key)
                if counter and counter.window_ends_at > now and counter.failures >= key.limit:
                    waits.append(int((counter.window_ends_at - now).total_seconds()) + 1)
        return max(waits, default=None)

    async def record_failure(self, keys: list[ThrottleKey]) -> None:
        for key in keys:
            await self._increment(key.key)

    async def _increment(self, key: str) -> None:
        now = utcnow()
        async with self._sessionmaker() as session, session.begin():
            current = col(LoginThrottleCounter.key) == key
            # A window that has ended starts again; a live one counts one more failure, atomically.
            await session.execute(
                update(LoginThrottleCounter)
                .where(current, col(LoginThrottleCounter.window_ends_at) <= now)
                .values(failures=0, window_ends_at=now + self._window)
            )
            result = await session.execute(
                update(LoginThrottleCounter).where(current).values(failures=LoginThrottleCounter.failures + 1)
            )
            if result.rowcount:  # type: ignore[attr-defined]
                return
        try:
            async with self._sessionmaker() as session, session.begin():
                session.add(LoginThrottleCounter(key=key, failures=1, window_ends_at=now + self._window))
        except IntegrityError:  # another request created it first
            await self._increment(key)

    async def reset(self, key: ThrottleKey) -> None:
        async with self._sessionmaker() as session, session.begin():
            counter = await session.get(LoginThrottleCounter, key.key)
            if counter is not None:
                await session.delete(counter)


class RedisLoginThrottle:
    def __init__(self, redis: Redis, window_seconds: int, prefix: str = "pd:login:") -> None:
        self._redis = redis
        self._window = window_seconds
        self._prefix = prefix

    async def retry_after(self, keys: list[ThrottleKey]) -> int | None:
        waits = []
        for key in keys:
            name = self._prefix + key.key
            failures = await self._redis.get(name)
            if failures is not None and int(failures) >= key.limit:
                waits.append(max(int(await self._redis.ttl(name)), 1))
        return max(waits, default=None)

    async def record_failure(self, keys: list[ThrottleKey]) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            for key in keys:
                name = self._prefix + key.key
                pipe.incr(name)
                pipe.expire(name, self._window, nx=True)
            await pipe.execute()

    async def reset(self, key: ThrottleKey) -> None:
        await self._redis.delete(self._prefix + key.key)
