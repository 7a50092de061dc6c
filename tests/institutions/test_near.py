"""GET /institutions?near=lat,lon&radius_km=…: within the radius, nearest first, each with its distance."""

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

URL = "/api/v1/institutions"
TAPACHULA = (14.9039, -92.2575)
TUXTLA_GUTIERREZ = (16.7528, -93.1152)
CIUDAD_DE_MEXICO = (19.4326, -99.1332)


def at(point: tuple[float, float], **fields: Any) -> Any:
    return factories.institution(latitude=point[0], longitude=point[1], **fields)


async def test_nearest_first_with_distances(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        at(destination(TEGUCIGALPA, 12.0, 200), name="A twelve"),
        at(destination(TEGUCIGALPA, 3.0, 10), name="B three"),
        at(destination(TEGUCIGALPA, 20.0, 90), name="C twenty"),
        at(destination(TEGUCIGALPA, 7.5, 300), name="D seven and a half"),
    )

    assert await found(client, URL, {"near": near(TEGUCIGALPA)}) == [
        ("B three", 3.0),
        ("D seven and a half", 7.5),
        ("A twelve", 12.0),
        ("C twenty", 20.0),
    ]


async def test_equal_distances_are_ordered_by_id(client: httpx.AsyncClient, session: AsyncSession) -> None:
    place = destination(TEGUCIGALPA, 5.0, 45)
    records = [at(place, name=f"Same place {n}") for n in range(4)]
    await factories.add(session, *records, at(TEGUCIGALPA, name="Centre"))

    body = await listing(client, URL, {"near": near(TEGUCIGALPA)})

    assert [item["id"] for item in body["items"][1:]] == sorted(record.id for record in records)


async def test_paging_applies_after_ordering_and_total_counts_only_the_radius(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        *(at(destination(TEGUCIGALPA, km, 135), name=f"{km:02d} km") for km in (9, 1, 5, 3, 7)),
        # In the corner of the box around the circle, but outside the circle.
        at(destination(TEGUCIGALPA, 13.0, 135), name="In the box only"),
        at(destination(TEGUCIGALPA, 40.0, 135), name="Outside"),
        factories.institution(name="No coordinates", latitude=None, longitude=None),
    )

    body = await listing(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 10, "limit": 2, "offset": 1})

    assert body["total"] == 5
    assert [item["name"] for item in body["items"]] == ["03 km", "05 km"]
    past_the_end = await listing(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 10, "offset": 5})
    assert (past_the_end["total"], past_the_end["items"]) == (5, [])


async def test_radius_bounds(client: httpx.AsyncClient, session: AsyncSession) -> None:
    # On the diagonal, 10.05 km lies inside the latitude/longitude box: only the exact distance leaves it out.
    await factories.add(
        session,
        at(destination(TEGUCIGALPA, 9.95, 90), name="East inside"),
        at(destination(TEGUCIGALPA, 9.95, 225), name="Diagonal inside"),
        at(destination(TEGUCIGALPA, 10.05, 45), name="Diagonal outside"),
        at(destination(TEGUCIGALPA, 10.05, 0), name="North outside"),
    )

    names = [name for name, _ in await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 10})]
    assert sorted(names) == ["Diagonal inside", "East inside"]
    wider = [name for name, _ in await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 10.1})]
    assert len(wider) == 4


async def test_default_radius_is_25_km(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        at(destination(TEGUCIGALPA, 24.9, 180), name="Inside"),
        at(destination(TEGUCIGALPA, 25.1, 180), name="Outside"),
    )

    assert [name for name, _ in await found(client, URL, {"near": near(TEGUCIGALPA)})] == ["Inside"]


async def test_distance_matches_the_real_one(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, at(SAN_PEDRO_SULA, name="San Pedro Sula", country_code="HN"))

    [(_, distance)] = await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 200})

    assert abs(distance - TEGUCIGALPA_SAN_PEDRO_SULA_KM) / TEGUCIGALPA_SAN_PEDRO_SULA_KM < 0.01
    assert distance == round(distance, 1)


async def test_without_near_there_is_no_distance(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, at(TEGUCIGALPA))

    [item] = (await listing(client, URL, {}))["items"]

    assert item["distance_km"] is None


@pytest.mark.parametrize(
    ("centre", "distances"),
    [((0.0, 179.9), [0.0, 22.2]), ((0.0, -179.9), [0.0, 22.2]), ((0.05, 180.0), [12.4, 12.4])],
)
async def test_across_the_antimeridian(
    client: httpx.AsyncClient, session: AsyncSession, centre: tuple[float, float], distances: list[float]
) -> None:
    await factories.add(
        session,
        at((0.0, 179.9), name="West of the line"),
        at((0.0, -179.9), name="East of the line"),
        at((0.0, 179.0), name="Too far west"),
        at((0.0, -179.0), name="Too far east"),
    )

    result = await found(client, URL, {"near": near(centre)})

    assert {name for name, _ in result} == {"West of the line", "East of the line"}
    assert [distance for _, distance in result] == distances


