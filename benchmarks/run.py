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
import gzip
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
import brotli
from sqlalchemy import select

from app.core.config import Settings
from app.core.db import create_engine, create_sessionmaker
from app.core.migrations import upgrade
from app.core.types import utcnow
from app.institutions.models import Institution, InstitutionServiceType
from benchmarks.fill import SOURCE, fill

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
LUA_SCRIPTS = {"hit": BENCH_DIR / "report.lua", "-": BENCH_DIR / "report.lua", "miss": BENCH_DIR / "cache_miss.lua"}
MIXED_SCRIPT = BENCH_DIR / "mixed.lua"
CACHE_BUSTER = "_bench"
RESULTS_DIR = BENCH_DIR / "results"
HOST = "127.0.0.1"
WRK_INSTALL = "apt-get update && apt-get install -y wrk   (or: bash benchmarks/setup.sh)"

# The targets of issue #4 ("Speed"); ratios are against the framework ceiling.
TARGET_SIZE = 100_000
TARGET_HOT_RATIO = 0.6
TARGET_304_RATIO = 0.8
TARGET_COLD_P99_MS = 20.0
TARGET_NEAR_P99_MS = 30.0
TARGET_DELTA_BYTES = 5_000
TARGET_MIXED_SECONDS = 60
TARGET_MIXED_CONNECTIONS = 64
RSS_FLAT_FACTOR = 1.10
RSS_SAMPLE_SECONDS = 5.0

# Scenario keys, for --scenarios. The two ceilings run whenever a load scenario does (the ratios need them);
# `mixed` includes the delta sync (its cursor is one of the mixed routes).
LOAD_KEYS = ("listing", "search", "by_id", "not_modified", "near", "near_100")
CEILING_KEYS = ("ceiling", "raw_ceiling")
SCENARIO_KEYS = (*LOAD_KEYS, *CEILING_KEYS, "delta_sync", "mixed")
NEAR_RADII_KM = {"near": 25, "near_100": 100}
SYNC_PATH = "/api/v1/sync"


@dataclass
class Scenario:
    key: str
    label: str
    path: str
    cache: str  # "hit": the same URL every time, so the app's response cache answers; "miss": a new URL each time
    expect: int = 200
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Result:
    database: str
    size: int
    connections: int
    scenario: str
    cache: str
    label: str
    path: str
    expected_status: int
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    unexpected: int
    unexpected_statuses: dict[str, int]
    socket_errors: int
    server_cpu_percent: float | None
    response_bytes: int
    matched: int | None
    ratio_to_ceiling: float | None = None
    ratio_to_raw: float | None = None


@dataclass
class SyncResult:
    """The full sync that gives a cursor, the changes made, and the delta sync's answer in each encoding."""

    database: str
    size: int
    full_sync_pages: int
    full_sync_records: int
    full_sync_seconds: float
    full_sync_wire_bytes: int
    changes_made: dict[str, list[str]]
    delta: dict[str, dict[str, Any]]


@dataclass
class MixedResult:
    database: str
    size: int
    connections: int
    routes: list[str]
    seconds: float
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    unexpected: int
    unexpected_statuses: dict[str, int]
    socket_errors: int
    server_cpu_percent: float | None
    rss_start_kb: int
    rss_end_kb: int
    rss_max_kb: int
    rss_samples_kb: list[int]
    memory_flat: bool
    cache_start: dict[str, Any]
    cache_end: dict[str, Any]

    @property
    def cache_growth_bytes(self) -> int:
        """How much the response cache's bodies and compressed copies grew during the run."""
        return cache_bytes(self.cache_end) - cache_bytes(self.cache_start)


@dataclass
class RunInfo:
    started_at: str
    args: dict[str, Any]
    machine: dict[str, Any]
    fills: list[dict[str, Any]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    syncs: list[SyncResult] = field(default_factory=list)
    mixed: list[MixedResult] = field(default_factory=list)
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


@dataclass
class Reply:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes  # as sent: still compressed when Content-Encoding says so

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    @property
    def header_bytes(self) -> int:
        """The status line and the headers as they were on the wire (HTTP/1.1 framing)."""
        status_line = len(f"HTTP/1.1 {self.status} {self.reason}\r\n".encode("latin-1"))
        fields = sum(len(f"{key}: {value}\r\n".encode("latin-1")) for key, value in self.headers)
        return status_line + fields + 2

    @property
    def wire_bytes(self) -> int:
        return self.header_bytes + len(self.body)

    def decoded(self) -> bytes:
        encoding = (self.header("content-encoding") or "identity").lower()
        if encoding == "br":
            return bytes(brotli.decompress(self.body))
        if encoding == "gzip":
            return gzip.decompress(self.body)
        return self.body


def http_request(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 60.0) -> Reply:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, response.reason, response.getheaders(), response.read())
    finally:
        connection.close()


