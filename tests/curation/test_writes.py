"""What each write does: ETags that follow the version, soft deletion, verification, and the created record."""

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.types import utcnow
from tests import factories
from tests.curation.conftest import Account
from tests.curation.resources import EMERGENCY_SERVICES, INSTITUTIONS, RESOURCES, Resource, Store, etag


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_get_sends_the_records_version_as_etag(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    url = resource.url(record.id)

    first = await client.get(url)
    assert (first.status_code, first.headers["ETag"], first.json()["version"]) == (200, resource.etag(1), 1)

    changed = await client.patch(url, json={resource.text_field: "Cambio"}, headers=editor_gt.with_if_match('"v1"'))
    assert (changed.status_code, changed.headers["ETag"], changed.json()["version"]) == (200, resource.etag(2), 2)

    second = await client.get(url)
    assert (second.headers["ETag"], second.json()["version"], second.json()[resource.text_field]) == (
        resource.etag(2),
        2,
        "Cambio",
    )


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_a_created_record_is_published_at_its_location(
    client: httpx.AsyncClient, store: Store, editor_gt: Account, resource: Resource
) -> None:
    created = await client.post(resource.url(), json=resource.create_body("GT"), headers=editor_gt.headers)
    assert created.status_code == 201, created.text

    fetched = await client.get(created.headers["Location"])
    assert fetched.status_code == 200
    assert fetched.json() == created.json()
    assert fetched.headers["ETag"] == created.headers["ETag"] == resource.etag(1)
    stored = await store.get(resource.model, created.json()["id"])
    assert (stored.version, stored.deleted_at, stored.last_verified_at, stored.verified_by_id) == (1, None, None, None)


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_delete_is_soft(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account, resource: Resource
) -> None:
    kept, deleted = resource.build("GT"), resource.build("GT")
    await factories.add(session, kept, deleted)
    started = utcnow()

    response = await client.delete(resource.url(deleted.id), headers=editor_gt.with_if_match(etag(1)))

    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get(resource.url(deleted.id))).status_code == 404
    listing = await client.get(resource.url(), params={"country": "GT", "limit": 100})
    assert listing.status_code == 200, listing.text
    assert [item["id"] for item in listing.json()["items"]] == [kept.id]
    assert listing.json()["total"] == 1

    stored = await store.get(resource.model, deleted.id)
    assert stored is not None
    assert stored.version == 2
    assert started <= stored.deleted_at <= utcnow()
    events = await store.events(entity_id=deleted.id)
    assert [(e.action, e.before["deleted_at"] if e.before else "?") for e in events] == [("delete", None)]
    assert events[0].after is not None
    assert events[0].after["deleted_at"] is not None

    again = [
        await client.request(
            method, resource.url(deleted.id, suffix), json=body, headers=editor_gt.with_if_match(etag(2))
        )
        for method, suffix, body in [
            ("PATCH", "", {resource.text_field: "Resucitado"}),
            ("DELETE", "", None),
            ("POST", "/verify", None),
        ]
    ]
    assert [r.status_code for r in again] == [404, 404, 404]
    assert (await store.get(resource.model, deleted.id)).version == 2
    assert len(await store.events(entity_id=deleted.id)) == 1


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_verify_sets_last_verified_at_and_who_verified(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    record.last_verified_at = None
    await factories.add(session, record)
    started = utcnow()

    response = await client.post(resource.url(record.id, "/verify"), headers=editor_gt.with_if_match(etag(1)))

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == resource.etag(2)
    stored = await store.get(resource.model, record.id)
    assert started <= stored.last_verified_at <= utcnow()
    assert (stored.verified_by_id, stored.version) == (editor_gt.id, 2)
    assert response.json()["last_verified_at"] is not None
    public = (await client.get(resource.url(record.id))).json()
    assert public["last_verified_at"] == response.json()["last_verified_at"]
    assert "verified_by_id" not in public


async def test_an_expired_record_can_still_be_edited_but_stays_unpublished(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account
) -> None:
    expired = factories.institution(country_code="GT", valid_until=date.today() - timedelta(days=2))
    await factories.add(session, expired)
    assert (await client.get(INSTITUTIONS.url(expired.id))).status_code == 404

    response = await client.patch(
        INSTITUTIONS.url(expired.id), json={"name": "Aún vencida"}, headers=editor_gt.with_if_match(etag(1))
    )

    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Aún vencida"
    assert (await client.get(INSTITUTIONS.url(expired.id))).status_code == 404
    renewed = await client.patch(
        INSTITUTIONS.url(expired.id), json={"valid_until": None}, headers=editor_gt.with_if_match(etag(2))
    )
    assert renewed.status_code == 200, renewed.text
    assert (await client.get(INSTITUTIONS.url(expired.id))).headers["ETag"] == INSTITUTIONS.etag(3)


@pytest.mark.parametrize("resource", [INSTITUTIONS, EMERGENCY_SERVICES], ids=str)
async def test_changing_only_the_service_types_bumps_the_version_and_is_audited(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    old_types = (await client.get(resource.url(record.id))).json()["service_types"]
    new_types = ["psychosocial_support", "emergency_hotline"]

    response = await client.patch(
        resource.url(record.id), json={"service_types": new_types}, headers=editor_gt.with_if_match(etag(1))
    )

    assert response.status_code == 200, response.text
    assert (response.headers["ETag"], response.json()["service_types"]) == (resource.etag(2), sorted(new_types))
    assert (await client.get(resource.url(record.id))).json()["service_types"] == sorted(new_types)
    [event] = await store.events(entity_id=record.id)
    assert event.before is not None
    assert event.after is not None
    assert (event.before["service_types"], event.after["service_types"]) == (old_types, sorted(new_types))
    # The listing's service-type filter follows the change.
    listed = {code: await client.get(resource.url(), params={"service_type": code}) for code in old_types}
    listed["psychosocial_support"] = await client.get(resource.url(), params={"service_type": "psychosocial_support"})
    found = {code: [item["id"] for item in answer.json()["items"]] for code, answer in listed.items()}
    expected = {code: [record.id] if code in new_types else [] for code in old_types}
    assert found == {**expected, "psychosocial_support": [record.id]}


async def test_a_renamed_record_is_found_by_its_new_name(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account
) -> None:
    record = factories.institution(country_code="GT", name="Casa Vieja")
    await factories.add(session, record)

    response = await client.patch(
        INSTITUTIONS.url(record.id), json={"name": "Casa Nueva Esperanza"}, headers=editor_gt.with_if_match(etag(1))
    )
    assert response.status_code == 200, response.text

    found = (await client.get(INSTITUTIONS.url(), params={"q": "esperanza"})).json()
    stale = (await client.get(INSTITUTIONS.url(), params={"q": "vieja"})).json()
    assert ([i["id"] for i in found["items"]], stale["total"]) == ([record.id], 0)
