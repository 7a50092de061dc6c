"""Imports checked and written a batch at a time: the same report and the same all-or-nothing as one batch."""

from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.imports import repository as import_repository
from app.imports import service as imports
from app.institutions.models import Institution
from tests import factories
from tests.curation.conftest import Account
from tests.curation.resources import Store
from tests.imports.conftest import csv_text, institution_row, outcomes, upload


async def test_an_import_larger_than_one_batch_is_applied_whole(
    client: httpx.AsyncClient, editor_gt: Account, session: AsyncSession, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "BATCH", 2)
    existing = factories.institution(country_code="GT", external_id="GT-0", name="Antes")
    await factories.add(session, existing)
    first = await client.get("/api/v1/sync", params={"limit": 1000})
    rows = [institution_row(f"GT-{n}") for n in range(1, 6)] + [institution_row("GT-0", name="Después")]

    response = await upload(client, editor_gt, csv_text(rows), dry_run=False)

    assert response.status_code == 200, response.text
    report = response.json()
    assert outcomes(report) == ["created"] * 5 + ["updated"]
    assert [row["row"] for row in report["rows"]] == [2, 3, 4, 5, 6, 7]
    assert report["summary"] == {"created": 5, "updated": 1, "unchanged": 0, "error": 0}
    assert report["rows"][5]["id"] == existing.id
    assert report["rows"][5]["changed_fields"] == ["name", "phones"]
    ids = [row["id"] for row in report["rows"][:5]]
    assert {record.id for record in await store.all(Institution)} == {*ids, existing.id}
    stored = await store.get(Institution, ids[4])
    assert (stored.external_id, stored.service_types, stored.version) == ("GT-5", ["legal_assistance"], 1)
    changed = await store.get(Institution, existing.id)
    assert (changed.name, changed.version) == ("Después", existing.version + 1)
    events = await store.events(entity_type="institution")
    assert sorted((e.action, e.entity_id) for e in events) == sorted(
        [*(("create", record_id) for record_id in ids), ("update", existing.id)]
    )
    update_event = next(e for e in events if e.action == "update")
    assert (update_event.before or {})["name"] == "Antes"
    assert (update_event.after or {})["name"] == "Después"
    assert (update_event.after or {})["version"] == existing.version + 1
    # Every batch under the transaction's one change sequence value: a client syncs them all at once.
    changes = (await client.get("/api/v1/sync", params={"since": first.json()["next"]})).json()["changes"]
    assert sorted(c["id"] for c in changes) == sorted([*ids, existing.id])


async def test_an_error_in_a_later_batch_undoes_the_batches_written_before_it(
    client: httpx.AsyncClient, editor_gt: Account, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "BATCH", 2)
    rows = [institution_row(f"GT-{n}") for n in range(1, 6)]
    rows.append(institution_row("GT-1", name="Otra"))  # the external id of row 2, in the third batch

    response = await upload(client, editor_gt, csv_text(rows), dry_run=False)

    assert response.status_code == 422, response.text
    report = response.json()["report"]
    assert report["applied"] is False
    assert outcomes(report) == ["created"] * 5 + ["error"]
    assert [row["id"] for row in report["rows"]] == [None] * 6
    assert "the same external_id as row 2" in report["rows"][5]["errors"][0]["message"]
    assert await store.count(Institution) == 0
    assert await store.events() == []


async def test_a_record_changed_meanwhile_is_reported_for_its_row_only_and_nothing_is_written(
    client: httpx.AsyncClient, editor_gt: Account, session: AsyncSession, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [factories.institution(country_code="GT", external_id=f"GT-{n}", name="Antes") for n in range(3)]
    for record in records:
        await factories.add(session, record)
    real_existing = import_repository.existing

    async def existing_then_changed_meanwhile(import_session: AsyncSession, *args: Any) -> list[dict[str, Any]]:
        found = await real_existing(import_session, *args)
        # Another writer changes the second record after the batch read it, before the batch is written.
        table = import_repository.table_of(Institution)
        bump = update(table).where(table.c.id == records[1].id).values(version=table.c.version + 1)
        await import_session.execute(bump)
        return found

    monkeypatch.setattr(import_repository, "existing", existing_then_changed_meanwhile)
    rows = [institution_row(f"GT-{n}", name="Después") for n in range(3)]

    response = await upload(client, editor_gt, csv_text(rows), dry_run=False)

    assert response.status_code == 422, response.text
    report = response.json()["report"]
    assert outcomes(report) == ["updated", "error", "updated"]
    assert report["rows"][1]["errors"] == [{"column": None, "message": imports.STALE}]
    assert [row["errors"] for row in (report["rows"][0], report["rows"][2])] == [[], []]
    assert report["summary"] == {"created": 0, "updated": 2, "unchanged": 0, "error": 1}
    assert [(await store.get(Institution, record.id)).name for record in records] == ["Antes"] * 3
    assert await store.events() == []
