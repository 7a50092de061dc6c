"""The README's administration commands run as written: `make admin` and `make import` work whether uv is on the
PATH or was installed into .tools/ by make itself, and a missing argument stops make before it changes anything."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.imports.conftest import csv_text, institution_row
from tests.server import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a shell on a fresh SQLite file, without what an enclosing `make test` passes down."""
    inherited = {name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "MFLAGS"))}
    return {**inherited, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'directory.db'}", "ENVIRONMENT": "test"}


def make(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = ["make", "--no-print-directory", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_make_admin_then_make_import_a_dry_run_and_then_for_real(env: dict[str, str], tmp_path: Path) -> None:
    created = make("admin", "EMAIL=Admin@example.org", env={**env, "ADMIN_PASSWORD": "a long enough password"})
    assert created.returncode == 0, created.stdout + created.stderr
    assert "Administrator admin@example.org created." in created.stdout

    sheet = tmp_path / "gt.csv"
    sheet.write_text(csv_text([institution_row("GT-1"), institution_row("GT-2")]), encoding="utf-8")
    arguments = (f"FILE={sheet}", "TYPE=institutions", "EMAIL=admin@example.org")
    dry = make("import", *arguments, "DRY_RUN=1", env=env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "2 created, 0 updated, 0 unchanged, 0 in error (dry run, nothing written)" in dry.stdout
    applied = make("import", *arguments, "DRY_RUN=0", env=env)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "2 created, 0 updated, 0 unchanged, 0 in error (applied)" in applied.stdout


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["admin"], "usage: make admin EMAIL="),
        (["import", "FILE=sheet.csv", "TYPE=institutions"], "usage: make import FILE="),
    ],
)
def test_a_missing_argument_says_what_to_give_and_touches_nothing(
    env: dict[str, str], tmp_path: Path, args: list[str], usage: str
) -> None:
    result = make(*args, env=env)
    assert result.returncode != 0
    assert usage in result.stderr
    assert not (tmp_path / "directory.db").exists()
