"""`python -m app import`: the same import from the command line, as a named account, with a CSV of failed rows."""

import asyncio
import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from app import cli as cli_module
from app.core.config import Settings
from app.institutions.models import Institution
from tests.curation.conftest import Account
from tests.curation.resources import Store
from tests.imports.conftest import csv_text, institution_row


@pytest.fixture
def run_cli(database_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli_module, "get_settings", lambda: Settings(database_url=database_url, environment="test"))

    async def run(*args: str) -> Result:
        # The command runs its own event loop: give it a thread of its own.
        return await asyncio.to_thread(CliRunner().invoke, cli_module.cli, list(args))

    return run


async def test_cli_dry_run_then_apply_as_a_named_editor(
    run_cli,
    tmp_path: Path,
    editor_gt: Account,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    sheet = tmp_path / "gt.csv"
    sheet.write_text(csv_text([institution_row("GT-1"), institution_row("GT-2")]), encoding="utf-8")
    email = editor_gt.user.email  # type: ignore[union-attr]

    dry = await run_cli("import", str(sheet), "--type", "institutions", "--dry-run", "--as", email)
    assert dry.exit_code == 0, dry.output
    assert "2 created, 0 updated, 0 unchanged, 0 in error (dry run, nothing written)" in dry.output
    assert await store.count(Institution) == 0

    applied = await run_cli("import", str(sheet), "--type", "institutions", "--as", email)
    assert applied.exit_code == 0, applied.output
    assert "(applied)" in applied.output
    assert await store.count(Institution) == 2
    assert {e.actor_email for e in await store.events()} == {email}

    again = await run_cli("import", str(sheet), "--type", "institutions", "--as", email)
    assert "0 created, 0 updated, 2 unchanged" in again.output


async def test_cli_writes_the_failed_rows_and_changes_nothing(
    run_cli,
    tmp_path: Path,
    editor_gt: Account,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    sheet = tmp_path / "gt.csv"
    rows = [institution_row("GT-1"), institution_row("GT-2", phones="12"), institution_row("HN-1", country="HN")]
    sheet.write_text(csv_text(rows), encoding="utf-8")
    failed = tmp_path / "failed.csv"
    email = editor_gt.user.email  # type: ignore[union-attr]

    result = await run_cli("import", str(sheet), "--type", "institutions", "--as", email, "--errors-csv", str(failed))

    assert result.exit_code == 1
    assert "row 3, phones:" in result.output
    assert "row 4, country_code: your account may not change records of country 'HN'" in result.output
    assert await store.count(Institution) == 0
    written = list(csv.DictReader(failed.read_text(encoding="utf-8-sig").splitlines()))
    assert [row["external_id"] for row in written] == ["GT-2", "HN-1"]
    assert written[0]["phones"] == "12"
    assert written[1]["errors"].startswith("country_code: your account may not change")


async def test_cli_needs_an_editor_account(
    run_cli,
    tmp_path: Path,
    viewer_gt: Account,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    sheet = tmp_path / "gt.csv"
    sheet.write_text(csv_text([institution_row("GT-1")]), encoding="utf-8")
    missing = await run_cli("import", str(sheet), "--type", "institutions")
    assert missing.exit_code == 2
    viewer = await run_cli("import", str(sheet), "--type", "institutions", "--as", viewer_gt.user.email)  # type: ignore[union-attr]
    assert viewer.exit_code == 2
    assert "no active editor or administrator" in viewer.output
    unknown = await run_cli("import", str(sheet), "--type", "institutions", "--as", "nobody@example.org")
    assert unknown.exit_code == 2
    assert await store.count(Institution) == 0
