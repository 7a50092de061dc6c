"""Throttling of failed sign-ins, shared by every worker process.

Redis holds the counters when REDIS_URL is set; otherwise the database does (table login_throttle). Each counter is a
fixed window. An attempt is counted, key by key in order, before the password is checked (so that concurrent guesses
are counted like sequential ones), and a right password takes it back. A blocking key past its limit refuses the
attempt (429) without counting it against the keys after it, so a refused client adds no counter; a key that only
slows down lets the attempt go on, later.
"""

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import String, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import Field, SQLModel, col

from app.core.rate_limit import Quota
from app.core.types import UTCDateTime, utcnow

# Expired counters deleted with each new one: more than are created, so the table shrinks back after a flood.
EXPIRED_PER_WRITE = 100


@dataclass(frozen=True)
class ThrottleKey:
    key: str
    limit: int
    # Past its limit a blocking key refuses the attempt; another one only asks to slow it down.
    blocks: bool = True
    # A right password forgets every failure of this key (the others only take this attempt back).
    reset_on_success: bool = False
    # The name its quota is published under in the RateLimit headers; unnamed, it is not published.
    policy: str = ""


@dataclass(frozen=True)
class Verdict:
    # Seconds until a blocking key lets attempts in again; None when the attempt may go on.
    retry_after: int | None = None
    slow_down: bool = False
    # The published keys this attempt was counted against, with what is left of each.
    quotas: tuple[Quota, ...] = ()


class LoginThrottle(Protocol):
    async def attempt(self, keys: list[ThrottleKey]) -> Verdict:
        """Count one sign-in attempt against the keys in order, each atomically, before the password is checked."""

    async def succeeded(self, keys: list[ThrottleKey]) -> None:
        """The attempt was right: forget the failures of the keys that reset, and take this attempt back elsewhere."""


# One counter: its count after this attempt, and the seconds left in its window.
Increment = Callable[[str], Awaitable[tuple[int, float]]]


async def _count(keys: list[ThrottleKey], increment: Increment, window: int) -> Verdict:
    slow_down = False
    quotas: list[Quota] = []
    for key in keys:
        count, seconds_left = await increment(key.key)
        reset = max(math.ceil(seconds_left), 1)
        if key.policy:
            quotas.append(Quota(key.policy, key.limit, window, max(key.limit - count, 0), reset))
        if count > key.limit:
            if key.blocks:
                return Verdict(retry_after=reset, quotas=tuple(quotas))
            slow_down = True
    return Verdict(slow_down=slow_down, quotas=tuple(quotas))


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

    async def attempt(self, keys: list[ThrottleKey]) -> Verdict:
        return await _count(keys, self._increment, int(self._window.total_seconds()))

    async def _increment(self, key: str) -> tuple[int, float]:
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
                return int(row[0]), (row[1] - now).total_seconds()
        try:
            async with self._sessionmaker() as session, session.begin():
                await _delete_expired(session, now)
                session.add(LoginThrottleCounter(key=key, failures=1, window_ends_at=now + self._window))
        except IntegrityError:  # another request created it first
            return await self._increment(key)
        return 1, self._window.total_seconds()

    async def succeeded(self, keys: list[ThrottleKey]) -> None:
        async with self._sessionmaker() as session, session.begin():
            for key in keys:
                current = col(LoginThrottleCounter.key) == key.key
                if key.reset_on_success:
                    await session.execute(delete(LoginThrottleCounter).where(current))
                else:
                    await session.execute(
                        update(LoginThrottleCounter)
                        .where(current, col(LoginThrottleCounter.failures) > 0)
                        .values(failures=col(LoginThrottleCounter.failures) - 1)
                    )


async def _delete_expired(session: AsyncSession, now: datetime) -> None:
    ended = col(LoginThrottleCounter.window_ends_at) <= now
    oldest = select(col(LoginThrottleCounter.key)).where(ended).limit(EXPIRED_PER_WRITE)
    # The window is checked again on the rows themselves: one a concurrent attempt has just restarted stays.
    await session.execute(delete(LoginThrottleCounter).where(ended, col(LoginThrottleCounter.key).in_(oldest)))


# Only a live counter is taken back: DECR on one that has expired would make a counter that never expires.
_SUCCEEDED = """
for i, name in ipairs(KEYS) do
    if ARGV[i] == "1" then
        redis.call("DEL", name)
    elseif (tonumber(redis.call("GET", name)) or 0) > 0 then
        redis.call("DECR", name)
    end
end
return 0
"""


class RedisLoginThrottle:
    """Counters in Redis, each expiring with its window."""

    def __init__(self, redis: Redis, window_seconds: int, prefix: str = "pd:login:") -> None:
        self._redis = redis
        self._window = window_seconds
        self._prefix = prefix
        self._succeeded = redis.register_script(_SUCCEEDED)

    async def attempt(self, keys: list[ThrottleKey]) -> Verdict:
        return await _count(keys, self._increment, self._window)

    async def _increment(self, key: str) -> tuple[int, float]:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, self._window, nx=True)
            pipe.ttl(name)
            count, _, seconds_left = await pipe.execute()
        return int(count), float(seconds_left)

    async def succeeded(self, keys: list[ThrottleKey]) -> None:
        names = [self._prefix + key.key for key in keys]
        await self._succeeded(keys=names, args=["1" if key.reset_on_success else "0" for key in keys])
