"""Optimistic concurrency: If-Match is required on every change, a stale ETag gets 412, and of two concurrent
changes made from the same version exactly one wins."""

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import snapshot
from tests import factories
from tests.curation.conftest import Account
from tests.curation.resources import RESOURCES, Resource, Store, etag

CHANGES = [("PATCH", ""), ("DELETE", ""), ("POST", "/verify")]


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_concurrent_patches_of_one_record_exactly_one_wins(
    app: FastAPI,
    client: httpx.AsyncClient,
    session: AsyncSession,
    store: Store,
    editor_gt: Account,
    resource: Resource,
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    url = resource.url(record.id)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other_client:
        winners = []
        for round_ in range(1, 4):  # a few rounds, so more than one interleaving is likely exercised
            tag = etag(round_)
            first, second = await asyncio.gather(
                client.patch(url, json={resource.text_field: f"A{round_}"}, headers=editor_gt.with_if_match(tag)),
                other_client.patch(url, json={resource.text_field: f"B{round_}"}, headers=editor_gt.with_if_match(tag)),
            )

            assert sorted([first.status_code, second.status_code]) == [200, 412], (first.text, second.text)
            winner, loser = (first, second) if first.status_code == 200 else (second, first)
            assert loser.json()["error"]["code"] == "precondition_failed"
            assert winner.headers["ETag"] == resource.etag(round_ + 1)
            value = winner.json()[resource.text_field]
            assert value in (f"A{round_}", f"B{round_}")
            stored = await store.get(resource.model, record.id)
            assert (getattr(stored, resource.text_field), stored.version) == (value, round_ + 1)
            winners.append(value)

    events = await store.events(entity_id=record.id)
    assert [(e.action, e.after[resource.text_field] if e.after else None) for e in events] == [
        ("update", value) for value in winners
    ]


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_a_change_made_from_a_stale_etag_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    url = resource.url(record.id)
    read = await client.get(url)
    assert read.headers["ETag"] == resource.etag(1)

    first = await client.patch(url, json={resource.text_field: "Primero"}, headers=editor_gt.with_if_match(etag(1)))
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] == resource.etag(2)
    after_first = snapshot(await store.get(resource.model, record.id))

    stale = [
        await client.request(method, resource.url(record.id, suffix), json=body, headers=editor_gt.with_if_match(tag))
        for method, suffix in CHANGES
        for body in [{resource.text_field: "Segundo"} if method == "PATCH" else None]
        for tag in (read.headers["ETag"], f"W/{etag(2)}", '"2"')
    ]

    assert [r.status_code for r in stale] == [412] * 9
    assert {r.json()["error"]["code"] for r in stale} == {"precondition_failed"}
    assert etag(2) in stale[0].json()["error"]["message"]
    assert snapshot(await store.get(resource.model, record.id)) == after_first
    assert [e.action for e in await store.events(entity_id=record.id)] == ["update"]
    assert (await client.get(url)).headers["ETag"] == resource.etag(2)

    listed = await client.patch(
        url, json={resource.text_field: "Tercero"}, headers=editor_gt.with_if_match(f"{etag(1)}, {etag(2)}")
    )
    assert listed.status_code == 200, listed.text
    assert listed.headers["ETag"] == resource.etag(3)


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_changes_without_if_match_get_428_and_change_nothing(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    before = snapshot(await store.get(resource.model, record.id))

    answers = {}
    for method, suffix in CHANGES:
        body = {resource.text_field: "Sin If-Match"} if method == "PATCH" else None
        for if_match in (None, "*", "", " , "):
            headers = editor_gt.headers if if_match is None else editor_gt.with_if_match(if_match)
            response = await client.request(method, resource.url(record.id, suffix), json=body, headers=headers)
            answers[method, suffix, if_match] = (response.status_code, response.json()["error"]["code"])

    assert answers == dict.fromkeys(answers, (428, "precondition_required"))
    assert snapshot(await store.get(resource.model, record.id)) == before
    assert await store.events() == []
