"""Peak memory of an import against the size of its file (issue #10, item 11: under 10x the file size).

    uv run python -m benchmarks.import_memory --rows 100000 [--backend sqlite|postgresql]

The sheet is benchmarks.imports' synthetic institutions CSV. The database is fresh, built by the migrations. The
import runs in a child process of its own (parse, validate, check against the database, write every record with
its audit event, commit: what POST /api/v1/imports does after the upload, with the row and size limits raised to
fit the sheet); the child reports its peak RSS (ru_maxrss) and its RSS before the file was read, so the
interpreter and the libraries are not counted as the import's.
"""

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from app.core import migrations
from benchmarks.imports import add_admin, sheet
from benchmarks.servers import PROJECT_ROOT, postgres_database, rss_kb, sqlite_database

DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


async def _import(database_url: str, path: Path, admin_id: str) -> dict[str, object]:
    from app.auth.models import User
    from app.core.config import Settings
    from app.core.db import create_engine, create_sessionmaker
    from app.imports import service
    from app.spreadsheets.layouts import LAYOUTS, ResourceType
    from app.spreadsheets.parser import Limits, parse

    settings = Settings(database_url=database_url, environment="test")
    engine = create_engine(settings)
    before_kb = rss_kb(os.getpid()) or 0
    started = time.perf_counter()
    try:
        content = await asyncio.to_thread(path.read_bytes)
        limits = Limits(max_bytes=len(content), max_rows=10**7, max_cell_chars=settings.max_import_cell_chars)
        parsed = await asyncio.to_thread(parse, path.name, content, limits)
        del content
        async with create_sessionmaker(engine)() as session, session.begin():
            user = await session.get_one(User, admin_id)
            report = await service.import_sheet(
                session, user, LAYOUTS[ResourceType.institutions], parsed, dry_run=False
            )
        summary = report.summary.model_dump()
    finally:
        await engine.dispose()
    return {
        "seconds": time.perf_counter() - started,
        "before_kb": before_kb,
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "summary": summary,
    }


def child(database_url: str, path: str, admin_id: str) -> None:
    print(json.dumps(asyncio.run(_import(database_url, Path(path), admin_id))))


def run(database_url: str, rows: int, label: str) -> None:
    migrations.upgrade(database_url)
    admin = asyncio.run(add_admin(database_url))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "institutions.csv"
        path.write_bytes(sheet(rows))
        size = path.stat().st_size
        command = [sys.executable, "-m", "benchmarks.import_memory", "--child", database_url, str(path), admin.id]
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the import failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    peak, before = result["peak_kb"] * 1024, result["before_kb"] * 1024
    print(
        f"{label}: {rows} rows, file {size / 1e6:.1f} MB; applied in {result['seconds']:.1f} s; peak RSS "
        f"{peak / 1e6:.0f} MB ({peak / size:.1f}x the file), {(peak - before) / 1e6:.0f} MB over the "
        f"{before / 1e6:.0f} MB before reading it ({(peak - before) / size:.1f}x); {result['summary']}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_PG_ADMIN_DSN", DEFAULT_POSTGRES_ADMIN_URL),
        help="An asyncpg DSN allowed to create databases.",
    )
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with sqlite_database(args.rows, keep=False) as url:
            run(url, args.rows, "SQLite")
    if args.backend in ("postgresql", "both"):
        name = f"bench_import_{uuid.uuid4().hex[:8]}"
        with postgres_database(args.postgres_admin_url, name, keep=False) as url:
            run(url, args.rows, "PostgreSQL")


if __name__ == "__main__":
    main()
