"""Filters check codes against reference data kept in memory per directory version: a new country or service
type is usable in filters at once."""

import httpx

from tests.curation.conftest import Account

INSTITUTIONS = "/api/v1/institutions"


async def test_a_new_service_type_is_a_valid_filter_at_once(client: httpx.AsyncClient, admin: Account) -> None:
    params = {"service_type": "child_friendly_spaces"}
    assert (await client.get(INSTITUTIONS, params=params)).status_code == 422

    created = await client.post(
        "/api/v1/service-types",
        json={
            "code": "child_friendly_spaces",
            "parent_code": "psychosocial_support",
            "name": {"es": "Espacios amigables", "en": "Child-friendly spaces"},
            "description": {"es": "Espacios seguros para la niñez.", "en": "Safe spaces for children."},
        },
        headers=admin.headers,
    )
    assert created.status_code == 201, created.text

    assert (await client.get(INSTITUTIONS, params=params)).status_code == 200
    # The parent now also stands for its new child.
    assert (await client.get(INSTITUTIONS, params={"service_type": "psychosocial_support"})).status_code == 200


async def test_a_new_country_is_a_valid_filter_at_once(client: httpx.AsyncClient, admin: Account) -> None:
    assert (await client.get(INSTITUTIONS, params={"country": "CO"})).status_code == 422

    created = await client.post(
        "/api/v1/countries",
        json={"code": "CO", "name": {"es": "Colombia", "en": "Colombia"}},
        headers=admin.headers,
    )
    assert created.status_code == 201, created.text

    answer = await client.get(INSTITUTIONS, params={"country": "CO"})
    assert answer.status_code == 200
    assert answer.json()["total"] == 0
