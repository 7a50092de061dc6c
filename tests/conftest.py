import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.main import create_app
from tests.databases import PostgresDatabases, SQLiteDatabases, postgres_available

BACKENDS = ["sqlite", "postgresql"]
# One signing key for every app the tests build (without it each app makes its own): tokens are shared between
# the apps of a test and cached across tests (tests/curation/conftest.py).
TEST_SECRET_KEY = SecretStr("tests-only signing key, never a server's")


def _require_postgres() -> None:
    if postgres_available():
        return
    message = "PostgreSQL is not reachable (set TEST_DATABASE_URL or run it on 127.0.0.1:5432)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: the PostgreSQL run is required under CI=true", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session", params=BACKENDS)
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SQLiteDatabases | PostgresDatabases]:
    """Per backend: a template database migrated to head, copied for each test."""
    factory: SQLiteDatabases | PostgresDatabases
    if request.param == "postgresql":
        _require_postgres()
        factory = PostgresDatabases()
    else:
        factory = SQLiteDatabases(tmp_path_factory.mktemp("sqlite"))
    factory.build_template()
    yield factory
    factory.drop_template()


@pytest.fixture
def backend(databases: SQLiteDatabases | PostgresDatabases) -> str:
    return "postgresql" if isinstance(databases, PostgresDatabases) else "sqlite"


@pytest.fixture
async def database_url(databases: SQLiteDatabases | PostgresDatabases) -> AsyncIterator[str]:
    url = await databases.create()
    yield url
    await databases.drop(url)


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[FastAPI]:
    application = create_app(Settings(database_url=database_url, environment="test", secret_key=TEST_SECRET_KEY))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def session(app: FastAPI) -> AsyncIterator[AsyncSession]:
    """A session on the test database, for arranging data; commit what the HTTP calls must see."""
    async with app.state.sessionmaker() as db_session:
        yield db_session


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parents[1]
