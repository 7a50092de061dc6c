"""Writes that round-trip with reads: a PATCH changes only the languages it sends, and editors read every language
(`lang=*`) to send them back."""

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.curation.conftest import Account, MakeAccount
from tests.curation.resources import INSTITUTIONS, RESOURCES, Resource, Store, etag
from tests.curation.test_validation import error_of, fields_named

TRANSLATED = [resource for resource in RESOURCES if resource.data.localized]
SPANISH = "Texto en español."


def _record(resource: Resource) -> Any:
    record = resource.build("GT")
    record.description = {"es": SPANISH, "en": "Old English text."}
    return record


@pytest.mark.parametrize("resource", TRANSLATED, ids=str)
async def test_a_patch_of_the_english_description_keeps_the_spanish_one(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account, resource: Resource
) -> None:
    record = _record(resource)
    await factories.add(session, record)
    url = resource.url(record.id)

    changed = await client.patch(
        url, json={"description": {"en": "New English text."}}, headers=editor_gt.with_if_match(etag(1))
    )
    assert changed.status_code == 200, changed.text

    read = await client.get(url, params={"lang": "*"}, headers=editor_gt.headers)
    assert read.status_code == 200, read.text
    assert read.json()["translations"]["description"] == {"es": SPANISH, "en": "New English text."}
    assert (read.headers["ETag"], read.headers["Cache-Control"]) == ('"v2-*"', "private, no-store")
    english = (await client.get(url, params={"lang": "en"})).json()
    spanish = (await client.get(url, params={"lang": "es"})).json()
    assert (english["description"], spanish["description"]) == ("New English text.", SPANISH)
    assert english["translations"] is None


async def test_null_removes_a_language_and_the_others_stay(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account
) -> None:
    record = _record(INSTITUTIONS)
    await factories.add(session, record)

    response = await client.patch(
        INSTITUTIONS.url(record.id),
        params={"lang": "*"},
        json={"description": {"en": None, "fr": "Texte en français."}},
        headers=editor_gt.with_if_match(etag(1)),
    )

    assert response.status_code == 200, response.text
    assert response.json()["translations"]["description"] == {"es": SPANISH, "fr": "Texte en français."}
    stored = await store.get(INSTITUTIONS.model, record.id)
    assert stored.description == {"es": SPANISH, "fr": "Texte en français."}


@pytest.mark.parametrize("removal", [{"es": None}, {"es": "  ", "en": "Only English."}])
async def test_a_patch_may_not_remove_the_spanish_text(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account, removal: dict[str, object]
) -> None:
    record = _record(INSTITUTIONS)
    await factories.add(session, record)

    response = await client.patch(
        INSTITUTIONS.url(record.id),
        json={"description": removal},
        headers=editor_gt.with_if_match(etag(1)),
    )

    assert (response.status_code, fields_named(response)) == (422, ["description"])
    assert "'es'" in error_of(response)["message"]
    assert (await store.get(INSTITUTIONS.model, record.id)).version == 1


@pytest.mark.parametrize(
    ("role", "countries", "status", "code"),
    [
        ("anonymous", (), 422, "invalid_parameter"),
        ("viewer", ("GT",), 403, "forbidden"),
        ("editor", ("HN",), 403, "forbidden"),
        ("editor", ("GT",), 200, None),
        ("admin", (), 200, None),
    ],
)
async def test_every_language_is_for_editors_of_the_records_country(
    client: httpx.AsyncClient,
    session: AsyncSession,
    account: MakeAccount,
    role: str,
    countries: tuple[str, ...],
    status: int,
    code: str | None,
) -> None:
    record = _record(INSTITUTIONS)
    await factories.add(session, record)
    caller = await account(role, countries)

    response = await client.get(
        INSTITUTIONS.url(record.id),
        params={"lang": "*"},
        headers=caller.headers,
    )

    assert (response.status_code, error_of(response).get("code")) == (status, code)
    if status == 200:
        assert response.json()["translations"]["description"] == record.description


async def test_every_language_is_refused_on_lists(client: httpx.AsyncClient, editor_gt: Account) -> None:
    response = await client.get(INSTITUTIONS.url(), params={"lang": "*"}, headers=editor_gt.headers)
    assert (response.status_code, fields_named(response)) == (422, ["lang"])


async def test_a_patch_of_one_language_of_a_service_type_name_keeps_the_others(
    client: httpx.AsyncClient, admin: Account
) -> None:
    url = "/api/v1/service-types/legal_assistance"
    before = await client.get(url, params={"lang": "es"})

    response = await client.patch(
        url, json={"name": {"en": "Legal help"}}, headers=admin.with_if_match(before.headers["ETag"])
    )

    assert response.status_code == 200, response.text
    assert (await client.get(url, params={"lang": "es"})).json()["name"] == before.json()["name"]
    assert (await client.get(url, params={"lang": "en"})).json()["name"] == "Legal help"
    current = admin.with_if_match(response.headers["ETag"])
    removed = await client.patch(url, json={"name": {"en": None}}, headers=current)
    assert (removed.status_code, fields_named(removed)) == (422, ["name"])


async def test_phone_labels_have_languages_and_a_plain_label_is_spanish(
    client: httpx.AsyncClient, store: Store, editor_gt: Account
) -> None:
    body = INSTITUTIONS.create_body("GT") | {"phones": [{"number": "+50200001234", "label": "Oficina"}]}
    created = await client.post(INSTITUTIONS.url(), json=body, headers=editor_gt.headers)
    assert created.status_code == 201, created.text
    url = created.headers["Location"]
    assert (await store.get(INSTITUTIONS.model, created.json()["id"])).phones[0]["label"] == {"es": "Oficina"}

    translated = [{"number": "+50200001234", "kind": "voice", "label": {"es": "Oficina", "en": "Office"}}]
    changed = await client.patch(url, json={"phones": translated}, headers=editor_gt.with_if_match("v1"))
    assert changed.status_code == 200, changed.text

    english = await client.get(url, params={"lang": "en"})
    spanish = await client.get(url, params={"lang": "es"})
    assert english.json()["phones"][0] | {"number": None} == {
        "number": None,
        "kind": "voice",
        "label": "Office",
        "label_language": "en",
    }
    assert (spanish.json()["phones"][0]["label"], spanish.json()["phones"][0]["label_language"]) == ("Oficina", "es")
    every = await client.get(url, params={"lang": "*"}, headers=editor_gt.headers)
    assert every.json()["translations"]["phones"] == translated


@pytest.mark.parametrize("label", [{"not a tag": "x"}, "x" * 121, {"en": "x" * 121}])
async def test_a_malformed_phone_label_gets_422(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account, label: object
) -> None:
    record = _record(INSTITUTIONS)
    await factories.add(session, record)

    response = await client.patch(
        INSTITUTIONS.url(record.id),
        json={"phones": [{"number": "+50200001234", "label": label}]},
        headers=editor_gt.with_if_match("v1"),
    )

    assert response.status_code == 422, response.text
    assert all(field.startswith("phones.0.label") for field in fields_named(response)), fields_named(response)


async def test_a_public_read_with_a_stale_token_answers_as_to_anyone(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    record = _record(INSTITUTIONS)
    await factories.add(session, record)
    stale = {"Authorization": "Bearer not-a-valid-token"}

    read = await client.get(INSTITUTIONS.url(record.id), headers=stale)
    every = await client.get(INSTITUTIONS.url(record.id), params={"lang": "*"}, headers=stale)

    assert (read.status_code, read.json()["translations"]) == (200, None)
    assert (every.status_code, fields_named(every)) == (422, ["lang"])
