"""The systems under test: a fresh database (SQLite or PostgreSQL), the servers (the app and the DRF peer).

Only loopback is ever contacted; the server is a context manager that always stops it.
"""

import asyncio
import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import brotli

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


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


def _group_pids(pgid: int) -> list[int]:
    """The processes of a process group: a server started with start_new_session leads its own, with its workers."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            pids.append(int(entry.name))
    return pids


def rss_kb(pgid: int) -> int | None:
    """The resident set size (VmRSS) of a server's process group (its workers and their manager), in KiB."""
    total, seen = 0, False
    for pid in _group_pids(pgid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    seen = True
        except OSError:
            continue
    return total if seen else None


def cpu_ticks(pgid: int) -> int | None:
    """The CPU time (user + system, in clock ticks) of a server's process group, its workers included."""
    total, seen = 0, False
    for pid in _group_pids(pgid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
        seen = True
    return total if seen else None


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
    """A server process group on 127.0.0.1 and a free port; a context manager that always stops it.

    By default uvicorn serving benchmarks.ceiling_app with `workers` worker processes (uvicorn then runs a manager
    process and the workers, all in one process group, whose CPU and memory are counted together).
    """

    ready_path = "/readyz"

    def __init__(self, database_url: str, ceiling_path: str, log_path: Path, workers: int = 1):
        self.port = free_port()
        self.log_path = log_path
        self.workers = workers
        self.env = {**os.environ, "DATABASE_URL": database_url, "BENCH_CEILING_PATH": ceiling_path}
        self.process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        return [
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
            str(self.workers),
            "--no-access-log",
            "--log-level",
            "warning",
            # Longer than the default 5 s: benchmarks/freshness.py holds idle connections across a write.
            "--timeout-keep-alive",
            "30",
        ]

    def __enter__(self) -> "Server":
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
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
                raise BenchmarkError(f"{self.command()[2]} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _ = http_get(self.port, self.ready_path, timeout=2.0)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchmarkError(f"{self.command()[2]} was not ready after {timeout:.0f} s:\n{self.log_tail()}")

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


class DrfPeer(Server):
    """The Django REST Framework peer (benchmarks/drf_peer) over the same SQLite file: gunicorn, one sync worker."""

    def __init__(self, sqlite_path: Path, listing_path: str, log_path: Path):
        super().__init__("", listing_path, log_path)
        self.env = {**os.environ, "BENCH_DRF_SQLITE": str(sqlite_path)}
        self.ready_path = listing_path

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "benchmarks.drf_peer.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--no-control-socket",
            "--log-level",
            "warning",
        ]
