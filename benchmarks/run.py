"""Benchmark the public read API: fill N synthetic institutions, serve with uvicorn, drive with wrk, print a table.

    uv run python -m benchmarks.run                      # full matrix: sqlite + postgres, N = 1,000 and 100,000
    uv run python -m benchmarks.run --databases sqlite --sizes 1000 --duration 5
    uv run python -m benchmarks.run --scenarios listing,not_modified,near   # a subset (the ceilings always run)

For each database and N: a fresh database (an SQLite file in a temporary folder, or the PostgreSQL database
--pg-database, dropped and created again), the Alembic migrations, the synthetic fill (benchmarks/fill.py), then
one uvicorn worker on 127.0.0.1 serving benchmarks.ceiling_app (the real app plus two ceilings that return the
listing's bytes precomputed: `/__ceiling` through FastAPI, `/__raw_ceiling` from a bare ASGI callable). Each
scenario gets a short warm-up, then `wrk` with fixed connections for a fixed time, once with the same URL every
time (answered by the app's response cache) and once with a new, ignored query parameter on every request (a
cache miss each time). Then: a full sync to get a cursor, 10 changes written through the app's ORM, and the
delta sync's size on the wire; then a mixed load run over all these routes, watching the server's memory.
Every response must have its expected status (200, or 304 for the conditional request); the run exits
non-zero when one does not. Only loopback is ever contacted, every load run is bounded by its duration, and the
server is stopped at the end, also on failure.
"""

import argparse
import asyncio
import os
import re
import signal
import sys
import tempfile
import time
import traceback
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

from app.core.migrations import upgrade
from benchmarks.fill import fill
from benchmarks.freshness import freshness_check
from benchmarks.mixed import mixed_run
from benchmarks.report import machine_info, print_and_write
from benchmarks.results import RunInfo
from benchmarks.scenarios import CACHE_BUSTER, LOAD_KEYS, SCENARIO_KEYS, listing_path, load_scenarios
from benchmarks.servers import (
    BenchmarkError,
    DrfPeer,
    Server,
    postgres_database,
    sqlite_database,
    wait_idle,
)
from benchmarks.sync import delta_sync
from benchmarks.wrk import BENCH_DIR, require_drf, require_wrk

RESULTS_DIR = BENCH_DIR / "results"


