"""The response cache's view of the directory version: other workers' writes make answers stale, and a cached
answer is served without asking the database."""

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.directory_version import DirectoryVersion
from app.main import create_app
from tests import factories

URL = "/api/v1/institutions"


@pytest.fixture
async def other_worker(database_url: str) -> AsyncIterator[FastAPI]:
    """A second application on the same database: another worker process, as far as caching goes."""
    application = create_app(Settings(database_url=database_url, environment="test"))
    async with application.router.lifespan_context(application):
        yield application


async def eventually(condition: Callable[[], bool | Awaitable[bool]], seconds: float = 5.0) -> None:
    """Poll `condition` until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        held = condition()
        if await held if inspect.isawaitable(held) else held:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"condition not met within {seconds} s")


def version_of(application: FastAPI) -> DirectoryVersion:
    version: DirectoryVersion = application.state.directory_version
    return version


async def names(client: httpx.AsyncClient) -> list[str]:
    response = await client.get(URL)
    assert response.status_code == 200
    return [item["name"] for item in response.json()["items"]]


@contextmanager
def statements_sent(application: FastAPI) -> Iterator[list[str]]:
    """The SQL statements the application sends to its database meanwhile."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = application.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def answered_from_memory(application: FastAPI, client: httpx.AsyncClient) -> bool:
    """Whether a request for the (cached) listing is answered without asking the database: the worker trusts the
    version it knows (on SQLite, once the database files' last change is older than RECENT_NS)."""
    with statements_sent(application) as statements:
        response = await client.get(URL)
        assert response.status_code == 200
    return statements == []


async def test_a_write_in_another_worker_makes_this_workers_cached_answers_stale(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, other_worker: FastAPI, backend: str
) -> None:
    record = factories.institution(name="Before")
    await factories.add(session, record)
    if backend == "postgresql":
        await eventually(lambda: version_of(app).listening)
    assert await names(client) == ["Before"]
    # Only a worker that trusts its cached answers shows that the other worker's write made them stale.
    await eventually(lambda: answered_from_memory(app, client))
    assert await names(client) == ["Before"]

    async with other_worker.state.sessionmaker() as other_session:
        stored = await other_session.get(type(record), record.id)
        assert stored is not None
        stored.name = "After"
        await other_session.commit()

    if backend == "sqlite":
        # The database file changed under this worker: the very next request sees it.
        assert await names(client) == ["After"]
    else:
        # NOTIFY reaches this worker's listener a moment after the other worker's commit.
        async def shows_the_change() -> bool:
            return await names(client) == ["After"]

        await eventually(shows_the_change)


async def test_a_cached_answer_is_served_without_asking_the_database(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, backend: str
) -> None:
    await factories.add(session, factories.institution(name="Cached"))
    if backend == "postgresql":
        await eventually(lambda: version_of(app).listening)
    assert await names(client) == ["Cached"]
    await eventually(lambda: answered_from_memory(app, client))

    with statements_sent(app) as statements:
        for _ in range(5):
            assert await names(client) == ["Cached"]
    assert statements == []


async def test_postgres_listener_loss_falls_back_to_reading_the_database(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, backend: str, other_worker: FastAPI
) -> None:
    if backend != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    record = factories.institution(name="Before")
    await factories.add(session, record)
    await eventually(lambda: version_of(app).listening)
    assert await names(client) == ["Before"]

    # Cut every LISTEN connection to this database: the worker stops trusting what it knows.
    await session.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        )
    )
    await session.commit()
    await eventually(lambda: not version_of(app).listening)

    async with other_worker.state.sessionmaker() as other_session:
        stored = await other_session.get(type(record), record.id)
        assert stored is not None
        stored.name = "After"
        await other_session.commit()
    # Without a listener, each request reads the version: the change shows at once.
    assert await names(client) == ["After"]
    # And the listener comes back.
    await eventually(lambda: version_of(app).listening)
