"""Time a 10,000-row institutions import (dry run, then apply) on SQLite and PostgreSQL.

    uv run python -m benchmarks.imports [--rows 10000] [--postgres-admin-url postgresql+asyncpg://…/postgres]

Each backend gets a fresh database built by the migrations (a temporary SQLite file; a temporary PostgreSQL
database, dropped at the end). The sheet is a synthetic CSV in the import layout; the timings cover what the
POST /api/v1/imports route does after the upload: parse, validate, check against the database, and (apply) write
every record with its audit event and commit. Then the same sheet again (every row unchanged), and a corrected
sheet (every row updated in place).
"""

import argparse
import asyncio
import csv
import io
import os
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.auth.models import Role, User
from app.core import migrations
from app.core.config import Settings
from app.core.db import create_engine, create_sessionmaker
from app.imports import service
from app.spreadsheets.layouts import LAYOUTS, ResourceType
from app.spreadsheets.parser import Limits, parse

DEFAULT_POSTGRES_ADMIN_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"  # as the tests
COUNTRIES = ("GT", "HN", "SV", "MX", "CR")
SERVICE_TYPES = ("legal_assistance", "psychosocial_support", "shelter", "health_care", "education")


def sheet(rows: int, edition: str = "") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = [c.name for c in LAYOUTS[ResourceType.institutions].columns if c.name != "id"]
    writer.writerow(headers)
    for n in range(rows):
        country = COUNTRIES[n % len(COUNTRIES)]
        values = {
            "external_id": f"{country}-{n:06d}",
            "country_code": country,
            "name": f"Institución de prueba {n}{edition}",
            "acronym": f"IP{n}",
            "kind": "ngo",
            "description_es": f"Atención a la niñez migrante, sede {n}.",
            "description_en": f"Support for migrant children, office {n}.",
            "service_types": "; ".join(SERVICE_TYPES[: 1 + n % 3]),
            "populations": "unaccompanied_children; separated_children",
            "min_age": "0",
            "max_age": "17",
            "city": "Ciudad de prueba",
            "latitude": f"{14 + (n % 1000) / 1000:.4f}",
            "longitude": f"{-90 - (n % 700) / 1000:.4f}",
            "phones": f"'+50{n % 9 + 1}{n:08d} | voice | Línea (demo)",
            "email": f"contacto{n}@example.org",
            "website": "https://example.org/",
            "languages": "es; en",
            "status": "active",
        }
        writer.writerow([values.get(header, "") for header in headers])
    return buffer.getvalue().encode("utf-8")


async def run_import(url: str, content: bytes, user: User, *, dry_run: bool) -> tuple[float, dict[str, int]]:
    settings = Settings(database_url=url, environment="test")
    limits = Limits(settings.max_import_bytes, settings.max_import_rows, settings.max_import_cell_chars)
    engine = create_engine(settings)
    try:
        started = time.perf_counter()
        sheet_rows = parse("bench.csv", content, limits)
        async with create_sessionmaker(engine)() as session, session.begin():
            db_user = await session.merge(user)
            report = await service.import_sheet(
                session, db_user, LAYOUTS[ResourceType.institutions], sheet_rows, dry_run=dry_run
            )
        elapsed = time.perf_counter() - started
    finally:
        await engine.dispose()
    return elapsed, report.summary.model_dump()


async def add_admin(url: str) -> User:
    user = User(
        id=str(uuid.uuid4()),
        email="bench.admin@example.org",
        full_name="Benchmark",
        password_hash="-",  # noqa: S106  (never signs in)
        role=Role.admin.value,
        countries=[],
    )
    engine = create_engine(Settings(database_url=url, environment="test"))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            session.add(user)
    finally:
        await engine.dispose()
    return user


async def bench(name: str, url: str, rows: int) -> None:
    await asyncio.to_thread(migrations.upgrade, url)
    user = await add_admin(url)
    first, corrected = sheet(rows), sheet(rows, " (corregida)")
    runs = (
        ("dry run", first, True),
        ("apply", first, False),
        ("re-import", first, False),
        ("update", corrected, False),
    )
    for label, content, dry_run in runs:
        elapsed, summary = await run_import(url, content, user, dry_run=dry_run)
        print(f"{name:<11} {label:<10} {rows:>6} rows  {elapsed:6.2f} s   {summary}")


async def _admin(admin_url: str, statement: str) -> None:
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def main(rows: int, postgres_admin_url: str | None) -> None:
    print(f"sheet: {rows} institutions, {len(sheet(rows)) / 1e6:.1f} MB CSV")
    with tempfile.TemporaryDirectory() as directory:
        await bench("SQLite", f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}", rows)
    if postgres_admin_url:
        name = f"bench_imports_{uuid.uuid4().hex[:8]}"
        await _admin(postgres_admin_url, f'CREATE DATABASE "{name}"')
        try:
            url = make_url(postgres_admin_url).set(database=name).render_as_string(hide_password=False)
            await bench("PostgreSQL", url, rows)
        finally:
            await _admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES_ADMIN_URL),
        help="A PostgreSQL URL allowed to create databases; empty to skip PostgreSQL.",
    )
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rows, arguments.postgres_admin_url or None))
