"""Drafts and approval (#12 item 1): in a country with review required, an editor's create, change or delete is a
proposal; nothing public moves until a reviewer or an administrator approves it through the direct write path."""

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.proposals.models import Proposal
from tests import factories
from tests.curation.conftest import Account, MakeAccount
from tests.curation.resources import API, EMERGENCY_SERVICES, INSTITUTIONS, RESOURCES, Resource, Store, etag
from tests.proposals.conftest import Review

URL = f"{API}/proposals"
OLD, NEW = "+50200001111", "+50200002222"


def hotline(number: str) -> list[dict[str, Any]]:
    return [{"number": number, "kind": "hotline", "label": {"es": "Línea de prueba"}}]


async def synced_phones(client: httpx.AsyncClient, record_id: str) -> list[str]:
    page = (await client.get(f"{API}/sync")).json()
    [change] = [c for c in page["changes"] if c["id"] == record_id]
    return [phone["number"] for phone in change["record"]["phones"]]


async def test_done_when_a_gt_editor_proposes_a_hotline_number_and_a_reviewer_approves_it(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, review: Review, admin: Account
) -> None:
    record = factories.emergency_service(country_code="GT", phones=hotline(OLD))
    await factories.add(session, record)
    editor = await account("editor", ["GT"])
    reviewer = await account("reviewer", ["GT"])
    await review("GT")
    public_url = EMERGENCY_SERVICES.url(record.id)
    site_url = f"/directory/emergency-services/{record.id}"
    assert (await client.get(public_url)).json()["phones"][0]["number"] == OLD

    proposed = await client.patch(public_url, json={"phones": hotline(NEW)}, headers=editor.with_if_match(etag(1)))

    assert proposed.status_code == 202, proposed.text
    proposal = proposed.json()
    assert proposed.headers["Location"] == f"{URL}/{proposal['id']}"
    assert (proposal["action"], proposal["status"], proposal["base_version"]) == ("update", "pending", 1)
    # Nothing public moved: the API, the sync and the micro-site still give the old number.
    assert (await client.get(public_url)).json()["phones"][0]["number"] == OLD
    assert await synced_phones(client, record.id) == [OLD]
    page = (await client.get(site_url)).text
    assert f"tel:{OLD}" in page
    assert f"tel:{NEW}" not in page

    queue = (await client.get(URL, params={"country": "GT", "status": "pending"}, headers=reviewer.headers)).json()
    assert [item["id"] for item in queue["items"]] == [proposal["id"]]
    shown = (await client.get(f"{URL}/{proposal['id']}", headers=reviewer.headers)).json()
    assert shown["diff"] == [{"field": "phones", "live": hotline(OLD), "proposed": hotline(NEW)}]
    assert shown["live_version"] == 1

    approved = await client.post(f"{URL}/{proposal['id']}/approve", headers=reviewer.headers)

    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["reviewer_id"]) == ("approved", reviewer.id)
    live = await client.get(public_url)
    assert live.json()["phones"][0]["number"] == NEW
    assert live.headers["ETag"] == EMERGENCY_SERVICES.etag(2)
    assert await synced_phones(client, record.id) == [NEW]
    assert f"tel:{NEW}" in (await client.get(site_url)).text
    # The audit trail names both people: the record's change by the approver, the proposal by its author and them.
    trail = (await client.get(f"{API}/audit-events", headers=admin.headers)).json()["items"]
    record_events = [(e["action"], e["actor_id"]) for e in trail if e["entity_id"] == record.id]
    assert record_events == [("update", reviewer.id)]
    proposal_events = sorted((e["action"], e["actor_id"]) for e in trail if e["entity_id"] == proposal["id"])
    assert proposal_events == [("create", editor.id), ("update", reviewer.id)]
    [decision] = [e for e in trail if e["entity_id"] == proposal["id"] and e["action"] == "update"]
    assert (decision["after"]["author_email"], decision["after"]["reviewer_email"]) == (
        editor.user.email if editor.user else None,
        reviewer.user.email if reviewer.user else None,
    )


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_each_record_type_create_change_and_delete_wait_for_approval(
    client: httpx.AsyncClient,
    session: AsyncSession,
    store: Store,
    account: MakeAccount,
    review: Review,
    resource: Resource,
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    editor = await account("editor", ["GT"])
    reviewer = await account("reviewer", ["GT"])
    await review("GT")
    count = await store.count(resource.model)

    created = await client.post(resource.url(), json=resource.create_body("GT"), headers=editor.headers)
    changed = await client.patch(
        resource.url(record.id), json={resource.text_field: "Valor propuesto"}, headers=editor.with_if_match(etag(1))
    )
    deleted = await client.delete(resource.url(record.id), headers=editor.with_if_match(etag(1)))

    assert [r.status_code for r in (created, changed, deleted)] == [202, 202, 202]
    assert [r.json()["action"] for r in (created, changed, deleted)] == ["create", "update", "delete"]
    assert created.json()["record_id"] is None
    assert await store.count(resource.model) == count
    stored = await store.get(resource.model, record.id)
    assert (stored.version, stored.deleted_at) == (1, None)
    assert await store.events(entity_type=resource.entity_type) == []

    new = await client.post(f"{URL}/{created.json()['id']}/approve", headers=reviewer.headers)
    assert new.status_code == 200, new.text
    assert (await client.get(resource.url(new.json()["record_id"]))).status_code == 200
    assert (await client.post(f"{URL}/{changed.json()['id']}/approve", headers=reviewer.headers)).status_code == 200
    assert getattr(await store.get(resource.model, record.id), resource.text_field) == "Valor propuesto"
    # The record moved on since the deletion was proposed: 409, and the proposal waits.
    stale = await client.post(f"{URL}/{deleted.json()['id']}/approve", headers=reviewer.headers)
    assert stale.status_code == 409, stale.text
    assert (await client.get(f"{URL}/{deleted.json()['id']}", headers=reviewer.headers)).json()["status"] == "pending"
    assert (await client.get(resource.url(record.id))).status_code == 200


async def test_invalid_proposals_are_refused_like_direct_writes(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, account: MakeAccount, review: Review
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    editor = await account("editor", ["GT"])
    await review("GT")

    responses = {
        "unknown service type": await client.post(
            INSTITUTIONS.url(), json={**INSTITUTIONS.create_body("GT"), "service_types": ["x"]}, headers=editor.headers
        ),
        "other country": await client.post(
            INSTITUTIONS.url(), json=INSTITUTIONS.create_body("HN"), headers=editor.headers
        ),
        "no If-Match": await client.patch(INSTITUTIONS.url(record.id), json={"name": "X"}, headers=editor.headers),
        "stale If-Match": await client.delete(INSTITUTIONS.url(record.id), headers=editor.with_if_match(etag(7))),
    }

    assert {name: r.status_code for name, r in responses.items()} == {
        "unknown service type": 422,
        "other country": 403,
        "no If-Match": 428,
        "stale If-Match": 412,
    }
    assert await store.count(Proposal) == 0


async def test_admins_write_directly_and_review_is_per_country(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, review: Review, admin: Account
) -> None:
    gt, hn = factories.institution(country_code="GT"), factories.institution(country_code="HN")
    await factories.add(session, gt, hn)
    editor = await account("editor", ["GT", "HN"])
    await review("GT")
    assert (await client.get(f"{API}/countries/HN")).json()["review_required"] is False

    by_admin = await client.patch(INSTITUTIONS.url(gt.id), json={"name": "A"}, headers=admin.with_if_match(etag(1)))
    by_editor_hn = await client.patch(
        INSTITUTIONS.url(hn.id), json={"name": "B"}, headers=editor.with_if_match(etag(1))
    )
    moved_to_gt = await client.patch(
        INSTITUTIONS.url(hn.id), json={"country_code": "GT"}, headers=editor.with_if_match(etag(2))
    )

    assert (by_admin.status_code, by_admin.json()["name"]) == (200, "A")
    assert (by_editor_hn.status_code, by_editor_hn.json()["name"]) == (200, "B")
    # Moving a record into a country with review required is a proposal too.
    assert moved_to_gt.status_code == 202, moved_to_gt.text


async def test_new_countries_and_migrated_ones_require_review(client: httpx.AsyncClient, admin: Account) -> None:
    countries = (await client.get(f"{API}/countries", params={"limit": 100})).json()["items"]
    assert countries
    assert all(country["review_required"] for country in countries)
    body = {"code": "CO", "name": {"es": "Colombia", "en": "Colombia"}}
    created = await client.post(f"{API}/countries", json=body, headers=admin.headers)
    assert created.json()["review_required"] is True


async def test_reject_withdraw_and_who_decides(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, review: Review, admin: Account
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    editor = await account("editor", ["GT"])
    other_editor = await account("editor", ["GT"], name="other")
    reviewer_hn = await account("reviewer", ["HN"])
    await review("GT")

    async def propose(name: str) -> str:
        response = await client.patch(
            INSTITUTIONS.url(record.id), json={"name": name}, headers=editor.with_if_match(etag(1))
        )
        assert response.status_code == 202, response.text
        return str(response.json()["id"])

    first, second = await propose("Uno"), await propose("Dos")
    no_reason = await client.post(f"{URL}/{first}/reject", json={}, headers=admin.headers)
    assert no_reason.status_code == 422
    assert no_reason.json()["error"]["details"][0]["field"] == "reason"
    assert (
        await client.post(f"{URL}/{first}/reject", json={"reason": "x"}, headers=reviewer_hn.headers)
    ).status_code == 403
    assert (await client.post(f"{URL}/{first}/withdraw", headers=other_editor.headers)).status_code == 403
    assert (await client.get(f"{URL}/{first}", headers=other_editor.headers)).status_code == 403

    rejected = await client.post(
        f"{URL}/{first}/reject", json={"reason": "Número sin confirmar."}, headers=admin.headers
    )
    withdrawn = await client.post(f"{URL}/{second}/withdraw", headers=editor.headers)

    assert (rejected.status_code, rejected.json()["status"], rejected.json()["reason"]) == (
        200,
        "rejected",
        "Número sin confirmar.",
    )
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert (await client.post(f"{URL}/{second}/approve", headers=admin.headers)).status_code == 409
    assert (await client.get(INSTITUTIONS.url(record.id))).json()["name"] == record.name
    mine = (await client.get(URL, headers=editor.headers)).json()
    assert sorted(item["status"] for item in mine["items"]) == ["rejected", "withdrawn"]
    assert (await client.get(URL, headers=other_editor.headers)).json()["total"] == 0
    assert (await client.get(URL, params={"author": editor.id}, headers=other_editor.headers)).status_code == 403
    assert (await client.get(URL, params={"country": "GT"}, headers=reviewer_hn.headers)).status_code == 403
    assert (await client.get(URL, headers=reviewer_hn.headers)).json()["total"] == 0


async def test_an_author_cannot_approve_their_own_proposal(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, review: Review, admin: Account
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    editor = await account("editor", ["GT"])
    await review("GT")
    proposed = await client.patch(
        INSTITUTIONS.url(record.id), json={"name": "X"}, headers=editor.with_if_match(etag(1))
    )
    # The editor becomes a reviewer of GT: still not for their own proposal.
    user = await client.get(f"{API}/users/{editor.id}", headers=admin.headers)
    promoted = await client.patch(
        f"{API}/users/{editor.id}",
        json={"role": "reviewer"},
        headers=admin.with_if_match(user.headers["ETag"]),
    )
    assert promoted.status_code == 200, promoted.text

    response = await client.post(f"{URL}/{proposed.json()['id']}/approve", headers=editor.headers)

    assert response.status_code == 403, response.text
    assert "own proposal" in response.json()["error"]["message"]


async def test_reviewers_handle_the_reports_of_their_countries(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    reviewer = await account("reviewer", ["GT"])
    sent = await client.post(
        f"{API}/reports", json={"record_type": "institution", "record_id": record.id, "reason": "closed"}
    )

    listed = await client.get(f"{API}/reports", headers=reviewer.headers)
    handled = await client.patch(
        f"{API}/reports/{sent.json()['id']}", json={"status": "resolved", "note": "Llamamos."}, headers=reviewer.headers
    )

    assert [item["id"] for item in listed.json()["items"]] == [sent.json()["id"]]
    assert handled.status_code == 200, handled.text