@pytest.mark.parametrize(
    ("centre", "across_the_pole"),
    [((89.9, 0.0), (89.9, 180.0)), ((-89.9, 45.0), (-89.9, -135.0)), ((89.95, -170.0), (89.95, 10.0))],
)
async def test_around_the_poles(
    client: httpx.AsyncClient,
    session: AsyncSession,
    centre: tuple[float, float],
    across_the_pole: tuple[float, float],
) -> None:
    await factories.add(
        session,
        at(across_the_pole, name="Across the pole"),
        at((90.0 if centre[0] > 0 else -90.0, 0.0), name="The pole"),
        at((centre[0] - 0.3 if centre[0] > 0 else centre[0] + 0.3, centre[1]), name="Too far from the pole"),
    )

    result = await found(client, URL, {"near": near(centre)})

    assert [name for name, _ in result] == ["The pole", "Across the pole"]
    assert result[1][1] == pytest.approx(2 * (90 - abs(centre[0])) * 111.195, abs=0.15)


async def test_box_is_wide_enough_at_high_latitudes(client: httpx.AsyncClient, session: AsyncSession) -> None:
    # 494 km from (80, 0), but 26.5° of longitude away: beyond radius / (111.195 km · cos 80°) = 25.9°.
    await factories.add(session, at((81.0, 26.5), name="North-east"), at((81.0, -26.5), name="North-west"))

    result = await found(client, URL, {"near": "80,0", "radius_km": 500})

    assert sorted(name for name, _ in result) == ["North-east", "North-west"]
    assert result[0][1] == pytest.approx(494.1, abs=0.2)


async def test_confidential_and_unlocated_records_are_never_found(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        at(TEGUCIGALPA, name="Safe house", location_confidential=True),
        at(TEGUCIGALPA, name="Office"),
        factories.institution(name="Somewhere", latitude=None, longitude=None),
    )

    assert [name for name, _ in await found(client, URL, {"near": near(TEGUCIGALPA), "radius_km": 500})] == ["Office"]
    everyone = [item["name"] for item in (await listing(client, URL, {}))["items"]]
    assert everyone == ["Office", "Safe house", "Somewhere"]


async def test_other_filters_still_apply(client: httpx.AsyncClient, session: AsyncSession) -> None:
    close = destination(TEGUCIGALPA, 2.0, 0)
    await factories.add(
        session,
        at(close, name="Shelter", service_types=("shelter",), emergency_response=True, country_code="HN"),
        at(close, name="Lawyers", service_types=("legal_assistance",), country_code="HN"),
        at(close, name="Inactive", status="inactive", country_code="HN"),
        at(close, name="Deleted", deleted_at=factories.datetime.now(factories.UTC), country_code="HN"),
    )
    centre = near(TEGUCIGALPA)

    assert sorted(name for name, _ in await found(client, URL, {"near": centre})) == ["Lawyers", "Shelter"]
    assert [name for name, _ in await found(client, URL, {"near": centre, "service_type": "shelter"})] == ["Shelter"]
    assert [name for name, _ in await found(client, URL, {"near": centre, "emergency_response": "false"})] == [
        "Lawyers"
    ]
    assert [name for name, _ in await found(client, URL, {"near": centre, "status": "inactive"})] == ["Inactive"]
    assert [name for name, _ in await found(client, URL, {"near": centre, "q": "lawyers"})] == ["Lawyers"]
    assert await found(client, URL, {"near": centre, "country": "GT"}) == []


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


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"near": "abc"}, "near"),
        ({"near": "1"}, "near"),
        ({"near": "1,2,3"}, "near"),
        ({"near": ""}, "near"),
        ({"near": "91,0"}, "near"),
        ({"near": "-90.0001,0"}, "near"),
        ({"near": "0,181"}, "near"),
        ({"near": "0,-180.5"}, "near"),
        ({"near": "nan,0"}, "near"),
        ({"near": "inf,0"}, "near"),
        ({"near": "1e1,0"}, "near"),
        ({"near": "١٤,٨٧"}, "near"),
        ({"near": "1" * 65}, "near"),
        ({"near": "14,-87", "radius_km": 0}, "radius_km"),
        ({"near": "14,-87", "radius_km": -5}, "radius_km"),
        ({"near": "14,-87", "radius_km": 10000}, "radius_km"),
        ({"near": "14,-87", "radius_km": "nan"}, "radius_km"),
        ({"near": "14,-87", "radius_km": "far"}, "radius_km"),
        ({"radius_km": 10}, "radius_km"),
        ({"nationality": "XX"}, "nationality"),
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
    assert field in error["message"]


@pytest.mark.parametrize("point", ["90,180", "-90,-180", " 14.07 , -87.19 ", "+14,-87", "14.,-87", ".5,-.5"])
async def test_edge_and_loose_coordinates_are_accepted(client: httpx.AsyncClient, point: str) -> None:
    response = await client.get(URL, params={"near": point, "radius_km": 500})

    assert response.status_code == 200, response.text
