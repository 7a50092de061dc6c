"""Records due to be confirmed again: per record type's interval, oldest first, per country; verifying resets."""

import asyncio
import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from app import cli as app_cli
from app.cli import cli
from app.core import clock
from app.core.config import get_settings
from tests import factories
from tests.curation.conftest import Account, MakeAccount

URL = "/api/v1/reconfirmations"
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def day(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
async def records(session: AsyncSession, app: FastAPI) -> dict[str, Any]:
    """Due or not on 15 June 2026: 12 months for institutions, 3 for emergency services, 30 days' notice."""

    async def fixed() -> datetime:
        return NOW

    app.dependency_overrides[clock.now] = fixed
    found = {
        "overdue institution": factories.institution(country_code="GT", last_verified_at=day(2025, 6, 1)),
        "fresh institution": factories.institution(country_code="GT", last_verified_at=day(2026, 1, 1)),
        "overdue service": factories.emergency_service(country_code="GT", last_verified_at=day(2026, 3, 1)),
        # Due on 1 July: within the notice period, not yet overdue.
        "due service": factories.emergency_service(country_code="GT", last_verified_at=day(2026, 4, 1)),
        "fresh service": factories.emergency_service(country_code="GT", last_verified_at=day(2026, 5, 1)),
        # Never confirmed: counted from its creation.
        "never confirmed system": factories.protection_system(
            country_code="GT", last_verified_at=None, created_at=day(2025, 1, 1)
        ),
        "overdue focal point": factories.focal_point(country_code="HN", last_verified_at=day(2025, 2, 1)),
        "deleted institution": factories.institution(
            country_code="GT", last_verified_at=day(2020, 1, 1), deleted_at=day(2026, 1, 1)
        ),
        "inactive institution": factories.institution(
            country_code="GT", last_verified_at=day(2020, 1, 1), status="inactive"
        ),
    }
    await factories.add(session, *found.values())
    return found


def names(response: httpx.Response, records: dict[str, Any]) -> list[str]:
    assert response.status_code == 200, response.text
    by_id = {record.id: name for name, record in records.items()}
    return [by_id[item["record_id"]] for item in response.json()["items"]]


async def test_records_due_oldest_first_per_account(
    client: httpx.AsyncClient, records: dict[str, Any], admin: Account, account: MakeAccount
) -> None:
    everything = await client.get(URL, headers=admin.headers)
    assert names(everything, records) == [
        "never confirmed system",
        "overdue focal point",
        "overdue institution",
        "overdue service",
        "due service",
    ]
    assert everything.headers["Cache-Control"] == "private, no-store"
    due, overdue = everything.json()["items"][-1], everything.json()["items"][-2]
    assert (due["reconfirm_by"], due["overdue"], overdue["overdue"]) == ("2026-07-01T12:00:00Z", False, True)
    assert due["name"] == records["due service"].name

    editor = await account("editor", ["GT"])
    assert "overdue focal point" not in names(await client.get(URL, headers=editor.headers), records)
    assert (await client.get(URL, params={"country": "HN"}, headers=editor.headers)).status_code == 403
    kinds = {"record_type": "emergency_service"}
    assert names(await client.get(URL, params=kinds, headers=admin.headers), records) == [
        "overdue service",
        "due service",
    ]
    page = (await client.get(URL, params={"limit": 2, "offset": 1}, headers=admin.headers)).json()
    assert (page["total"], len(page["items"])) == (5, 2)
    viewer = await account("viewer", ["GT"])
    assert (await client.get(URL, headers=viewer.headers)).status_code == 403
    assert (await client.get(URL)).status_code == 401


async def test_verifying_a_record_takes_it_off_the_list(
    client: httpx.AsyncClient, records: dict[str, Any], editor_gt: Account
) -> None:
    record = records["overdue institution"]
    verified = await client.post(
        f"/api/v1/institutions/{record.id}/verify", headers={**editor_gt.headers, "If-Match": '"v1"'}
    )
    assert verified.status_code == 200, verified.text
    assert "overdue institution" not in names(await client.get(URL, headers=editor_gt.headers), records)


async def test_the_reminders_command_prints_and_writes_the_records_due_per_country(
    records: dict[str, Any], database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr(app_cli, "utcnow", lambda: NOW)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        printed = await asyncio.to_thread(runner.invoke, cli, ["reminders"])
        only_hn = await asyncio.to_thread(runner.invoke, cli, ["reminders", "--country", "hn"])
        target = tmp_path / "due.csv"
        written = await asyncio.to_thread(runner.invoke, cli, ["reminders", "--csv", str(target)])
    finally:
        get_settings.cache_clear()

    assert printed.exit_code == 0, printed.output
    lines = printed.output.splitlines()
    assert lines[0] == "GT:"
    assert lines.index("HN:") == 5
    assert records["never confirmed system"].name in lines[1]
    assert lines[-1] == "5 records due."
    assert only_hn.exit_code == 0, only_hn.output
    assert only_hn.output.splitlines()[0] == "HN:"
    assert written.exit_code == 0, written.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(row["country_code"], row["record_type"]) for row in rows][:2] == [
        ("GT", "protection_system"),
        ("GT", "institution"),
    ]
    assert len(rows) == 5
    assert rows[-1]["record_id"] == records["overdue focal point"].id
    assert (rows[3]["reconfirm_by"], rows[3]["overdue"]) == ("2026-07-01T12:00:00+00:00", "no")
