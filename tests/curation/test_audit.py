"""The audit trail: one event per change, in the change's own transaction, readable by administrators only."""

import json
from datetime import timedelta, timezone
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import repository as audit_repository
from app.audit.models import snapshot
from app.core.types import utcnow
from tests import factories
from tests.curation.conftest import Account, MakeAccount
from tests.curation.resources import FOCAL_POINTS, INSTITUTIONS, RESOURCES, Resource, Store, etag

AUDIT = "/api/v1/audit-events"
GUATEMALA = timezone(timedelta(hours=-6))


async def trail(client: httpx.AsyncClient, admin: Account, **params: Any) -> dict[str, Any]:
    response = await client.get(AUDIT, params=params, headers=admin.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_each_write_records_who_when_what_and_the_fields_before_and_after(
    client: httpx.AsyncClient, store: Store, admin: Account, editor_gt: Account, resource: Resource
) -> None:
    started = utcnow()
    body = resource.create_body("GT")
    created = await client.post(resource.url(), json=body, headers=editor_gt.headers)
    assert created.status_code == 201, created.text
    record_id = created.json()["id"]
    url = resource.url(record_id)
    answers = [
        await client.patch(url, json={resource.text_field: "Cambiado"}, headers=editor_gt.with_if_match(etag(1))),
        await client.post(resource.url(record_id, "/verify"), headers=editor_gt.with_if_match(etag(2))),
        await client.delete(url, headers=editor_gt.with_if_match(etag(3))),
    ]
    assert [r.status_code for r in answers] == [200, 200, 204]
    finished = utcnow()

    events = await store.events(entity_id=record_id)
    assert [(e.entity_type, e.action, e.actor_id, e.actor_email) for e in events] == [
        (resource.entity_type, action, editor_gt.id, editor_gt.user.email if editor_gt.user else "")
        for action in ("create", "update", "verify", "delete")
    ]
    times = [e.occurred_at for e in events]
    assert started <= times[0] <= times[1] <= times[2] <= times[3] <= finished
    create, update, verify, delete = events
    assert create.before is None
    assert create.after is not None
    assert (create.after["id"], create.after[resource.text_field], create.after["version"]) == (
        record_id,
        body[resource.text_field],
        1,
    )
    assert update.before is not None
    assert update.after is not None
    assert (update.before[resource.text_field], update.after[resource.text_field]) == (
        body[resource.text_field],
        "Cambiado",
    )
    assert (update.before["version"], update.after["version"]) == (1, 2)
    assert verify.before is not None
    assert verify.after is not None
    assert (verify.before["last_verified_at"], verify.after["verified_by_id"]) == (None, editor_gt.id)
    assert verify.after["last_verified_at"] is not None
    assert delete.before is not None
    assert delete.after is not None
    assert (delete.before["deleted_at"], delete.after["version"]) == (None, 4)
    assert delete.after["deleted_at"] is not None
    for event in events:
        for values in (event.before, event.after):
            assert values is None or "search_text" not in values

    listed = await trail(client, admin, entity_id=record_id)
    assert listed["total"] == 4
    assert [item["action"] for item in listed["items"]] == ["delete", "verify", "update", "create"]
    changed = {item["action"]: item["changed_fields"] for item in listed["items"]}
    assert {resource.text_field, "version", "updated_at"} <= set(changed["update"])
    assert resource.text_field not in changed["verify"]
    assert {"last_verified_at", "verified_by_id", "version"} <= set(changed["verify"])
    assert {"deleted_at", "version"} <= set(changed["delete"])
    assert listed["items"][3]["before"] is None


async def test_the_trail_is_for_administrators_only(client: httpx.AsyncClient, account: MakeAccount) -> None:
    callers = {"admin": [], "editor": ["GT"], "viewer": ["GT"], "anonymous": []}
    observed = {}
    for role, countries in callers.items():
        response = await client.get(AUDIT, headers=(await account(role, countries)).headers)
        observed[role] = response.status_code
        if response.status_code == 200:
            assert response.json() == {"items": [], "total": 0, "limit": 20, "offset": 0}
    assert observed == {"admin": 200, "editor": 403, "viewer": 403, "anonymous": 401}


async def test_filters_and_paging(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account, editor_gt: Account
) -> None:
    first, second = factories.institution(country_code="GT"), factories.institution(country_code="GT")
    focal = factories.focal_point(country_code="GT")
    await factories.add(session, first, second, focal)

    async def patch(resource: Resource, record_id: str, actor: Account, version: int) -> None:
        response = await client.patch(
            resource.url(record_id),
            json={resource.text_field: f"v{version + 1}"},
            headers=actor.with_if_match(etag(version)),
        )
        assert response.status_code == 200, response.text

    await patch(INSTITUTIONS, first.id, editor_gt, 1)
    await patch(INSTITUTIONS, second.id, admin, 1)
    middle = utcnow()
    await patch(FOCAL_POINTS, focal.id, editor_gt, 1)
    await patch(INSTITUTIONS, first.id, admin, 2)

    def ids(body: dict[str, Any]) -> list[tuple[str, str]]:
        return [(item["entity_id"], item["actor_id"]) for item in body["items"]]

    everything = await trail(client, admin)
    assert ids(everything) == [
        (first.id, admin.id),
        (focal.id, editor_gt.id),
        (second.id, admin.id),
        (first.id, editor_gt.id),
    ]
    assert ids(await trail(client, admin, entity_type="focal_point")) == [(focal.id, editor_gt.id)]
    assert ids(await trail(client, admin, entity_type="institution", entity_id=first.id)) == [
        (first.id, admin.id),
        (first.id, editor_gt.id),
    ]
    assert ids(await trail(client, admin, user_id=editor_gt.id)) == [(focal.id, editor_gt.id), (first.id, editor_gt.id)]
    in_guatemala = middle.astimezone(GUATEMALA).isoformat()
    assert ids(await trail(client, admin, since=in_guatemala)) == ids(everything)[:2]
    assert ids(await trail(client, admin, until=in_guatemala)) == ids(everything)[2:]
    assert ids(await trail(client, admin, since=in_guatemala, user_id=admin.id)) == [(first.id, admin.id)]
    assert (await trail(client, admin, entity_type="user"))["total"] == 0

    pages = [await trail(client, admin, limit=3, offset=offset) for offset in (0, 3)]
    assert [(p["total"], p["limit"], p["offset"]) for p in pages] == [(4, 3, 0), (4, 3, 3)]
    assert ids(pages[0]) + ids(pages[1]) == ids(everything)


async def test_bad_filters_get_422_naming_the_parameter(client: httpx.AsyncClient, admin: Account) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"since": "2026-01-01T00:00:00"}, "since"),  # no offset: ambiguous
        ({"until": "yesterday"}, "until"),
        ({"since": "0001-01-01T00:00:00+14:00"}, "since"),  # outside the years a datetime holds, once in UTC
        ({"until": "9999-12-31T23:59:59-14:00"}, "until"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"entity_id": "x" * 65}, "entity_id"),
    ]
    observed = []
    for params, _ in cases:
        response = await client.get(AUDIT, params=params, headers=admin.headers)
        observed.append((params, response.status_code, [d["field"] for d in response.json()["error"]["details"]]))
    assert observed == [(params, 422, [field]) for params, field in cases]


