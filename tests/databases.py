"""Isolated test databases, each built by the migrations: SQLite files and PostgreSQL databases.

A template is migrated once per backend and session; every test gets its own copy of it (a file copy for
SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL), so tests are independent and see real commits.
"""

import asyncio
import itertools
import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.core import migrations

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
_counter = itertools.count()


def postgres_admin_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES_URL)


def postgres_available() -> bool:
    async def probe() -> None:
        engine = create_async_engine(postgres_admin_url())
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        finally:
            await engine.dispose()

    try:
        asyncio.run(asyncio.wait_for(probe(), timeout=5))
    except Exception:
        return False
    return True


class SQLiteDatabases:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.template = directory / "template.db"

    def url_for(self, path: Path) -> str:
        return f"sqlite+aiosqlite:///{path}"

    def build_template(self) -> None:
        migrations.upgrade(self.url_for(self.template))

    async def create(self) -> str:
        path = self.directory / f"test_{next(_counter)}.db"
        await asyncio.to_thread(shutil.copyfile, self.template, path)
        return self.url_for(path)

    async def drop(self, url: str) -> None:
        await asyncio.to_thread(Path(make_url(url).database or "").unlink, missing_ok=True)

    def drop_template(self) -> None:
        self.template.unlink(missing_ok=True)


class PostgresDatabases:
    def __init__(self) -> None:
        self.admin_url = make_url(postgres_admin_url())
        self.prefix = f"pd_test_{uuid.uuid4().hex[:8]}"
        self.template_name = f"{self.prefix}_template"

    def url_for(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    async def _admin(self, *statements: str) -> None:
        engine = create_async_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as connection:
                for statement in statements:
                    await connection.execute(text(statement))
        finally:
            await engine.dispose()

    def build_template(self) -> None:
        asyncio.run(self._admin(f'CREATE DATABASE "{self.template_name}"'))
        migrations.upgrade(self.url_for(self.template_name))

    async def create(self) -> str:
        name = f"{self.prefix}_{next(_counter)}"
        await self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
        return self.url_for(name)

    async def drop(self, url: str) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def drop_template(self) -> None:
        asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)'))
