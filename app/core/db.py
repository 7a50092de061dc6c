"""Engine, sessions and the per-request transaction."""

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from app.core.changes import ON_DIRECTORY_CHANGE
from app.core.config import Settings


def create_engine(settings: Settings, *, sqlite_foreign_keys: bool = True) -> AsyncEngine:
    """The engine. Migrations pass sqlite_foreign_keys=False: SQLite rebuilds a table to alter it, and a
    rebuild with foreign keys enforced fails on every table that others refer to."""
    # No pre-ping (a round trip per checkout); connections are recycled instead, and a dead one fails one request.
    # hide_parameters: a database error (logged, or raised to a 500) never carries the values of the request.
    engine = create_async_engine(
        settings.database_url, echo=settings.database_echo, pool_recycle=1800, hide_parameters=True
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", partial(_configure_sqlite, foreign_keys=sqlite_foreign_keys))
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any, *, foreign_keys: bool) -> None:
    # SQLite leaves foreign keys off by default; WAL lets readers run while one writer commits.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_sessionmaker(
    engine: AsyncEngine, *, on_directory_change: Callable[[], None] | None = None
) -> async_sessionmaker[AsyncSession]:
    """Sessions; `on_directory_change` is called after each commit that changed directory data."""
    info = {ON_DIRECTORY_CHANGE: on_directory_change} if on_directory_change else {}
    return async_sessionmaker(engine, expire_on_commit=False, info=info)


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the route succeeds, rolled back when it raises."""
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


# scope="function" closes the transaction before the response is sent, so a failed commit is an error answer.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]


async def refresh_statistics(engine: AsyncEngine) -> None:
    """ANALYZE, so the query planner knows the tables (SQLite has no statistics until asked)."""
    async with engine.begin() as connection:
        await connection.execute(text("ANALYZE"))
