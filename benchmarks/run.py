"""Benchmark the public read API: fill N synthetic institutions, serve with uvicorn, drive with wrk, print a table.

    uv run python -m benchmarks.run                      # full matrix: sqlite + postgres, N = 1,000 and 100,000
    uv run python -m benchmarks.run --databases sqlite --sizes 1000 --duration 5

For each database and N: a fresh database (an SQLite file in a temporary folder, or the PostgreSQL database
--pg-database, dropped and created again), the Alembic migrations, the synthetic fill (benchmarks/fill.py), then
one uvicorn worker on 127.0.0.1 serving benchmarks.ceiling_app (the real app plus `/__ceiling`, which returns
the listing's bytes precomputed). Each scenario gets a short warm-up, then `wrk` with fixed connections for a
fixed time, once with the same URL every time (answered by the app's response cache) and once with a new,
ignored query parameter on every request (a cache miss each time). Every response must be a 200; the run
exits non-zero when one is not.
Only loopback is ever contacted, every load run is bounded by --duration, and the server is stopped at the end,
also on failure.
"""

import argparse
import asyncio
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import asyncpg

from app.core.migrations import upgrade
from benchmarks.fill import fill

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
LUA_SCRIPTS = {"hit": BENCH_DIR / "report.lua", "-": BENCH_DIR / "report.lua", "miss": BENCH_DIR / "cache_miss.lua"}
CACHE_BUSTER = "_bench"
RESULTS_DIR = BENCH_DIR / "results"
HOST = "127.0.0.1"
TARGET_P99_MS = 50.0
TARGET_SIZE = 100_000
WRK_INSTALL = "apt-get update && apt-get install -y wrk   (or: bash benchmarks/setup.sh)"


@dataclass
class Scenario:
    key: str
    label: str
    path: str
    cache: str  # "hit": the same URL every time, so the app's response cache answers; "miss": a new URL each time


@dataclass
class Result:
    database: str
    size: int
    connections: int
    scenario: str
    cache: str
    label: str
    path: str
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_200: int
    non_200_statuses: dict[str, int]
    socket_errors: int
    server_cpu_percent: float | None
    response_bytes: int
    matched: int | None
    ratio_to_ceiling: float | None = None


