"""A real uvicorn server in a subprocess, for tests that need one (schemathesis over HTTP)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(database_url: str, *, seed_demo: bool = True, admin: tuple[str, str] | None = None) -> Iterator[str]:
    """A server on a free port of 127.0.0.1 over `database_url`, optionally with the demo data and an admin."""
    env = {**os.environ, "DATABASE_URL": database_url, "ENVIRONMENT": "test"}
    if seed_demo:
        subprocess.run([sys.executable, "-m", "app", "seed-demo"], cwd=ROOT, env=env, check=True, timeout=120)
    if admin is not None:
        email, password = admin
        command = [sys.executable, "-m", "app", "create-admin", "--email", email]
        subprocess.run(command, cwd=ROOT, env={**env, "ADMIN_PASSWORD": password}, check=True, timeout=120)
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the test server did not become ready")
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)
