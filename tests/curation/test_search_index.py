"""The full-text index follows every write: create, change and (soft) delete through the API, and imports."""

import httpx
import pytest

from tests.curation.conftest import Account
from tests.curation.resources import INSTITUTIONS, RESOURCES, Resource, etag
from tests.imports.conftest import csv_text, institution_row, upload


async def found_ids(client: httpx.AsyncClient, resource: Resource, query: str) -> list[str]:
    response = await client.get(resource.url(), params={"q": query})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_the_index_follows_create_change_and_delete(
    client: httpx.AsyncClient, editor_gt: Account, resource: Resource
) -> None:
    body = {**resource.create_body("GT"), resource.text_field: "Casa Zafiro"}
    created = await client.post(resource.url(), json=body, headers=editor_gt.headers)
    assert created.status_code == 201, created.text
    record_id = created.json()["id"]
    assert await found_ids(client, resource, "zafiro") == [record_id]

    changed = await client.patch(
        resource.url(record_id), json={resource.text_field: "Casa Rubí"}, headers=editor_gt.with_if_match(etag(1))
    )
    assert changed.status_code == 200, changed.text
    assert await found_ids(client, resource, "zafiro") == []
    assert await found_ids(client, resource, "rubi") == [record_id]

    deleted = await client.delete(resource.url(record_id), headers=editor_gt.with_if_match(etag(2)))
    assert deleted.status_code == 204, deleted.text
    assert await found_ids(client, resource, "rubi") == []


async def test_the_index_follows_imports(client: httpx.AsyncClient, editor_gt: Account) -> None:
    rows = [institution_row("GT-1", name="Refugio Zafiro"), institution_row("GT-2", name="Refugio Ámbar")]
    created = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert created.status_code == 200, created.text
    first, second = (row["id"] for row in created.json()["rows"])
    assert await found_ids(client, INSTITUTIONS, "zafiro") == [first]
    assert sorted(await found_ids(client, INSTITUTIONS, "refugio")) == sorted([first, second])

    rows[0] = institution_row("GT-1", name="Refugio Jade")
    corrected = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert corrected.status_code == 200, corrected.text
    assert await found_ids(client, INSTITUTIONS, "zafiro") == []
    assert await found_ids(client, INSTITUTIONS, "jade ref") == [first]
    assert await found_ids(client, INSTITUTIONS, "ambar") == [second]
