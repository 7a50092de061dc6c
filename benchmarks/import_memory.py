"""Time and peak memory of an import against the size of its file (issue #10 item 11: under 10x the file size;
issue #11 item 5: 100k rows in under 30 s with peak RSS under 500 MB, updating every row no slower than creating).

    uv run python -m benchmarks.import_memory --rows 100000 [--backend sqlite|postgresql|both]

The sheets are benchmarks.imports' synthetic institutions CSV: first every row new ("create"), then the same rows
with every name changed ("update": every row updated in place). The database is fresh, built by the migrations.
Each import runs in a child process of its own (parse, validate, check against the database, write every record
with its audit event, build the report's JSON, commit: what POST /api/v1/imports does after the upload, with the
row and size limits raised to fit the sheet, and the garbage collector set up as the server's start-up sets it);
the child reports its wall and CPU seconds, its peak RSS (ru_maxrss) and its RSS before the file was read, so the
interpreter and the libraries are not counted as the import's. On a shared machine the CPU seconds are the
steadier figure (PostgreSQL's own CPU is not in them). `--server-gc no` keeps the interpreter's default collector.
"""

import argparse
import asyncio
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from app.core import migrations
from benchmarks.imports import add_admin, sheet
from benchmarks.servers import PROJECT_ROOT, postgres_database, rss_kb, sqlite_database

DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


async def _import(database_url: str, path: Path, admin_id: str, server_gc: bool = True) -> dict[str, object]:
    from app.auth.models import User
    from app.core.config import Settings
    from app.core.db import create_engine, create_sessionmaker
    from app.imports import service
    from app.spreadsheets.layouts import LAYOUTS, ResourceType
    from app.spreadsheets.parser import Limits, parse

    settings = Settings(database_url=database_url, environment="test")
    engine = create_engine(settings)
    # As the server's start-up does (app.main, outside tests): what is loaded by now is frozen out of the
    # collector, whose full collections would otherwise walk every module's objects again and again under the
    # allocations of an import (a sixth of its time).
    if server_gc:
        gc.collect()
        gc.freeze()
        gc.set_threshold(5_000, 20, 20)
    before_kb = rss_kb(os.getpid()) or 0
    started, cpu_started = time.perf_counter(), time.process_time()
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
            report_bytes = len(await asyncio.to_thread(report.json))
        summary = report.summary.model_dump()
    finally:
        await engine.dispose()
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "report_bytes": report_bytes,
        "before_kb": before_kb,
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "summary": summary,
    }


def child(database_url: str, path: str, admin_id: str, collector: str) -> None:
    print(json.dumps(asyncio.run(_import(database_url, Path(path), admin_id, collector == "server"))))


def _child_import(database_url: str, path: Path, admin_id: str, collector: str) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.import_memory",
        "--child",
        database_url,
        str(path),
        admin_id,
        collector,
    ]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the import failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(database_url: str, rows: int, label: str, collector: str) -> None:
    migrations.upgrade(database_url)
    admin = asyncio.run(add_admin(database_url))
    with tempfile.TemporaryDirectory() as folder:
        for kind, edition in (("create", ""), ("update", " (corregida)")):
            path = Path(folder) / f"institutions-{kind}.csv"
            path.write_bytes(sheet(rows, edition))
            size = path.stat().st_size
            result = _child_import(database_url, path, admin.id, collector)
            peak, before = result["peak_kb"] * 1024, result["before_kb"] * 1024
            print(
                f"{label} {kind}: {rows} rows, file {size / 1e6:.1f} MB; applied in {result['seconds']:.1f} s "
                f"({result['cpu_seconds']:.1f} s CPU, {rows / result['seconds']:.0f} rows/s); peak RSS "
                f"{peak / 1e6:.0f} MB ({peak / size:.1f}x the file), {(peak - before) / 1e6:.0f} MB over the "
                f"{before / 1e6:.0f} MB before reading it ({(peak - before) / size:.1f}x); report "
                f"{result['report_bytes'] / 1e6:.1f} MB; {result['summary']}",
                flush=True,
            )


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--server-gc", choices=["yes", "no"], default="yes")
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_PG_ADMIN_DSN", DEFAULT_POSTGRES_ADMIN_URL),
        help="An asyncpg DSN allowed to create databases.",
    )
    args = parser.parse_args()
    collector = "server" if args.server_gc == "yes" else "default"
    if args.backend in ("sqlite", "both"):
        with sqlite_database(args.rows, keep=False) as url:
            run(url, args.rows, "SQLite", collector)
    if args.backend in ("postgresql", "both"):
        name = f"bench_import_{uuid.uuid4().hex[:8]}"
        with postgres_database(args.postgres_admin_url, name, keep=False) as url:
            run(url, args.rows, "PostgreSQL", collector)


if __name__ == "__main__":
    main()
