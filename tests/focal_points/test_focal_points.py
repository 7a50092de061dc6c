from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories

URL = "/api/v1/focal-points"


def _today():
    return datetime.now(UTC).date()


async def names(client: httpx.AsyncClient, params: Any = None) -> list[str]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["full_name"] for item in response.json()["items"]]


def keys_of(value: Any) -> set[str]:
    """Every key of every object in a JSON document, at any depth."""
    if isinstance(value, dict):
        return set(value) | {key for child in value.values() for key in keys_of(child)}
    if isinstance(value, list):
        return {key for child in value for key in keys_of(child)}
    return set()


async def test_list_is_paged_and_ordered_by_name(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, *(factories.focal_point(full_name=f"Person {letter}") for letter in "CAB"))

    body = (await client.get(URL, params={"limit": 2, "offset": 1})).json()

    assert (body["total"], body["limit"], body["offset"]) == (3, 2, 1)
    assert [item["full_name"] for item in body["items"]] == ["Person B", "Person C"]


async def test_filter_by_country(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.focal_point(full_name="In MX", country_code="MX"),
        factories.focal_point(full_name="In GT", country_code="GT"),
        factories.focal_point(full_name="In PA", country_code="PA"),
    )

    assert await names(client, {"country": "gt"}) == ["In GT"]
    assert await names(client, [("country", "MX"), ("country", "pa")]) == ["In MX", "In PA"]
    assert await names(client, {"country": "US"}) == []


async def test_filter_by_protection_system(client: httpx.AsyncClient, session: AsyncSession) -> None:
    first = factories.protection_system(name="First system")
    second = factories.protection_system(name="Second system")
    await factories.add(session, first, second)
    await factories.add(
        session,
        factories.focal_point(full_name="First A", protection_system_id=first.id),
        factories.focal_point(full_name="First B", protection_system_id=first.id),
        factories.focal_point(full_name="Second", protection_system_id=second.id),
        factories.focal_point(full_name="Unattached"),
    )

    assert await names(client, {"protection_system_id": first.id}) == ["First A", "First B"]
    assert await names(client, {"protection_system_id": second.id}) == ["Second"]
    unknown = await client.get(URL, params={"protection_system_id": "no-such-system"})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["details"][0]["field"] == "protection_system_id"
    listed = (await client.get(URL, params={"protection_system_id": second.id})).json()["items"]
    assert listed[0]["protection_system_id"] == second.id


async def test_search_over_name_position_and_topics(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.focal_point(full_name="Ana Pérez", position="Directora", topics=["asilo"]),
        factories.focal_point(full_name="Luis Gómez", position="Coordinador de protección", topics=["retorno"]),
        factories.focal_point(full_name="Marta Ruiz", position="Enlace", topics=["niñez no acompañada"]),
    )

    assert await names(client, {"q": "perez"}) == ["Ana Pérez"]
    assert await names(client, {"q": "PROTECCION"}) == ["Luis Gómez"]
    assert await names(client, {"q": "acompanada"}) == ["Marta Ruiz"]
    assert await names(client, {"q": "ana asilo"}) == ["Ana Pérez"]
    assert await names(client, {"q": "ana retorno"}) == []


async def test_personal_contact_is_not_searchable(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.focal_point(personal_email="secret.person@example.org", personal_phone="+50499998888")
    await factories.add(session, record)

    assert await names(client, {"q": "secret.person"}) == []
    assert await names(client, {"q": "+50499998888"}) == []


async def test_status_and_publication_rules(client: httpx.AsyncClient, session: AsyncSession) -> None:
    today = _today()
    await factories.add(
        session,
        factories.focal_point(full_name="Active"),
        factories.focal_point(full_name="Inactive", status="inactive"),
        factories.focal_point(full_name="Deleted", deleted_at=datetime.now(UTC)),
        factories.focal_point(full_name="Expired", valid_until=today - timedelta(days=2)),
        factories.focal_point(full_name="Valid today", valid_until=today),
    )

    assert await names(client) == ["Active", "Valid today"]
    assert await names(client, {"status": "inactive"}) == ["Inactive"]


async def test_public_contact_is_the_institutional_one(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.focal_point(
        full_name="Carla Núñez",
        country_code="HN",
        position="Enlace de protección",
        topics=["retorno", "reintegración"],
        public_email="proteccion@example.org",
        public_phone="+50400000010",
    )
    await factories.add(session, record)

    listed = (await client.get(URL)).json()["items"][0]
    one = (await client.get(f"{URL}/{record.id}")).json()

    for body in (listed, one):
        assert body["public_contact"] == {"email": "proteccion@example.org", "phone": "+50400000010"}
        assert (body["id"], body["full_name"], body["country_code"]) == (record.id, "Carla Núñez", "HN")
        assert (body["position"], body["topics"]) == ("Enlace de protección", ["retorno", "reintegración"])
        assert (body["status"], body["demo"]) == ("active", False)


async def test_personal_contact_never_appears(client: httpx.AsyncClient, session: AsyncSession) -> None:
    system = factories.protection_system()
    await factories.add(session, system)
    records = [
        factories.focal_point(protection_system_id=system.id),
        factories.focal_point(public_email=None, public_phone=None),
        factories.focal_point(status="inactive"),
    ]
    await factories.add(session, *records)
    secrets = [value for r in records for value in (r.personal_email, r.personal_phone)]
    assert all(secrets)

    responses = [
        await client.get(URL),
        await client.get(URL, params={"status": "inactive"}),
        await client.get(URL, params={"protection_system_id": system.id}),
        *[await client.get(f"{URL}/{r.id}") for r in records],
    ]

    assert sum(len(r.json()["items"]) for r in responses[:3]) == 4
    for response in responses:
        assert response.status_code == 200, response.text
        for secret in secrets:
            assert secret not in response.text
            assert secret.lstrip("+") not in response.text
        assert not [key for key in keys_of(response.json()) if "personal" in key.lower()]


async def test_without_a_public_contact_nothing_is_substituted(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    record = factories.focal_point(public_email=None, public_phone=None)
    await factories.add(session, record)

    body = (await client.get(f"{URL}/{record.id}")).json()

    assert body["public_contact"] == {"email": None, "phone": None}


@pytest.mark.parametrize(
    ("make_gone"),
    [
        pytest.param(lambda: {"deleted_at": datetime.now(UTC)}, id="deleted"),
        pytest.param(lambda: {"valid_until": _today() - timedelta(days=2)}, id="expired"),
        pytest.param(None, id="unknown"),
    ],
)
async def test_unpublished_or_unknown_is_not_found_by_id(
    client: httpx.AsyncClient, session: AsyncSession, make_gone: Any
) -> None:
    visible = factories.focal_point()
    await factories.add(session, visible)
    if make_gone is None:
        record_id = "00000000-0000-0000-0000-000000000000"
    else:
        gone = factories.focal_point(**make_gone())
        await factories.add(session, gone)
        record_id = gone.id

    response = await client.get(f"{URL}/{record_id}")

    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (404, "not_found")
    assert record_id in error["message"]
    assert (await client.get(f"{URL}/{visible.id}")).status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"protection_system_id": "x" * 65}, "protection_system_id"),
        ({"status": "gone"}, "status"),
        ({"limit": 1000}, "limit"),
        ({"verified_since": "soon"}, "verified_since"),
    ],
)
async def test_bad_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get(URL, params=params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == [field]
