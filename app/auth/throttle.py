"""Throttling of failed sign-ins, per account and per client address, shared by every worker process.

Redis holds the counters when REDIS_URL is set; otherwise the database does (table login_throttle). Both are
fixed windows: every attempt is counted before the password is checked, a right one is then taken back, and
past `limit` attempts within the window sign-in is refused with 429 until the window ends.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import String, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import Field, SQLModel, col

from app.core.types import UTCDateTime, utcnow


@dataclass(frozen=True)
class ThrottleKey:
    key: str
    limit: int


class LoginThrottle(Protocol):
    async def attempt(self, keys: list[ThrottleKey]) -> int | None:
        """Count one sign-in attempt against every key, atomically, before the password is checked (so that
        concurrent guesses are counted like sequential ones). Seconds to wait when a key is now over its limit."""

    async def succeeded(self, keys: list[ThrottleKey]) -> None:
        """The attempt was right: forget the account's count, and this attempt in the others."""


def _wait(counts: list[tuple[ThrottleKey, int, float]]) -> int | None:
    waits = [math.ceil(seconds) for key, count, seconds in counts if count > key.limit]
    return max(max(waits), 1) if waits else None


class LoginThrottleCounter(SQLModel, table=True):
    __tablename__ = "login_throttle"

    key: str = Field(sa_type=String(320), primary_key=True)
    failures: int = Field(default=0, nullable=False)
    # Indexed: expired counters are found and deleted a few at a time on every new one.
    window_ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class DatabaseLoginThrottle:
    """Counters in the database, each change committed on its own (a refused sign-in rolls its request back)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], window_seconds: int) -> None:
        self._sessionmaker = sessionmaker
        self._window = timedelta(seconds=window_seconds)

    async def attempt(self, keys: list[ThrottleKey]) -> int | None:
        counts = []
        for key in keys:
            failures, window_ends_at = await self._increment(key.key)
            counts.append((key, failures, (window_ends_at - utcnow()).total_seconds()))
        return _wait(counts)

    async def _increment(self, key: str) -> tuple[int, datetime]:
        now = utcnow()
        current = col(LoginThrottleCounter.key) == key
        async with self._sessionmaker() as session, session.begin():
            # A window that has ended starts again; a live one counts one more, atomically (the row is locked).
            await session.execute(
                update(LoginThrottleCounter)
                .where(current, col(LoginThrottleCounter.window_ends_at) <= now)
                .values(failures=0, window_ends_at=now + self._window)
            )
            result = await session.execute(
                update(LoginThrottleCounter)
                .where(current)
                .values(failures=col(LoginThrottleCounter.failures) + 1)
                .returning(col(LoginThrottleCounter.failures), col(LoginThrottleCounter.window_ends_at))
            )
            row = result.one_or_none()
            if row is not None:
                return int(row[0]), row[1]
        try:
            async with self._sessionmaker() as session, session.begin():
                session.add(LoginThrottleCounter(key=key, failures=1, window_ends_at=now + self._window))
        except IntegrityError:  # another request created it first
            return await self._increment(key)
        return 1, now + self._window

    async def succeeded(self, keys: list[ThrottleKey]) -> None:
        account, *others = keys
        async with self._sessionmaker() as session, session.begin():
            await session.execute(delete(LoginThrottleCounter).where(col(LoginThrottleCounter.key) == account.key))
            for key in others:
                await session.execute(
                    update(LoginThrottleCounter)
                    .where(col(LoginThrottleCounter.key) == key.key, col(LoginThrottleCounter.failures) > 0)
                    .values(failures=col(LoginThrottleCounter.failures) - 1)
                )


class RedisLoginThrottle:
    def __init__(self, redis: Redis, window_seconds: int, prefix: str = "pd:login:") -> None:
        self._redis = redis
        self._window = window_seconds
        self._prefix = prefix

    async def attempt(self, keys: list[ThrottleKey]) -> int | None:
        async with self._redis.pipeline(transaction=True) as pipe:
            for key in keys:
                name = self._prefix + key.key
                pipe.incr(name)
                pipe.expire(name, self._window, nx=True)
                pipe.ttl(name)
            results = await pipe.execute()
        counts = [(key, int(results[3 * i]), float(results[3 * i + 2])) for i, key in enumerate(keys)]
        return _wait(counts)

    async def succeeded(self, keys: list[ThrottleKey]) -> None:
        account, *others = keys
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._prefix + account.key)
            for key in others:
                pipe.decr(self._prefix + key.key)
            await pipe.execute()
