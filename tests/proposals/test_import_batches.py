"""Imports respect review: a sheet from an editor of a review-required country is one batch of proposals, decided
as a whole; a dry run is unchanged."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.institutions.models import Institution
from tests import factories
from tests.curation.conftest import Account, MakeAccount
from tests.curation.resources import API, INSTITUTIONS, Store, etag
from tests.imports.conftest import csv_text, institution_row, outcomes, upload
from tests.proposals.conftest import Review

URL = f"{API}/proposals"


async def test_an_editors_sheet_is_one_batch_approved_or_rejected_as_a_whole(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, account: MakeAccount, review: Review
) -> None:
    existing = factories.institution(country_code="GT", external_id="GT-1", name="Institución GT-1")
    await factories.add(session, existing)
    editor = await account("editor", ["GT"])
    reviewer = await account("reviewer", ["GT"])
    await review("GT")
    sheet = csv_text([institution_row("GT-1", name="Nombre corregido"), institution_row("GT-2")])

    dry = await upload(client, editor, sheet)
    assert (dry.status_code, dry.json()["batch_id"], outcomes(dry.json())) == (200, None, ["updated", "created"])

    first = await upload(client, editor, sheet, dry_run=False)

    assert first.status_code == 202, first.text
    report = first.json()
    assert (report["applied"], outcomes(report)) == (False, ["updated", "created"])
    batch_id = report["batch_id"]
    assert await store.count(Institution) == 1
    listed = (await client.get(URL, headers=reviewer.headers)).json()["items"]
    assert sorted((p["action"], p["batch_id"]) for p in listed) == [("create", batch_id), ("update", batch_id)]

    approved = await client.post(f"{URL}/batches/{batch_id}/approve", headers=reviewer.headers)

    assert approved.status_code == 200, approved.text
    assert approved.json() == {"batch_id": batch_id, "status": "approved", "proposals": 2}
    assert (await client.get(INSTITUTIONS.url(existing.id))).json()["name"] == "Nombre corregido"
    assert await store.count(Institution) == 2
    assert (await client.post(f"{URL}/batches/{batch_id}/approve", headers=reviewer.headers)).status_code == 409

    again = await upload(client, editor, csv_text([institution_row("GT-3")]), dry_run=False)
    other_batch = again.json()["batch_id"]
    no_reason = await client.post(f"{URL}/batches/{other_batch}/reject", json={}, headers=reviewer.headers)
    rejected = await client.post(
        f"{URL}/batches/{other_batch}/reject", json={"reason": "Duplicado."}, headers=reviewer.headers
    )
    assert no_reason.status_code == 422
    assert rejected.json() == {"batch_id": other_batch, "status": "rejected", "proposals": 1}
    assert await store.count(Institution) == 2


async def test_a_batch_with_a_moved_record_is_not_applied_at_all(
    client: httpx.AsyncClient,
    session: AsyncSession,
    store: Store,
    account: MakeAccount,
    review: Review,
    admin: Account,
) -> None:
    existing = factories.institution(country_code="GT", external_id="GT-1", name="Institución GT-1")
    await factories.add(session, existing)
    editor = await account("editor", ["GT"])
    reviewer = await account("reviewer", ["GT"])
    await review("GT")
    sheet = csv_text([institution_row("GT-2"), institution_row("GT-1", name="Nombre corregido")])
    batch_id = (await upload(client, editor, sheet, dry_run=False)).json()["batch_id"]
    moved = await client.patch(
        INSTITUTIONS.url(existing.id), json={"city": "Xela"}, headers=admin.with_if_match(etag(1))
    )
    assert moved.status_code == 200

    response = await client.post(f"{URL}/batches/{batch_id}/approve", headers=reviewer.headers)

    assert response.status_code == 409, response.text
    assert await store.count(Institution) == 1
    statuses = [p["status"] for p in (await client.get(URL, headers=reviewer.headers)).json()["items"]]
    assert statuses == ["pending", "pending"]
    assert (await client.post(f"{URL}/batches/nope/approve", headers=reviewer.headers)).status_code == 404
