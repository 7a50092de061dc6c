"""The load generator: wrk's command line, its Lua scripts, and the JSON report they print (see report.lua)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.servers import BenchmarkError

BENCH_DIR = Path(__file__).resolve().parent
LUA_SCRIPTS = {"hit": BENCH_DIR / "report.lua", "-": BENCH_DIR / "report.lua", "miss": BENCH_DIR / "cache_miss.lua"}
MIXED_SCRIPT = BENCH_DIR / "mixed.lua"
WRK_INSTALL = "apt-get update && apt-get install -y wrk   (or: bash benchmarks/setup.sh)"


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


def require_drf() -> None:
    """The DRF peer's packages (Django, DRF, gunicorn) are in the `bench` dependency group."""
    try:
        import django  # noqa: F401
        import gunicorn  # noqa: F401
        import rest_framework  # noqa: F401
    except ImportError:
        print(
            "The DRF peer needs the bench dependency group: uv sync --group bench   (or: bash benchmarks/setup.sh)",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


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


def run_wrk(command: list[str], seconds: int) -> dict[str, Any]:
    """Run a bounded wrk command line (see wrk_command) and return its report."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    return wrk_report(done.stdout, done.stderr, done.returncode)
