"""GET /emergency-services?near=lat,lon&radius_km=…: within the radius, nearest first, each with its distance."""

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.points import (
    SAN_PEDRO_SULA,
    TEGUCIGALPA,
    TEGUCIGALPA_SAN_PEDRO_SULA_KM,
    destination,
    found,
    listing,
    near,
)

URL = "/api/v1/emergency-services"


def at(point: tuple[float, float], **fields: Any) -> Any:
    return factories.emergency_service(latitude=point[0], longitude=point[1], **fields)


async def test_nearest_first_with_distances_and_paging(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        at(destination(TEGUCIGALPA, 12.0, 200), name="Twelve"),
        at(destination(TEGUCIGALPA, 3.0, 10), name="Three"),
        at(destination(TEGUCIGALPA, 20.0, 90), name="Twenty"),
        at(destination(TEGUCIGALPA, 7.5, 300), name="Seven and a half"),
        at(destination(TEGUCIGALPA, 30.0, 300), name="Thirty"),
    )

    assert await found(client, URL, {"near": near(TEGUCIGALPA)}) == [
        ("Three", 3.0),
        ("Seven and a half", 7.5),
        ("Twelve", 12.0),
        ("Twenty", 20.0),
    ]
    body = await listing(client, URL, {"near": near(TEGUCIGALPA), "limit": 2, "offset": 1})
    assert body["total"] == 4
    assert [item["name"] for item in body["items"]] == ["Seven and a half", "Twelve"]


async def test_radius_bounds(client: httpx.AsyncClient, session: AsyncSession) -> None:
    # On the diagonal, 50.2 km lies inside the latitude/longitude box: only the exact distance leaves it out.
    await factories.add(
        session,
        at(destination(TEGUCIGALPA, 49.8, 270), name="West inside"),
        at(destination(TEGUCIGALPA, 49.8, 135), name="Diagonal inside"),
        at(destination(TEGUCIGALPA, 50.2, 315), name="Diagonal outside"),
        at(destination(TEGUCIGALPA, 50.2, 180), name="South outside"),
    )

    result = await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 50})

    assert sorted(name for name, _ in result) == ["Diagonal inside", "West inside"]
    assert [distance for _, distance in result] == [49.8, 49.8]


async def test_distance_matches_the_real_one(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, at(SAN_PEDRO_SULA, name="San Pedro Sula"))

    [(_, distance)] = await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 200})

    assert abs(distance - TEGUCIGALPA_SAN_PEDRO_SULA_KM) / TEGUCIGALPA_SAN_PEDRO_SULA_KM < 0.01


async def test_without_near_there_is_no_distance(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, at(TEGUCIGALPA))

    [item] = (await listing(client, URL, {}))["items"]

    assert item["distance_km"] is None


@pytest.mark.parametrize("centre", [(0.0, 179.9), (0.0, -179.9)])
async def test_across_the_antimeridian(
    client: httpx.AsyncClient, session: AsyncSession, centre: tuple[float, float]
) -> None:
    await factories.add(
        session,
        at((0.0, 179.9), name="West of the line"),
        at((0.0, -179.9), name="East of the line"),
        at((0.0, 179.0), name="Too far"),
    )

    result = await found(client, URL, {"near": near(centre)})

    assert {name for name, _ in result} == {"West of the line", "East of the line"}
    assert [distance for _, distance in result] == [0.0, 22.2]


@pytest.mark.parametrize(("centre", "across_the_pole"), [((89.9, 0.0), (89.9, 180.0)), ((-89.9, 0.0), (-89.9, 180.0))])
async def test_across_a_pole(
    client: httpx.AsyncClient,
    session: AsyncSession,
    centre: tuple[float, float],
    across_the_pole: tuple[float, float],
) -> None:
    await factories.add(session, at(across_the_pole, name="Across the pole"), at((0.0, 0.0), name="Equator"))

    assert await found(client, URL, {"near": near(centre)}) == [("Across the pole", 22.2)]


async def test_confidential_and_unlocated_services_are_never_found(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        at(TEGUCIGALPA, name="Safe shelter", location_confidential=True),
        at(TEGUCIGALPA, name="Office"),
        factories.emergency_service(name="National hotline", latitude=None, longitude=None),
    )

    assert [name for name, _ in await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 500})] == ["Office"]
    everyone = [item["name"] for item in (await listing(client, URL, {}))["items"]]
    assert everyone == ["National hotline", "Office", "Safe shelter"]


async def test_other_filters_still_apply(client: httpx.AsyncClient, session: AsyncSession) -> None:
    close = destination(TEGUCIGALPA, 2.0, 0)
    await factories.add(
        session,
        at(close, name="Around the clock", available_24h=True),
        at(close, name="Office hours", available_24h=False),
        at(close, name="Inactive", status="inactive"),
        at(close, name="In Guatemala", country_code="GT"),
    )
    centre = near(TEGUCIGALPA)

    assert await found(client, URL, {"near": centre, "available_24h": "false"}) == [("Office hours", 2.0)]
    assert await found(client, URL, {"near": centre, "status": "inactive"}) == [("Inactive", 2.0)]
    assert await found(client, URL, {"near": centre, "country": "gt"}) == [("In Guatemala", 2.0)]
    assert len(await found(client, URL, {"near": centre})) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"near": "abc"}, "near"),
        ({"near": "1"}, "near"),
        ({"near": "91,0"}, "near"),
        ({"near": "0,181"}, "near"),
        ({"near": "0,-181"}, "near"),
        ({"near": "14,-87", "radius_km": 0}, "radius_km"),
        ({"near": "14,-87", "radius_km": 10000}, "radius_km"),
        ({"radius_km": 10}, "radius_km"),
    ],
)
async def test_bad_location_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get(URL, params=params)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == [field]