@dataclass
class RunInfo:
    started_at: str
    args: dict[str, Any]
    machine: dict[str, Any]
    fills: list[dict[str, Any]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    wall_seconds: float = 0.0


class BenchmarkError(RuntimeError):
    pass


# --- databases -------------------------------------------------------------------------------------------------


@contextmanager
def sqlite_database(size: int, keep: bool) -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="bench_sqlite_"))
    try:
        yield f"sqlite+aiosqlite:///{folder / f'bench_{size}.db'}"
    finally:
        if keep:
            print(f"  kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


async def _pg_admin(dsn: str, *statements: str) -> None:
    connection = await asyncpg.connect(dsn, timeout=10)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def postgres_database(admin_dsn: str, name: str, keep: bool) -> Iterator[str]:
    if not re.fullmatch(r"bench_[a-z0-9_]+", name):
        raise BenchmarkError(f"--pg-database must look like bench_something, not {name!r}")
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    asyncio.run(_pg_admin(admin_dsn, drop, f'CREATE DATABASE "{name}"'))
    server = admin_dsn.split("://", 1)[1].rsplit("/", 1)[0]
    try:
        yield f"postgresql+asyncpg://{server}/{name}"
    finally:
        if keep:
            print(f"  kept PostgreSQL database {name}")
        else:
            asyncio.run(_pg_admin(admin_dsn, drop))


# --- the server ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def http_get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


async def _pg_active_queries(admin_dsn: str, database: str) -> int:
    connection = await asyncpg.connect(admin_dsn, timeout=10)
    try:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle'"
        return int(await connection.fetchval(query, database))
    finally:
        await connection.close()


def wait_idle(pid: int, pg: tuple[str, str] | None, timeout: float = 120.0) -> float:
    """Wait until the server has finished what the last load run left in flight; returns the seconds waited.

    wrk stops at its deadline with requests still open; the server finishes them anyway (a query already running
    in the database is not cancelled), and they would otherwise eat into the next measurement.
    """
    started = time.monotonic()
    tick = os.sysconf("SC_CLK_TCK")
    while time.monotonic() - started < timeout:
        before = cpu_ticks(pid)
        time.sleep(0.5)
        after = cpu_ticks(pid)
        busy = before is not None and after is not None and (after - before) / tick > 0.5 * 0.15
        if not busy and pg is not None:
            busy = asyncio.run(_pg_active_queries(*pg)) > 0
        if not busy:
            return time.monotonic() - started
    print(f"  warning: the server was still busy after {timeout:.0f} s", flush=True)
    return time.monotonic() - started


class Server:
    """One uvicorn worker serving benchmarks.ceiling_app; a context manager that always stops it."""

    def __init__(self, database_url: str, ceiling_path: str, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.env = {**os.environ, "DATABASE_URL": database_url, "BENCH_CEILING_PATH": ceiling_path}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "benchmarks.ceiling_app:create_bench_app",
            "--factory",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            self._wait_ready(timeout=90.0)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _wait_ready(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkError(f"uvicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _ = http_get(self.port, "/readyz", timeout=2.0)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchmarkError(f"uvicorn was not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        # start_new_session made the server the leader of its own process group: stop that group only.
        for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


# --- the load generator ----------------------------------------------------------------------------------------


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        print(
            "wrk, the load generator, is not installed. Install it with:\n"
            f"    {WRK_INSTALL}\n"
            "(A Python client on this machine would compete with the server for the same CPU.)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return wrk


def run_wrk(wrk: str, port: int, scenario: Scenario, seconds: int, connections: int, threads: int) -> dict[str, Any]:
    command = [
        wrk,
        "--threads",
        str(threads),
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "--script",
        str(LUA_SCRIPTS[scenario.cache]),
        f"http://{HOST}:{port}{scenario.path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return dict(json.loads(line.removeprefix("WRK_JSON ")))
    raise BenchmarkError(f"wrk gave no report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")


# --- one database and size -------------------------------------------------------------------------------------


def scenarios(args: argparse.Namespace, record_id: str) -> list[Scenario]:
    listing = "/api/v1/institutions?" + urlencode(
        {"country": args.country, "service_type": args.service_type, "limit": 50}
    )
    routes = [
        ("listing", f"listing country={args.country} service_type={args.service_type} limit=50", listing),
        ("search", f"search q={args.q}", "/api/v1/institutions?" + urlencode({"q": args.q})),
        ("by_id", "one record by id", f"/api/v1/institutions/{quote(record_id)}"),
    ]
    plan = [Scenario(key, label, path, cache) for key, label, path in routes for cache in args.cache_modes]
    plan.append(Scenario("ceiling", "ceiling: listing bytes, precomputed", "/__ceiling", "-"))
    return plan


def listing_path(args: argparse.Namespace) -> str:
    return scenarios(args, "-")[0].path


def busted(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{CACHE_BUSTER}=probe"


def probe(server: Server, args: argparse.Namespace) -> tuple[list[Scenario], dict[str, int | None]]:
    """One request per route before any load: statuses, the ceiling's bytes, an id, and how many rows match.

    Also checks that the cache-busting query parameter changes nothing in the answer.
    """
    path = listing_path(args)
    status, listing = http_get(server.port, path)
    if status != 200:
        raise BenchmarkError(f"GET {path} answered {status}: {listing[:300]!r}")
    page = json.loads(listing)
    if not page["items"]:
        raise BenchmarkError(f"GET {path} found no institution: fill more rows or pick another filter")
    status, ceiling = http_get(server.port, "/__ceiling")
    if status != 200 or ceiling != listing:
        raise BenchmarkError("/__ceiling does not return the listing's bytes")
    record_id = page["items"][len(page["items"]) // 2]["id"]
    matched: dict[str, int | None] = {"listing": page["total"], "ceiling": page["total"], "by_id": 1}
    plan = scenarios(args, record_id)
    for scenario in plan:
        if scenario.key == "ceiling":
            continue
        status, body = http_get(server.port, scenario.path)
        if status != 200:
            raise BenchmarkError(f"GET {scenario.path} answered {status}: {body[:300]!r}")
        if scenario.cache == "miss":
            status, other = http_get(server.port, busted(scenario.path))
            if status != 200 or other != body:
                raise BenchmarkError(f"the app answers {busted(scenario.path)} differently: cannot bust its cache")
        if scenario.key == "search":
            matched["search"] = json.loads(body)["total"]
    return plan, matched


def bench_one(
    database: str,
    size: int,
    url: str,
    args: argparse.Namespace,
    wrk: str,
    info: RunInfo,
    workdir: Path,
    pg: tuple[str, str] | None,
) -> list[Result]:
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

    results: list[Result] = []
    with Server(url, listing_path(args), workdir / f"uvicorn_{database}_{size}.log") as server:
        plan, matched = probe(server, args)
        for connections in args.connection_list:
            batch: list[Result] = []
            for scenario in plan:
                if args.warmup > 0:
                    run_wrk(wrk, server.port, scenario, args.warmup, connections, args.threads)
                    wait_idle(server.pid, pg)
                ticks_before = cpu_ticks(server.pid)
                report = run_wrk(wrk, server.port, scenario, args.duration, connections, args.threads)
                ticks_after = cpu_ticks(server.pid)
                wait_idle(server.pid, pg)
                batch.append(make_result(database, size, connections, scenario, report, ticks_before, ticks_after))
                batch[-1].matched = matched.get(scenario.key)
                print_progress(batch[-1])
            ceiling = next(r for r in batch if r.scenario == "ceiling")
            for result in batch:
                if ceiling.requests_per_s:
                    result.ratio_to_ceiling = result.requests_per_s / ceiling.requests_per_s
            results.extend(batch)
    return results


def make_result(
    database: str,
    size: int,
    connections: int,
    scenario: Scenario,
    report: dict[str, Any],
    ticks_before: int | None,
    ticks_after: int | None,
) -> Result:
    seconds = report["duration_us"] / 1e6
    cpu = None
    if ticks_before is not None and ticks_after is not None and seconds > 0:
        cpu = 100.0 * (ticks_after - ticks_before) / os.sysconf("SC_CLK_TCK") / seconds
    requests = int(report["requests"])
    return Result(
        database=database,
        size=size,
        connections=connections,
        scenario=scenario.key,
        cache=scenario.cache,
        label=scenario.label,
        path=scenario.path,
        requests=requests,
        seconds=round(seconds, 3),
        requests_per_s=requests / seconds if seconds else 0.0,
        p50_ms=report["p50_us"] / 1000,
        p90_ms=report["p90_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        non_200=int(report["non_200"]),
        non_200_statuses=dict(report["non_200_statuses"]),
        socket_errors=sum(int(report[key]) for key in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        server_cpu_percent=cpu,
        response_bytes=int(report["bytes"] / requests) if requests else 0,
        matched=None,
    )


def print_progress(r: Result) -> None:
    print(
        f"  c={r.connections:<3} {r.label:<55} {r.cache:<4} {r.requests_per_s:8.1f} req/s  p50 {r.p50_ms:8.2f} ms  "
        f"p99 {r.p99_ms:8.2f} ms  ({r.requests} requests, {r.non_200 + r.socket_errors} errors)",
        flush=True,
    )


# --- reporting -------------------------------------------------------------------------------------------------


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| database | N | conns | scenario | cache | requests/s | p50 ms | p99 ms | vs ceiling | server CPU "
        "| requests | errors | rows matched |",
        "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        ratio = f"{r.ratio_to_ceiling:.3f}" if r.ratio_to_ceiling is not None else "-"
        cpu = f"{r.server_cpu_percent:.0f}%" if r.server_cpu_percent is not None else "-"
        matched = f"{r.matched:,}" if r.matched is not None else "-"
        lines.append(
            f"| {r.database} | {r.size:,} | {r.connections} | {r.label} | {r.cache} | {r.requests_per_s:,.1f} "
            f"| {r.p50_ms:.2f} "
            f"| {r.p99_ms:.2f} | {ratio} | {cpu} | {r.requests:,} | {r.non_200 + r.socket_errors} | {matched} |"
        )
    return "\n".join(lines)


def target_lines(results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        if r.scenario == "listing" and r.size == TARGET_SIZE:
            verdict = "met" if r.p99_ms < TARGET_P99_MS else "NOT met"
            lines.append(
                f"Target (filtered listing p99 < {TARGET_P99_MS:.0f} ms at N={TARGET_SIZE:,}, one worker) on "
                f"{r.database}, {r.connections} connections, cache {r.cache}: p99 {r.p99_ms:.1f} ms -> {verdict}"
            )
    return lines


def code_version() -> str:
    """The commit measured, and whether the work tree had changes on top of it."""
    git = shutil.which("git")
    if git is None:
        return "unknown"
    head = subprocess.run([git, "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        [git, "status", "--porcelain", "--", "app", "migrations"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + (" + uncommitted changes in app/ or migrations/" if dirty.stdout.strip() else "")


def machine_info(wrk: str) -> dict[str, Any]:
    version = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    return {
        "code": code_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": (version.stdout or version.stderr).splitlines()[0] if (version.stdout or version.stderr) else "?",
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgres", help="Comma-separated: sqlite, postgres.")
    parser.add_argument("--sizes", default="1000,100000", help="Comma-separated institution counts.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of measured load per scenario.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of unmeasured load before each scenario.")
    parser.add_argument(
        "--connections", default="16", help="Concurrent keep-alive connections; a comma-separated list runs each."
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
    parser.add_argument("--q", default="psicosocial", help="The word the search scenario looks for.")
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
    if args.duration < 1 or args.duration > 600 or args.warmup < 0 or args.warmup > 60:
        parser.error("--duration must be 1-600 s and --warmup 0-60 s")
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
                    info.results.extend(bench_one(database, size, url, args, wrk, info, workdir, pg))
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

    table = markdown_table(info.results)
    targets = target_lines(info.results)
    settings = (
        f"wrk {args.threads} thread(s), {args.connections} connections, {args.warmup} s warm-up + "
        f"{args.duration} s per scenario; one uvicorn worker; {info.machine['cpus']} CPUs; "
        f"load average {info.machine['load_average_at_start'][0]} at start, "
        f"{info.machine['load_average_at_end'][0]} at end; code {info.machine['code']}"
    )
    print(f"\n{settings}\n\n{table}\n")
    for line in targets:
        print(line)
    fills = ", ".join(f"{f['database']} N={f['size']:,}: {f['fill_s']} s" for f in info.fills)
    print(f"fill times: {fills}")
    print(f"whole run: {info.wall_seconds:.0f} s; server logs in {workdir}")

    errors = sum(r.non_200 + r.socket_errors for r in info.results)
    if errors:
        print(f"ERRORS: {errors} responses were not a 200 or failed at the socket", file=sys.stderr)
        for r in info.results:
            if r.non_200 or r.socket_errors:
                print(f"  {r.database} N={r.size} {r.scenario}: {r.non_200_statuses} socket {r.socket_errors}")

    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.md").write_text(
        f"{settings}\n\n{table}\n\n" + "\n".join([*targets, f"fill times: {fills}"]) + "\n"
    )
    (args.output / "results.json").write_text(
        json.dumps({**asdict(info), "results": [asdict(r) for r in info.results]}, indent=2) + "\n"
    )
    print(f"written: {args.output / 'results.md'}, {args.output / 'results.json'}")
    return 1 if failed is not None or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