def bench_one(
    database: str,
    size: int,
    url: str,
    args: argparse.Namespace,
    wrk: str,
    info: RunInfo,
    workdir: Path,
    pg: tuple[str, str] | None,
) -> None:
    started = time.perf_counter()
    upgrade(url)
    migrated = time.perf_counter()
    fill_seconds = asyncio.run(fill(url, size, seed=args.seed))
    info.fills.append(
        {
            "database": database,
            "size": size,
            "migrate_s": round(migrated - started, 2),
            "fill_s": round(fill_seconds, 2),
        }
    )
    print(f"  migrated in {migrated - started:.1f} s, filled {size:,} institutions in {fill_seconds:.1f} s", flush=True)

    peer = None
    if "drf" in args.scenario_keys and database == "sqlite":
        peer = DrfPeer(Path(url.split(":///", 1)[1]), listing_path(args), workdir / f"drf_{size}.log")
    with peer or nullcontext():
        for workers in args.worker_list:
            log = workdir / f"uvicorn_{database}_{size}_w{workers}.log"
            with Server(url, listing_path(args), log, workers=workers) as server:
                if any(key in args.scenario_keys for key in LOAD_KEYS):
                    load_scenarios(server, database, size, args, wrk, info, pg, peer)
                if "freshness" in args.scenario_keys:
                    info.freshness.append(freshness_check(server, database, size, url, args))
                if workers != args.worker_list[0]:
                    continue  # the delta sync and the mixed run once per database and size, with the first count
                if "delta_sync" in args.scenario_keys or "mixed" in args.scenario_keys:
                    sync = delta_sync(server, database, size, url, args)
                    info.syncs.append(sync)
                    wait_idle(server.pid, pg)
                    if "mixed" in args.scenario_keys:
                        cursor = str(sync.delta["cursor"]["since"])
                        info.mixed.append(mixed_run(server, database, size, cursor, args, wrk, workdir, pg))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgres", help="Comma-separated: sqlite, postgres.")
    parser.add_argument("--sizes", default="1000,100000", help="Comma-separated institution counts.")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIO_KEYS),
        help=f"Comma-separated subset of: {', '.join(SCENARIO_KEYS)}. The two ceilings run whenever a load "
        "scenario does; mixed includes delta_sync (its cursor is one of the mixed routes).",
    )
    parser.add_argument("--duration", type=int, default=10, help="Seconds of measured load per scenario.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of unmeasured load before each scenario.")
    parser.add_argument(
        "--connections", default="16", help="Concurrent keep-alive connections; a comma-separated list runs each."
    )
    parser.add_argument(
        "--workers",
        default="1",
        help="uvicorn worker processes serving the app; a comma-separated list (1,2) runs the load scenarios and "
        "the freshness check with each, the delta sync and the mixed run with the first.",
    )
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (one leaves the other core free).")
    parser.add_argument(
        "--cache",
        choices=("hit", "miss", "both"),
        default="both",
        help="hit: the same URL every time (the app's response cache answers); miss: a never-seen "
        f"`{CACHE_BUSTER}` query parameter on every request, so the app does the work; both: each.",
    )
    parser.add_argument("--country", default="GT")
    parser.add_argument("--service-type", default="legal_assistance")
    parser.add_argument("--q", default="esperanza", help="The word the search scenario looks for.")
    parser.add_argument(
        "--near",
        default="14.634,-90.507",
        help="lat,lon of the near= scenarios (default: the centre of Ciudad de Guatemala, a dense city of the fill).",
    )
    parser.add_argument("--near-name", default="Ciudad de Guatemala", help="How the near= scenarios are labelled.")
    parser.add_argument("--sync-limit", type=int, default=1000, help="Page size of the full sync (1-1000).")
    parser.add_argument("--mixed-seconds", type=int, default=60, help="Seconds of the mixed load run.")
    parser.add_argument("--mixed-connections", type=int, default=64, help="Connections of the mixed load run.")
    parser.add_argument("--mixed-warmup", type=int, default=5, help="Unmeasured seconds before the mixed run.")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument(
        "--pg-admin-dsn",
        default=os.environ.get("BENCH_PG_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/test"),
        help="An existing database to connect to while (re)creating --pg-database.",
    )
    parser.add_argument("--pg-database", default="bench_run", help="Dropped and created again; must be bench_*.")
    parser.add_argument("--keep", action="store_true", help="Keep the filled databases afterwards.")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR, help="Folder for results.md and results.json.")
    args = parser.parse_args(argv)
    args.database_list = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(args.database_list) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown database(s): {', '.join(sorted(unknown))}")
    args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.scenario_keys = [k.strip() for k in args.scenarios.split(",") if k.strip()]
    unknown = set(args.scenario_keys) - set(SCENARIO_KEYS)
    if unknown or not args.scenario_keys:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}; choose from {', '.join(SCENARIO_KEYS)}")
    if args.duration < 1 or args.duration > 600 or args.warmup < 0 or args.warmup > 60:
        parser.error("--duration must be 1-600 s and --warmup 0-60 s")
    if not 1 <= args.mixed_seconds <= 3600 or not 0 <= args.mixed_warmup <= 60:
        parser.error("--mixed-seconds must be 1-3600 s and --mixed-warmup 0-60 s")
    if not 1 <= args.mixed_connections <= 256:
        parser.error("--mixed-connections must be 1-256 (wrk runs one thread per connection there)")
    if not 1 <= args.sync_limit <= 1000:
        parser.error("--sync-limit must be 1-1000")
    point = re.fullmatch(r"\s*([+-]?[0-9.]+)\s*,\s*([+-]?[0-9.]+)\s*", args.near)
    if point is None or not (-90 <= float(point[1]) <= 90 and -180 <= float(point[2]) <= 180):
        parser.error("--near must be lat,lon in decimal degrees")
    args.near_lat, args.near_lon = point[1], point[2]
    args.worker_list = [int(w) for w in args.workers.split(",") if w.strip()]
    if not args.worker_list or not all(1 <= w <= 16 for w in args.worker_list):
        parser.error("--workers must be between 1 and 16")
    args.cache_modes = ["hit", "miss"] if args.cache == "both" else [args.cache]
    args.connection_list = [int(c) for c in args.connections.split(",") if c.strip()]
    if not args.connection_list or not all(1 <= c <= 1000 for c in args.connection_list):
        parser.error("--connections must be between 1 and 1000")
    if not 1 <= args.threads <= min(args.connection_list):
        parser.error("--threads must be between 1 and the smallest --connections")
    return args


def _terminate(signum: int, _frame: object) -> None:
    # Unwind normally, so that the server and the databases are cleaned up on the way out.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wrk = require_wrk()
    if "drf" in args.scenario_keys:
        require_drf()
    signal.signal(signal.SIGTERM, _terminate)
    wall_start = time.perf_counter()
    info = RunInfo(
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        args={k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        machine=machine_info(wrk),
    )
    load = info.machine["load_average_at_start"][0]
    print(f"{info.machine['cpus']} CPUs, load average {load}, {info.machine['wrk']}", flush=True)
    print(f"code: {info.machine['code']}", flush=True)
    if load > 0.5:
        print("warning: the machine is busy; numbers will be lower and noisier than on an idle one", flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="bench_logs_"))
    failed: BaseException | None = None
    try:
        for database in args.database_list:
            for size in args.size_list:
                print(f"\n== {database}, N={size:,}", flush=True)
                pg = None
                if database == "sqlite":
                    context = sqlite_database(size, args.keep)
                else:
                    context = postgres_database(args.pg_admin_dsn, args.pg_database, args.keep)
                    pg = (args.pg_admin_dsn, args.pg_database)
                with context as url:
                    bench_one(database, size, url, args, wrk, info, workdir, pg)
    except BenchmarkError as exc:
        failed = exc
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
    except Exception as exc:
        failed = exc
        traceback.print_exc()
        print("\nbenchmark failed; the results so far follow", file=sys.stderr)
    except KeyboardInterrupt as exc:
        failed = exc
        print("\ninterrupted", file=sys.stderr)
    info.wall_seconds = time.perf_counter() - wall_start
    info.machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    errors = print_and_write(info, args, workdir)
    return 1 if failed is not None or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