async def test_failed_writes_leave_neither_a_change_nor_an_event(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account
) -> None:
    mine, theirs = factories.institution(country_code="GT"), factories.institution(country_code="HN")
    await factories.add(session, mine, theirs)
    before = {r.id: snapshot(await store.get(INSTITUTIONS.model, r.id)) for r in (mine, theirs)}
    count = await store.count(INSTITUTIONS.model)
    attempts = [
        ("PATCH", INSTITUTIONS.url(theirs.id), {"name": "x"}, etag(1), 403),
        ("PATCH", INSTITUTIONS.url(mine.id), {"name": "x"}, etag(2), 412),
        ("PATCH", INSTITUTIONS.url(mine.id), {"name": "x"}, None, 428),
        ("PATCH", INSTITUTIONS.url(mine.id), {"name": "x", "service_types": ["teleportation"]}, etag(1), 422),
        ("PATCH", INSTITUTIONS.url(mine.id), {"name": "x", "nationalities_served": ["XX"]}, etag(1), 422),
        ("PATCH", INSTITUTIONS.url(mine.id), {"name": "x", "min_age": 10, "max_age": 5}, etag(1), 422),
        ("PATCH", INSTITUTIONS.url(mine.id), {"name": "x", "country_code": "XX"}, etag(1), 403),
        ("DELETE", INSTITUTIONS.url(theirs.id), None, etag(1), 403),
        ("POST", INSTITUTIONS.url(mine.id, "/verify"), None, etag(7), 412),
        ("POST", INSTITUTIONS.url(), {**INSTITUTIONS.create_body("GT"), "service_types": ["nope"]}, None, 422),
        ("POST", INSTITUTIONS.url(), INSTITUTIONS.create_body("HN"), None, 403),
        ("PATCH", INSTITUTIONS.url("no-such-id"), {"name": "x"}, etag(1), 404),
    ]

    statuses = []
    for method, url, body, tag, _ in attempts:
        headers = editor_gt.with_if_match(tag) if tag else editor_gt.headers
        statuses.append((await client.request(method, url, json=body, headers=headers)).status_code)

    assert statuses == [expected for *_, expected in attempts]
    assert {r.id: snapshot(await store.get(INSTITUTIONS.model, r.id)) for r in (mine, theirs)} == before
    assert await store.count(INSTITUTIONS.model) == count
    assert await store.events() == []


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_a_failure_after_the_change_is_written_rolls_back_the_change_and_the_event(
    app: FastAPI,
    session: AsyncSession,
    store: Store,
    editor_gt: Account,
    resource: Resource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The record and its event are both flushed when the failure strikes: the one transaction takes both back."""
    record = resource.build("GT")
    await factories.add(session, record)
    before = snapshot(await store.get(resource.model, record.id))
    count = await store.count(resource.model)
    original = audit_repository.record_event
    flushed = []

    async def record_then_fail(*args: Any, **kwargs: Any) -> Any:
        flushed.append(await original(*args, **kwargs))
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(audit_repository, "record_event", record_then_fail)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        headers = editor_gt.with_if_match(etag(1))
        answers = [
            await client.post(resource.url(), json=resource.create_body("GT"), headers=headers),
            await client.patch(resource.url(record.id), json={resource.text_field: "Perdido"}, headers=headers),
            await client.post(resource.url(record.id, "/verify"), headers=headers),
            await client.delete(resource.url(record.id), headers=headers),
        ]

    assert [(r.status_code, r.json()["error"]["code"]) for r in answers] == [(500, "internal_error")] * 4
    assert len(flushed) == 4
    assert snapshot(await store.get(resource.model, record.id)) == before
    assert await store.count(resource.model) == count
    assert await store.events() == []


async def test_account_changes_are_audited_without_secrets(
    client: httpx.AsyncClient, store: Store, admin: Account
) -> None:
    created = await client.post(
        "/api/v1/users",
        json={
            "email": "auditada@example.org",
            "full_name": "Cuenta Auditada",
            "password": "una contraseña muy secreta",
            "role": "viewer",
            "countries": ["GT"],
        },
        headers=admin.headers,
    )
    assert created.status_code == 201, created.text
    user_id = created.json()["id"]
    url = f"/api/v1/users/{user_id}"
    changed = await client.patch(
        url, json={"role": "editor", "password": "otra contraseña muy secreta"}, headers=admin.with_if_match(etag(1))
    )
    deleted = await client.delete(url, headers=admin.with_if_match(etag(2)))
    assert (changed.status_code, deleted.status_code) == (200, 204)

    events = await store.events(entity_type="user")
    assert [(e.entity_id, e.action, e.actor_id) for e in events] == [
        (user_id, "create", admin.id),
        (user_id, "update", admin.id),
        (user_id, "delete", admin.id),
    ]
    assert events[1].before is not None
    assert events[1].after is not None
    assert (events[1].before["role"], events[1].after["role"]) == ("viewer", "editor")
    assert events[2].after is not None
    assert events[2].after["is_active"] is False
    listed = await trail(client, admin, entity_type="user", entity_id=user_id)
    text = json.dumps(listed)
    assert listed["total"] == 3
    for secret in ("argon2", "muy secreta", "contraseña"):
        assert secret not in text
    update = listed["items"][1]
    assert {"role", "password_hash", "token_generation"} <= set(update["changed_fields"])
    assert update["after"]["password_hash"].startswith("redacted:")
