"""The response cache's view of the directory version: other workers' writes make answers stale, and a cached
answer is served without asking the database."""

import asyncio
from collections.abc import AsyncIterator, Callable

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


async def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


def version_of(application: FastAPI) -> DirectoryVersion:
    version: DirectoryVersion = application.state.directory_version
    return version


async def names(client: httpx.AsyncClient) -> list[str]:
    response = await client.get(URL)
    assert response.status_code == 200
    return [item["name"] for item in response.json()["items"]]


async def test_a_write_in_another_worker_makes_this_workers_cached_answers_stale(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, other_worker: FastAPI, backend: str
) -> None:
    record = factories.institution(name="Before")
    await factories.add(session, record)
    if backend == "postgresql":
        await wait_until(lambda: version_of(app).listening)
    assert await names(client) == ["Before"]
    await asyncio.sleep(0.1)  # past the window in which SQLite file times are too recent to trust
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
        for _ in range(100):
            if await names(client) == ["After"]:
                break
            await asyncio.sleep(0.02)
        assert await names(client) == ["After"]


async def test_a_cached_answer_is_served_without_asking_the_database(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, backend: str
) -> None:
    await factories.add(session, factories.institution(name="Cached"))
    if backend == "postgresql":
        await wait_until(lambda: version_of(app).listening)
    assert await names(client) == ["Cached"]
    await asyncio.sleep(0.1)  # past the window in which SQLite file times are too recent to trust
    assert await names(client) == ["Cached"]

    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        for _ in range(5):
            response = await client.get(URL)
            assert response.status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements == []


async def test_postgres_listener_loss_falls_back_to_reading_the_database(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, backend: str, other_worker: FastAPI
) -> None:
    if backend != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    record = factories.institution(name="Before")
    await factories.add(session, record)
    await wait_until(lambda: version_of(app).listening)
    assert await names(client) == ["Before"]

    # Cut every LISTEN connection to this database: the worker stops trusting what it knows.
    await session.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        )
    )
    await session.commit()
    await wait_until(lambda: not version_of(app).listening)

    async with other_worker.state.sessionmaker() as other_session:
        stored = await other_session.get(type(record), record.id)
        assert stored is not None
        stored.name = "After"
        await other_session.commit()
    # Without a listener, each request reads the version: the change shows at once.
    assert await names(client) == ["After"]
    # And the listener comes back.
    await wait_until(lambda: version_of(app).listening)