def http_get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    reply = http_request(port, path, timeout=timeout)
    return reply.status, reply.body


def rss_kb(pid: int) -> int | None:
    """The process's resident set size (VmRSS), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


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


def wrk_report(stdout: str, stderr: str, returncode: int | None) -> dict[str, Any]:
    for line in stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return dict(json.loads(line.removeprefix("WRK_JSON ")))
    raise BenchmarkError(f"wrk gave no report (exit {returncode}):\n{stdout}\n{stderr}")


def wrk_command(wrk: str, threads: int, connections: int, seconds: int, script: Path) -> list[str]:
    """wrk's options for a bounded run with latency percentiles; the URL and the script's arguments follow."""
    return [
        wrk,
        *("--threads", str(threads), "--connections", str(connections), "--duration", f"{seconds}s"),
        *("--timeout", "10s", "--latency", "--script", str(script)),
    ]


def run_wrk(
    wrk: str, port: int, scenario: Scenario, seconds: int, connections: int, threads: int, run_label: str
) -> dict[str, Any]:
    command = wrk_command(wrk, threads, connections, seconds, LUA_SCRIPTS[scenario.cache])
    for name, value in scenario.headers:
        command += ["--header", f"{name}: {value}"]
    # After `--`: the Lua scripts' arguments, the expected status and a label that differs between runs.
    command += [f"http://{HOST}:{port}{scenario.path}", "--", str(scenario.expect), run_label]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    return wrk_report(done.stdout, done.stderr, done.returncode)


# --- one database and size -------------------------------------------------------------------------------------


def listing_path(args: argparse.Namespace) -> str:
    return "/api/v1/institutions?" + urlencode(
        {"country": args.country, "service_type": args.service_type, "limit": 50}
    )


def near_path(args: argparse.Namespace, radius_km: int) -> str:
    return f"/api/v1/institutions?near={args.near_lat},{args.near_lon}&radius_km={radius_km}"


def scenarios(args: argparse.Namespace, record_id: str, etag: str) -> list[Scenario]:
    listing = listing_path(args)
    routes = [
        ("listing", f"listing country={args.country} service_type={args.service_type} limit=50", listing),
        ("search", f"search q={args.q}", "/api/v1/institutions?" + urlencode({"q": args.q})),
        ("by_id", "one record by id", f"/api/v1/institutions/{quote(record_id)}"),
        *(
            (key, f"near {args.near_name} radius_km={radius}", near_path(args, radius))
            for key, radius in NEAR_RADII_KM.items()
        ),
    ]
    plan: list[Scenario] = []
    for key, label, path in routes:
        if key in args.scenario_keys:
            plan += [Scenario(key, label, path, cache) for cache in args.cache_modes]
        if key == "listing" and "not_modified" in args.scenario_keys:
            conditional = (("If-None-Match", etag),)
            title = "304: listing, If-None-Match current ETag"
            plan.append(Scenario("not_modified", title, listing, "hit", 304, conditional))
    if any(key in args.scenario_keys for key in LOAD_KEYS):
        plan.append(Scenario("ceiling", "framework ceiling: listing bytes, precomputed", "/__ceiling", "-"))
        plan.append(Scenario("raw_ceiling", "raw ASGI ceiling: listing bytes, precomputed", "/__raw_ceiling", "-"))
    return plan


def busted(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{CACHE_BUSTER}=probe"


def probe_listing(server: "Server", args: argparse.Namespace) -> tuple[Reply, dict[str, Any]]:
    path = listing_path(args)
    reply = http_request(server.port, path)
    if reply.status != 200:
        raise BenchmarkError(f"GET {path} answered {reply.status}: {reply.body[:300]!r}")
    page = json.loads(reply.body)
    if not page["items"]:
        raise BenchmarkError(f"GET {path} found no institution: fill more rows or pick another filter")
    if not reply.header("etag"):
        raise BenchmarkError(f"GET {path} answered without an ETag: nothing to revalidate")
    return reply, page


def probe(server: "Server", args: argparse.Namespace) -> tuple[list[Scenario], dict[str, int | None]]:
    """One request per route before any load: statuses, the ceilings' bytes, an id, and how many rows match.

    Also checks that the cache-busting query parameter changes nothing in the answer, and that the conditional
    request gets a 304 without a body.
    """
    listing, page = probe_listing(server, args)
    for route in ("/__ceiling", "/__raw_ceiling"):
        reply = http_request(server.port, route)
        same_type = reply.header("content-type") == listing.header("content-type")
        if reply.status != 200 or reply.body != listing.body or not same_type:
            raise BenchmarkError(f"{route} does not return the listing's bytes and Content-Type")
    record_id = page["items"][len(page["items"]) // 2]["id"]
    total = page["total"]
    matched: dict[str, int | None] = {
        "listing": total,
        "not_modified": total,
        "ceiling": total,
        "raw_ceiling": total,
        "by_id": 1,
    }
    plan = scenarios(args, record_id, str(listing.header("etag")))
    for scenario in plan:
        if scenario.key in CEILING_KEYS:
            continue
        reply = http_request(server.port, scenario.path, dict(scenario.headers))
        if reply.status != scenario.expect:
            raise BenchmarkError(
                f"GET {scenario.path} {dict(scenario.headers)} answered {reply.status}, not {scenario.expect}: "
                f"{reply.body[:300]!r}"
            )
        if scenario.expect == 304 and reply.body:
            raise BenchmarkError(f"GET {scenario.path} answered 304 with a body of {len(reply.body)} bytes")
        if scenario.cache == "miss":
            other = http_request(server.port, busted(scenario.path), dict(scenario.headers))
            if other.status != reply.status or other.body != reply.body:
                raise BenchmarkError(f"the app answers {busted(scenario.path)} differently: cannot bust its cache")
        if scenario.key in ("search", *NEAR_RADII_KM):
            matched[scenario.key] = json.loads(reply.body)["total"]
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

    with Server(url, listing_path(args), workdir / f"uvicorn_{database}_{size}.log") as server:
        if any(key in args.scenario_keys for key in LOAD_KEYS):
            load_scenarios(server, database, size, args, wrk, info, pg)
        if "delta_sync" in args.scenario_keys or "mixed" in args.scenario_keys:
            sync = delta_sync(server, database, size, url, args)
            info.syncs.append(sync)
            wait_idle(server.pid, pg)
            if "mixed" in args.scenario_keys:
                cursor = str(sync.delta["cursor"]["since"])
                info.mixed.append(mixed_run(server, database, size, cursor, args, wrk, workdir, pg))


def load_scenarios(
    server: "Server",
    database: str,
    size: int,
    args: argparse.Namespace,
    wrk: str,
    info: RunInfo,
    pg: tuple[str, str] | None,
) -> None:
    plan, matched = probe(server, args)
    for connections in args.connection_list:
        batch: list[Result] = []
        for scenario in plan:
            if args.warmup > 0:
                run_wrk(wrk, server.port, scenario, args.warmup, connections, args.threads, "w")
                wait_idle(server.pid, pg)
            ticks_before = cpu_ticks(server.pid)
            report = run_wrk(wrk, server.port, scenario, args.duration, connections, args.threads, "m")
            ticks_after = cpu_ticks(server.pid)
            wait_idle(server.pid, pg)
            batch.append(make_result(database, size, connections, scenario, report, ticks_before, ticks_after))
            batch[-1].matched = matched.get(scenario.key)
            print_progress(batch[-1])
        ceiling = next(r for r in batch if r.scenario == "ceiling")
        raw = next(r for r in batch if r.scenario == "raw_ceiling")
        for result in batch:
            if ceiling.requests_per_s:
                result.ratio_to_ceiling = result.requests_per_s / ceiling.requests_per_s
            if raw.requests_per_s:
                result.ratio_to_raw = result.requests_per_s / raw.requests_per_s
        info.results.extend(batch)


# --- delta sync ------------------------------------------------------------------------------------------------


async def apply_changes(url: str) -> dict[str, list[str]]:
    """Ten changes as curators make them: each its own transaction through the app's ORM session, so that each
    takes the next change sequence value (and, on PostgreSQL, sends the NOTIFY) exactly as the app's writes do:
    7 updates (4 names, 3 phone lists), 2 new institutions, 1 soft deletion."""
    engine = create_engine(Settings(database_url=url))
    sessionmaker = create_sessionmaker(engine)
    changed: dict[str, list[str]] = {"updated": [], "created": [], "deleted": []}
    try:
        async with sessionmaker() as session:
            query = select(Institution.id).where(Institution.deleted_at.is_(None))  # type: ignore[union-attr]
            ids = list((await session.scalars(query.order_by(Institution.id).limit(8))).all())
        if len(ids) < 8:
            raise BenchmarkError("fewer than 8 institutions: nothing to change for the delta sync")
        for number, identifier in enumerate(ids[:7]):
            async with sessionmaker() as session:
                record = await session.get(Institution, identifier)
                assert record is not None
                if number < 4:
                    record.name = f"{record.name} (sede {number + 2})"
                else:
                    new_phone = {"number": f"+50222{number:06d}", "kind": "voice", "label": "Nueva línea"}
                    record.phones = [*record.phones, new_phone]
                await session.commit()
                changed["updated"].append(identifier)
        for number in range(2):
            async with sessionmaker() as session:
                record = Institution(
                    name=f"Casa del Migrante Nueva Sede {number + 1}, Ciudad de Guatemala",
                    kind="ngo",
                    country_code="GT",
                    description={
                        "es": "Brinda orientación jurídica gratuita para niñas, niños y adolescentes no acompañados.",
                        "en": "Provides free legal advice for unaccompanied children.",
                    },
                    populations=["unaccompanied_children"],
                    city="Ciudad de Guatemala",
                    admin_area="Guatemala",
                    latitude=14.634 + number / 100,
                    longitude=-90.507,
                    phones=[{"number": f"+50223{number:06d}", "kind": "voice", "label": None}],
                    time_zone="America/Guatemala",
                    languages=["es"],
                    source=SOURCE,
                    is_demo=True,
                    service_type_links=[InstitutionServiceType(service_type_code="legal_assistance")],
                )
                session.add(record)
                await session.commit()
                changed["created"].append(record.id)
        async with sessionmaker() as session:
            record = await session.get(Institution, ids[7])
            assert record is not None
            record.deleted_at = utcnow()
            await session.commit()
            changed["deleted"].append(ids[7])
    finally:
        await engine.dispose()
    return changed


def sync_url(since: str | None, limit: int | None = None) -> str:
    query: dict[str, str | int] = {}
    if since is not None:
        query["since"] = since
    if limit is not None:
        query["limit"] = limit
    return f"{SYNC_PATH}?{urlencode(query)}" if query else SYNC_PATH


def delta_sync(server: "Server", database: str, size: int, url: str, args: argparse.Namespace) -> SyncResult:
    """Sync the whole directory as the mobile app does (pages until has_more is false; keep `next`), make ten
    changes, then ask for `since=<that cursor>` with each Accept-Encoding and measure the answer."""
    print(f"  full sync, pages of {args.sync_limit} ...", flush=True)
    started = time.perf_counter()
    pages = records = wire = 0
    since: str | None = None
    while True:
        reply = http_request(server.port, sync_url(since, args.sync_limit), {"Accept-Encoding": "gzip"}, timeout=120)
        if reply.status != 200:
            raise BenchmarkError(f"GET {SYNC_PATH} (page {pages + 1}) answered {reply.status}: {reply.body[:300]!r}")
        page = json.loads(reply.decoded())
        pages += 1
        records += len(page["changes"])
        wire += reply.wire_bytes
        since = str(page["next"])
        if not page["has_more"]:
            break
        if pages > size // args.sync_limit + 100:  # bounded: the directory holds about `size` records
            raise BenchmarkError(f"the full sync still has more after {pages} pages of {args.sync_limit}")
    full_seconds = time.perf_counter() - started
    print(
        f"  full sync: {pages} pages, {records:,} records, {wire / 1e6:.1f} MB gzip, {full_seconds:.1f} s", flush=True
    )

    changed = asyncio.run(apply_changes(url))
    wanted_upserts = set(changed["updated"]) | set(changed["created"])
    wanted_deletes = set(changed["deleted"])
    delta: dict[str, dict[str, Any]] = {"cursor": {"since": since, "length": len(since)}}
    for encoding in ("br", "gzip", "identity"):
        path = sync_url(since)
        reply = http_request(server.port, path, {"Accept-Encoding": encoding})
        if reply.status != 200:
            raise BenchmarkError(f"GET {SYNC_PATH}?since=... answered {reply.status}: {reply.body[:300]!r}")
        sent_encoding = reply.header("content-encoding") or "identity"
        if sent_encoding != encoding:
            raise BenchmarkError(f"asked for {encoding}, the delta sync came as {sent_encoding}")
        page = json.loads(reply.decoded())
        upserts = {c["id"] for c in page["changes"] if c["op"] == "upsert"}
        deletes = {c["id"] for c in page["changes"] if c["op"] == "delete"}
        if not wanted_upserts <= upserts or not wanted_deletes <= deletes:
            raise BenchmarkError(
                f"the delta sync misses changes: upserts {sorted(wanted_upserts - upserts)}, "
                f"deletions {sorted(wanted_deletes - deletes)}"
            )
        delta[encoding] = {
            "status": reply.status,
            "upserts": len(upserts),
            "deletes": len(deletes),
            "has_more": page["has_more"],
            "body_bytes": len(reply.body),
            "header_bytes": reply.header_bytes,
            "wire_bytes": reply.wire_bytes,
        }
        print(
            f"  delta sync {encoding:<8} {len(upserts)} upserts, {len(deletes)} deletes: body {len(reply.body):,} B"
            f" + headers {reply.header_bytes:,} B = {reply.wire_bytes:,} B",
            flush=True,
        )
    return SyncResult(
        database=database,
        size=size,
        full_sync_pages=pages,
        full_sync_records=records,
        full_sync_seconds=round(full_seconds, 2),
        full_sync_wire_bytes=wire,
        changes_made=changed,
        delta=delta,
    )


# --- the mixed load run ----------------------------------------------------------------------------------------


def mixed_routes(server: "Server", args: argparse.Namespace, cursor: str) -> list[tuple[str, int, bool, str, str, str]]:
    """(key, expected status, cold, path, header name, header value) of each route, each checked once."""
    listing, page = probe_listing(server, args)  # the ETag of now: the changes made the probe's one stale
    etag = str(listing.header("etag"))
    record_id = page["items"][0]["id"]
    routes = [
        ("listing_hit", 200, False, listing_path(args), "", ""),
        ("listing_cold", 200, True, listing_path(args), "", ""),
        ("not_modified", 304, False, listing_path(args), "If-None-Match", etag),
        ("near_hit", 200, False, near_path(args, NEAR_RADII_KM["near"]), "", ""),
        ("near_cold", 200, True, near_path(args, NEAR_RADII_KM["near"]), "", ""),
        ("by_id", 200, False, f"/api/v1/institutions/{quote(record_id)}", "", ""),
        ("sync_delta", 200, False, sync_url(cursor), "", ""),
        ("countries", 200, False, "/api/v1/countries", "", ""),
        ("emergency_services", 200, False, "/api/v1/emergency-services", "", ""),
    ]
    for key, expect, cold, path, name, value in routes:
        target = busted(path) if cold else path
        headers = {"Accept-Encoding": "gzip, br", **({name: value} if name else {})}
        reply = http_request(server.port, target, headers)
        if reply.status != expect:
            raise BenchmarkError(f"mixed route {key}: GET {target} answered {reply.status}, not {expect}")
    return routes


def cache_bytes(stats: dict[str, Any]) -> int:
    return int(stats.get("cache_body_bytes") or 0) + int(stats.get("cache_encoded_bytes") or 0)


def bench_stats(server: "Server") -> dict[str, Any]:
    reply = http_request(server.port, "/__bench_stats")
    return dict(json.loads(reply.body)) if reply.status == 200 else {}


def run_mixed_wrk(
    wrk: str, server: "Server", plan_file: Path, seconds: int, connections: int, run_label: str, samples: list[int]
) -> dict[str, Any]:
    """The mixed wrk run, one thread per connection (see mixed.lua); samples the server's RSS every few seconds."""
    command = [
        *wrk_command(wrk, connections, connections, seconds, MIXED_SCRIPT),
        f"http://{HOST}:{server.port}/",
        "--",
        str(plan_file),
        run_label,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + seconds + 60
    try:
        while True:
            try:
                stdout, stderr = process.communicate(timeout=RSS_SAMPLE_SECONDS)
                break
            except subprocess.TimeoutExpired:
                rss = rss_kb(server.pid)
                if rss is not None:
                    samples.append(rss)
                if time.monotonic() > deadline:
                    raise BenchmarkError(
                        f"wrk still running {seconds + 60} s after a {seconds} s run started"
                    ) from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return wrk_report(stdout, stderr, process.returncode)


def mixed_run(
    server: "Server",
    database: str,
    size: int,
    cursor: str,
    args: argparse.Namespace,
    wrk: str,
    workdir: Path,
    pg: tuple[str, str] | None,
) -> MixedResult:
    routes = mixed_routes(server, args, cursor)
    plan_file = workdir / f"mixed_{database}_{size}.tsv"
    plan_file.write_text(
        "".join("\t".join(str(int(v) if isinstance(v, bool) else v) for v in r) + "\n" for r in routes)
    )
    connections = args.mixed_connections
    print(f"  mixed run: {args.mixed_seconds} s at {connections} connections over {len(routes)} routes", flush=True)
    if args.mixed_warmup > 0:
        run_mixed_wrk(wrk, server, plan_file, args.mixed_warmup, connections, "w", [])
        wait_idle(server.pid, pg)
    cache_start = bench_stats(server)
    rss_start = rss_kb(server.pid) or 0
    samples = [rss_start]
    ticks_before = cpu_ticks(server.pid)
    report = run_mixed_wrk(wrk, server, plan_file, args.mixed_seconds, connections, "m", samples)
    ticks_after = cpu_ticks(server.pid)
    rss_end = rss_kb(server.pid) or 0
    samples.append(rss_end)
    wait_idle(server.pid, pg)
    cache_end = bench_stats(server)
    seconds = report["duration_us"] / 1e6
    cpu = None
    if ticks_before is not None and ticks_after is not None and seconds > 0:
        cpu = 100.0 * (ticks_after - ticks_before) / os.sysconf("SC_CLK_TCK") / seconds
    requests = int(report["requests"])
    result = MixedResult(
        database=database,
        size=size,
        connections=connections,
        routes=[r[0] for r in routes],
        seconds=round(seconds, 3),
        requests=requests,
        requests_per_s=requests / seconds if seconds else 0.0,
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        unexpected=int(report["unexpected"]),
        unexpected_statuses=dict(report["unexpected_statuses"]),
        socket_errors=sum(int(report[key]) for key in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        server_cpu_percent=cpu,
        rss_start_kb=rss_start,
        rss_end_kb=rss_end,
        rss_max_kb=max(samples),
        rss_samples_kb=samples,
        memory_flat=rss_end <= rss_start * RSS_FLAT_FACTOR,
        cache_start=cache_start,
        cache_end=cache_end,
    )
    print(
        f"  mixed: {result.requests_per_s:.1f} req/s, p99 {result.p99_ms:.1f} ms, "
        f"{result.unexpected + result.socket_errors} errors; RSS {rss_start / 1024:.1f} -> {rss_end / 1024:.1f} MiB "
        f"(max {result.rss_max_kb / 1024:.1f}): {'flat' if result.memory_flat else 'NOT flat'}",
        flush=True,
    )
    return result


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
        expected_status=scenario.expect,
        requests=requests,
        seconds=round(seconds, 3),
        requests_per_s=requests / seconds if seconds else 0.0,
        p50_ms=report["p50_us"] / 1000,
        p90_ms=report["p90_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        unexpected=int(report["unexpected"]),
        unexpected_statuses=dict(report["unexpected_statuses"]),
        socket_errors=sum(int(report[key]) for key in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        server_cpu_percent=cpu,
        response_bytes=int(report["bytes"] / requests) if requests else 0,
        matched=None,
    )


def print_progress(r: Result) -> None:
    print(
        f"  c={r.connections:<3} {r.label:<55} {r.cache:<4} {r.requests_per_s:8.1f} req/s  p50 {r.p50_ms:8.2f} ms  "
        f"p99 {r.p99_ms:8.2f} ms  ({r.requests} requests, {r.unexpected + r.socket_errors} errors)",
        flush=True,
    )


# --- reporting -------------------------------------------------------------------------------------------------


def _ratio(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "-"


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| database | N | conns | scenario | cache | status | requests/s | p50 ms | p99 ms | vs framework | vs raw "
        "| server CPU | requests | errors | rows matched |",
        "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cpu = f"{r.server_cpu_percent:.0f}%" if r.server_cpu_percent is not None else "-"
        matched = f"{r.matched:,}" if r.matched is not None else "-"
        lines.append(
            f"| {r.database} | {r.size:,} | {r.connections} | {r.label} | {r.cache} | {r.expected_status} "
            f"| {r.requests_per_s:,.1f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | {_ratio(r.ratio_to_ceiling)} "
            f"| {_ratio(r.ratio_to_raw)} | {cpu} | {r.requests:,} | {r.unexpected + r.socket_errors} | {matched} |"
        )
    return "\n".join(lines)


def sync_table(syncs: list[SyncResult]) -> str:
    if not syncs:
        return ""
    lines = [
        "Delta sync: a full sync (pages until `has_more` is false) gives the cursor; then 10 changes (7 updates, "
        "2 new institutions, 1 soft deletion), each its own transaction through the app's ORM; then "
        f"`GET {SYNC_PATH}?since=<cursor>`. Wire bytes = status line + headers + body as sent.",
        "",
        "| database | N | full sync | encoding | upserts | deletes | body bytes | header bytes | wire bytes |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in syncs:
        full = (
            f"{s.full_sync_pages} pages, {s.full_sync_records:,} records, "
            f"{s.full_sync_wire_bytes / 1e6:,.1f} MB gzip, {s.full_sync_seconds:.1f} s"
        )
        for encoding in ("br", "gzip", "identity"):
            d = s.delta[encoding]
            lines.append(
                f"| {s.database} | {s.size:,} | {full} | {encoding} | {d['upserts']} | {d['deletes']} "
                f"| {d['body_bytes']:,} | {d['header_bytes']:,} | {d['wire_bytes']:,} |"
            )
    return "\n".join(lines)


def mixed_table(mixed: list[MixedResult]) -> str:
    if not mixed:
        return ""
    lines = [
        "Mixed run: each request drawn at random from "
        + ", ".join(mixed[0].routes)
        + " (`Accept-Encoding: gzip, br`); RSS is the server's VmRSS, sampled every "
        f"{RSS_SAMPLE_SECONDS:.0f} s; flat = end <= start x {RSS_FLAT_FACTOR:.2f}. Cached answers: the response "
        "cache's entries and their bytes (bodies and compressed copies) at the start and the end.",
        "",
        "| database | N | conns | seconds | requests/s | p50 ms | p99 ms | server CPU | requests | errors "
        "| RSS start MiB | RSS max MiB | RSS end MiB | memory | cached answers start -> end |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for m in mixed:
        cpu = f"{m.server_cpu_percent:.0f}%" if m.server_cpu_percent is not None else "-"
        cache = (
            f"{m.cache_start.get('cache_entries')} ({cache_bytes(m.cache_start) / 2**20:.1f} MiB) -> "
            f"{m.cache_end.get('cache_entries')} ({cache_bytes(m.cache_end) / 2**20:.1f} MiB)"
        )
        lines.append(
            f"| {m.database} | {m.size:,} | {m.connections} | {m.seconds:.0f} | {m.requests_per_s:,.1f} "
            f"| {m.p50_ms:.2f} | {m.p99_ms:.2f} | {cpu} | {m.requests:,} | {m.unexpected + m.socket_errors} "
            f"| {m.rss_start_kb / 1024:.1f} | {m.rss_max_kb / 1024:.1f} | {m.rss_end_kb / 1024:.1f} "
            f"| {'flat' if m.memory_flat else 'NOT flat'} | {cache} |"
        )
    return "\n".join(lines)


def _at(size: int) -> str:
    return "" if size == TARGET_SIZE else f" [N={size:,}, not {TARGET_SIZE:,}: indicative only]"


def target_lines(results: list[Result], syncs: list[SyncResult], mixed: list[MixedResult]) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = []
    for r in results:
        where = f"{r.database} N={r.size:,}, {r.connections} connections"
        if r.scenario == "listing" and r.cache == "hit" and r.ratio_to_ceiling is not None:
            lines.append(
                f"Target hot listing >= {TARGET_HOT_RATIO} of the framework ceiling, {where}: "
                f"{r.ratio_to_ceiling:.3f} -> {verdict(r.ratio_to_ceiling >= TARGET_HOT_RATIO)}"
            )
        elif r.scenario == "not_modified" and r.ratio_to_ceiling is not None:
            lines.append(
                f"Target 304 revalidation >= {TARGET_304_RATIO} of the framework ceiling, {where}: "
                f"{r.ratio_to_ceiling:.3f} -> {verdict(r.ratio_to_ceiling >= TARGET_304_RATIO)}"
            )
        elif r.scenario == "listing" and r.cache == "miss":
            lines.append(
                f"Target cold listing p99 < {TARGET_COLD_P99_MS:.0f} ms at N={TARGET_SIZE:,}, {where}: "
                f"p99 {r.p99_ms:.1f} ms -> {verdict(r.p99_ms < TARGET_COLD_P99_MS)}{_at(r.size)}"
            )
        elif r.scenario in NEAR_RADII_KM:
            lines.append(
                f"Target near= p99 < {TARGET_NEAR_P99_MS:.0f} ms at N={TARGET_SIZE:,} ({r.label}, cache {r.cache}), "
                f"{where}: p99 {r.p99_ms:.1f} ms -> {verdict(r.p99_ms < TARGET_NEAR_P99_MS)}{_at(r.size)}"
            )
    for s in syncs:
        best = min(s.delta["br"]["wire_bytes"], s.delta["gzip"]["wire_bytes"])
        lines.append(
            f"Target delta sync of 10 changes < {TARGET_DELTA_BYTES:,} bytes on the wire compressed, {s.database} "
            f"N={s.size:,}: br {s.delta['br']['wire_bytes']:,} B, gzip {s.delta['gzip']['wire_bytes']:,} B "
            f"(headers included) -> {verdict(best < TARGET_DELTA_BYTES)}{_at(s.size)}"
        )
    for m in mixed:
        errors = m.unexpected + m.socket_errors
        short = m.seconds < TARGET_MIXED_SECONDS - 1 or m.connections < TARGET_MIXED_CONNECTIONS
        note = f" [{m.seconds:.0f} s at {m.connections} connections: shorter or lighter than the target's]" * short
        lines.append(
            f"Target mixed run >= {TARGET_MIXED_SECONDS} s at {TARGET_MIXED_CONNECTIONS} connections, zero errors and "
            f"flat RSS, {m.database} N={m.size:,}: {errors} errors, RSS {m.rss_start_kb / 1024:.1f} -> "
            f"{m.rss_end_kb / 1024:.1f} MiB (max {m.rss_max_kb / 1024:.1f}; "
            f"{'flat' if m.memory_flat else 'NOT flat'}; of the {(m.rss_end_kb - m.rss_start_kb) / 1024:+.1f} MiB, the "
            f"response cache's own growth {m.cache_growth_bytes / 2**20:+.1f} MiB) -> "
            f"{verdict(errors == 0 and m.memory_flat and not short)}{note}"
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

    sections = [
        section
        for section in (
            markdown_table(info.results) if info.results else "",
            sync_table(info.syncs),
            mixed_table(info.mixed),
        )
        if section
    ]
    report = "\n\n".join(sections)
    targets = target_lines(info.results, info.syncs, info.mixed)
    settings = (
        f"wrk {args.threads} thread(s), {args.connections} connections, {args.warmup} s warm-up + "
        f"{args.duration} s per scenario; mixed run {args.mixed_warmup} s warm-up + {args.mixed_seconds} s at "
        f"{args.mixed_connections} connections; one uvicorn worker; {info.machine['cpus']} CPUs; "
        f"load average {info.machine['load_average_at_start'][0]} at start, "
        f"{info.machine['load_average_at_end'][0]} at end; code {info.machine['code']}"
    )
    print(f"\n{settings}\n\n{report}\n")
    for line in targets:
        print(line)
    fills = ", ".join(f"{f['database']} N={f['size']:,}: {f['fill_s']} s" for f in info.fills)
    print(f"fill times: {fills}")
    print(f"whole run: {info.wall_seconds:.0f} s; server logs in {workdir}")

    errors = sum(r.unexpected + r.socket_errors for r in info.results)
    errors += sum(m.unexpected + m.socket_errors for m in info.mixed)
    if errors:
        print(f"ERRORS: {errors} responses had an unexpected status or failed at the socket", file=sys.stderr)
        for r in info.results:
            if r.unexpected or r.socket_errors:
                print(f"  {r.database} N={r.size} {r.scenario}: {r.unexpected_statuses} socket {r.socket_errors}")
        for m in info.mixed:
            if m.unexpected or m.socket_errors:
                print(f"  {m.database} N={m.size} mixed: {m.unexpected_statuses} socket {m.socket_errors}")

    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.md").write_text(
        f"{settings}\n\n{report}\n\n" + "\n".join([*targets, f"fill times: {fills}"]) + "\n"
    )
    (args.output / "results.json").write_text(json.dumps(asdict(info), indent=2) + "\n")
    print(f"written: {args.output / 'results.md'}, {args.output / 'results.json'}")
    return 1 if failed is not None or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
