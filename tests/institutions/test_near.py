"""Institutions by distance and by the nationality they serve: where is my consulate. The cases every record type
with a place shares are in tests/test_near.py."""

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.points import found, listing, near

URL = "/api/v1/institutions"
TAPACHULA = (14.9039, -92.2575)
TUXTLA_GUTIERREZ = (16.7528, -93.1152)
CIUDAD_DE_MEXICO = (19.4326, -99.1332)


def at(point: tuple[float, float], **fields: Any) -> Any:
    return factories.institution(latitude=point[0], longitude=point[1], **fields)


async def test_where_is_my_consulate(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        at(TAPACHULA, name="Consulado de Honduras en Tapachula", kind="consulate", nationalities_served=["HN"]),
        at(TAPACHULA, name="Consulado de Guatemala en Tapachula", kind="consulate", nationalities_served=["GT"]),
        at(TUXTLA_GUTIERREZ, name="Consulado de Honduras en Tuxtla", kind="consulate", nationalities_served=["HN"]),
        at(CIUDAD_DE_MEXICO, name="Embajada de Honduras", kind="consulate", nationalities_served=["HN"]),
        at(TAPACHULA, name="Casa del Migrante", kind="ngo", nationalities_served=["HN"]),
        at(TAPACHULA, name="Consulado general", kind="consulate", nationalities_served=["HN", "SV"], status="inactive"),
    )
    params = {"kind": "consulate", "nationality": "hn", "near": near(TAPACHULA), "radius_km": 500}

    result = await found(client, URL, params)

    assert [name for name, _ in result] == ["Consulado de Honduras en Tapachula", "Consulado de Honduras en Tuxtla"]
    assert result[0][1] == 0.0
    assert 200 < result[1][1] < 250


async def test_nationality_filter_is_any_of_and_case_insensitive(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        factories.institution(name="For Hondurans", kind="consulate", nationalities_served=["HN"]),
        factories.institution(name="For Salvadorans", kind="consulate", nationalities_served=["SV", "GT"]),
        factories.institution(name="For everyone", kind="ngo"),
    )

    async def names(params: Any) -> list[str]:
        return [item["name"] for item in (await listing(client, URL, params))["items"]]

    assert await names({"nationality": "gt"}) == ["For Salvadorans"]
    assert await names([("nationality", "HN"), ("nationality", "sv")]) == ["For Hondurans", "For Salvadorans"]
    assert await names({"nationality": "MX"}) == []


async def test_an_unknown_nationality_gets_422_naming_the_parameter(client: httpx.AsyncClient) -> None:
    response = await client.get(URL, params={"nationality": "XX"})

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == ["nationality"]
    assert "nationality" in error["message"]
