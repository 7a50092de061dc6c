"""GET /<records>?near=lat,lon&radius_km=…, for every record type with a place: within the radius, nearest
first, each with its distance. The institutions' own cases (consulates by nationality) are in
tests/institutions/test_near.py."""

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Located:
    """A record type found by distance, and what its own filters look at."""

    url: str
    factory: Callable[..., Any]
    service_types: tuple[str, str]  # two of its service types, to filter by
    flag: str  # its yes/no filter

    def at(self, point: tuple[float, float], **fields: Any) -> Any:
        return self.factory(latitude=point[0], longitude=point[1], **fields)


@pytest.fixture(
    params=[
        pytest.param(
            Located(
                "/api/v1/institutions", factories.institution, ("shelter", "legal_assistance"), "emergency_response"
            ),
            id="institutions",
        ),
        pytest.param(
            Located(
                "/api/v1/emergency-services",
                factories.emergency_service,
                ("mobile_response_team", "emergency_hotline"),
                "available_24h",
            ),
            id="emergency_services",
        ),
    ]
)
def located(request: pytest.FixtureRequest) -> Located:
    record_type: Located = request.param
    return record_type


async def test_nearest_first_with_distances(client: httpx.AsyncClient, session: AsyncSession, located: Located) -> None:
    await factories.add(
        session,
        located.at(destination(TEGUCIGALPA, 12.0, 200), name="A twelve"),
        located.at(destination(TEGUCIGALPA, 3.0, 10), name="B three"),
        located.at(destination(TEGUCIGALPA, 20.0, 90), name="C twenty"),
        located.at(destination(TEGUCIGALPA, 7.5, 300), name="D seven and a half"),
    )

    assert await found(client, located.url, {"near": near(TEGUCIGALPA)}) == [
        ("B three", 3.0),
        ("D seven and a half", 7.5),
        ("A twelve", 12.0),
        ("C twenty", 20.0),
    ]


async def test_equal_distances_are_ordered_by_id(
    client: httpx.AsyncClient, session: AsyncSession, located: Located
) -> None:
    place = destination(TEGUCIGALPA, 5.0, 45)
    records = [located.at(place, name=f"Same place {n}") for n in range(4)]
    await factories.add(session, *records, located.at(TEGUCIGALPA, name="Centre"))

    body = await listing(client, located.url, {"near": near(TEGUCIGALPA)})

    assert [item["id"] for item in body["items"][1:]] == sorted(record.id for record in records)


async def test_paging_applies_after_ordering_and_total_counts_only_the_radius(
    client: httpx.AsyncClient, session: AsyncSession, located: Located
) -> None:
    await factories.add(
        session,
        *(located.at(destination(TEGUCIGALPA, km, 135), name=f"{km:02d} km") for km in (9, 1, 5, 3, 7)),
        # In the corner of the box around the circle, but outside the circle.
        located.at(destination(TEGUCIGALPA, 13.0, 135), name="In the box only"),
        located.at(destination(TEGUCIGALPA, 40.0, 135), name="Outside"),
        located.factory(name="No coordinates", latitude=None, longitude=None),
    )

    body = await listing(client, located.url, {"near": near(TEGUCIGALPA), "radius_km": 10, "limit": 2, "offset": 1})

    assert body["total"] == 5
    assert [item["name"] for item in body["items"]] == ["03 km", "05 km"]
    past_the_end = await listing(client, located.url, {"near": near(TEGUCIGALPA), "radius_km": 10, "offset": 5})
    assert (past_the_end["total"], past_the_end["items"]) == (5, [])


@pytest.mark.parametrize(("radius", "inside", "outside"), [(10, 9.95, 10.05), (50, 49.8, 50.2)])
async def test_radius_bounds(
    client: httpx.AsyncClient,
    session: AsyncSession,
    located: Located,
    radius: float,
    inside: float,
    outside: float,
) -> None:
    # On the diagonal, `outside` lies inside the latitude/longitude box: only the exact distance leaves it out.
    await factories.add(
        session,
        located.at(destination(TEGUCIGALPA, inside, 90), name="East inside"),
        located.at(destination(TEGUCIGALPA, inside, 225), name="Diagonal inside"),
        located.at(destination(TEGUCIGALPA, outside, 45), name="Diagonal outside"),
        located.at(destination(TEGUCIGALPA, outside, 0), name="North outside"),
    )

    result = await found(client, located.url, {"near": near(TEGUCIGALPA), "radius_km": radius})

    assert sorted(name for name, _ in result) == ["Diagonal inside", "East inside"]
    assert [distance for _, distance in result] == [pytest.approx(inside, abs=0.1)] * 2  # rounded to 0.1 km
    wider = await found(client, located.url, {"near": near(TEGUCIGALPA), "radius_km": outside + 0.05})
    assert len(wider) == 4


async def test_default_radius_is_25_km(client: httpx.AsyncClient, session: AsyncSession, located: Located) -> None:
    await factories.add(
        session,
        located.at(destination(TEGUCIGALPA, 24.9, 180), name="Inside"),
        located.at(destination(TEGUCIGALPA, 25.1, 180), name="Outside"),
    )

    assert [name for name, _ in await found(client, located.url, {"near": near(TEGUCIGALPA)})] == ["Inside"]


async def test_distance_matches_the_real_one(
    client: httpx.AsyncClient, session: AsyncSession, located: Located
) -> None:
    await factories.add(session, located.at(SAN_PEDRO_SULA, name="San Pedro Sula", country_code="HN"))

    [(_, distance)] = await found(client, located.url, {"near": near(TEGUCIGALPA), "radius_km": 200})

    assert abs(distance - TEGUCIGALPA_SAN_PEDRO_SULA_KM) / TEGUCIGALPA_SAN_PEDRO_SULA_KM < 0.01
    assert distance == round(distance, 1)


async def test_without_near_there_is_no_distance(
    client: httpx.AsyncClient, session: AsyncSession, located: Located
) -> None:
    await factories.add(session, located.at(TEGUCIGALPA))

    [item] = (await listing(client, located.url, {}))["items"]

    assert item["distance_km"] is None


@pytest.mark.parametrize(
    ("centre", "distances"),
    [((0.0, 179.9), [0.0, 22.2]), ((0.0, -179.9), [0.0, 22.2]), ((0.05, 180.0), [12.4, 12.4])],
)
async def test_across_the_antimeridian(
    client: httpx.AsyncClient,
    session: AsyncSession,
    located: Located,
    centre: tuple[float, float],
    distances: list[float],
) -> None:
    await factories.add(
        session,
        located.at((0.0, 179.9), name="West of the line"),
        located.at((0.0, -179.9), name="East of the line"),
        located.at((0.0, 179.0), name="Too far west"),
        located.at((0.0, -179.0), name="Too far east"),
    )

    result = await found(client, located.url, {"near": near(centre)})

    assert {name for name, _ in result} == {"West of the line", "East of the line"}
    assert [distance for _, distance in result] == distances


@pytest.mark.parametrize(
    ("centre", "across_the_pole"),
    [
        ((89.9, 0.0), (89.9, 180.0)),
        ((-89.9, 0.0), (-89.9, 180.0)),
        ((-89.9, 45.0), (-89.9, -135.0)),
        ((89.95, -170.0), (89.95, 10.0)),
    ],
)
async def test_around_the_poles(
    client: httpx.AsyncClient,
    session: AsyncSession,
    located: Located,
    centre: tuple[float, float],
    across_the_pole: tuple[float, float],
) -> None:
    await factories.add(
        session,
        located.at(across_the_pole, name="Across the pole"),
        located.at((90.0 if centre[0] > 0 else -90.0, 0.0), name="The pole"),
        located.at((centre[0] - 0.3 if centre[0] > 0 else centre[0] + 0.3, centre[1]), name="Too far from the pole"),
        located.at((0.0, 0.0), name="Equator"),
    )

    result = await found(client, located.url, {"near": near(centre)})

    assert [name for name, _ in result] == ["The pole", "Across the pole"]
    assert result[1][1] == pytest.approx(2 * (90 - abs(centre[0])) * 111.195, abs=0.15)


async def test_box_is_wide_enough_at_high_latitudes(
    client: httpx.AsyncClient, session: AsyncSession, located: Located
) -> None:
    # 494 km from (80, 0), but 26.5° of longitude away: beyond radius / (111.195 km · cos 80°) = 25.9°.
    await factories.add(
        session, located.at((81.0, 26.5), name="North-east"), located.at((81.0, -26.5), name="North-west")
    )

    result = await found(client, located.url, {"near": "80,0", "radius_km": 500})

    assert sorted(name for name, _ in result) == ["North-east", "North-west"]
    assert result[0][1] == pytest.approx(494.1, abs=0.2)


async def test_confidential_and_unlocated_records_are_never_found(
    client: httpx.AsyncClient, session: AsyncSession, located: Located
) -> None:
    await factories.add(
        session,
        located.at(TEGUCIGALPA, name="Safe house", location_confidential=True),
        located.at(TEGUCIGALPA, name="Office"),
        located.factory(name="Somewhere", latitude=None, longitude=None),
    )

    assert [name for name, _ in await found(client, located.url, {"near": near(TEGUCIGALPA), "radius_km": 500})] == [
        "Office"
    ]
    everyone = [item["name"] for item in (await listing(client, located.url, {}))["items"]]
    assert everyone == ["Office", "Safe house", "Somewhere"]


async def test_other_filters_still_apply(client: httpx.AsyncClient, session: AsyncSession, located: Located) -> None:
    close = destination(TEGUCIGALPA, 2.0, 0)
    first, second = located.service_types
    await factories.add(
        session,
        located.at(close, name="Alpha", service_types=(first,), country_code="HN", **{located.flag: True}),
        located.at(close, name="Beta", service_types=(second,), country_code="HN", **{located.flag: False}),
        located.at(close, name="Inactive", status="inactive", country_code="HN"),
        located.at(close, name="Deleted", deleted_at=factories.datetime.now(factories.UTC), country_code="HN"),
        located.at(close, name="In Guatemala", service_types=(first,), country_code="GT", **{located.flag: True}),
    )

    async def names(**params: str) -> list[str]:
        return sorted(name for name, _ in await found(client, located.url, {"near": near(TEGUCIGALPA), **params}))

    assert await names() == ["Alpha", "Beta", "In Guatemala"]
    assert await names(service_type=first) == ["Alpha", "In Guatemala"]
    assert await names(**{located.flag: "false"}) == ["Beta"]
    assert await names(status="inactive") == ["Inactive"]
    assert await names(q="beta") == ["Beta"]
    assert await names(country="gt") == ["In Guatemala"]
    assert await names(country="HN", service_type=first) == ["Alpha"]
    assert await found(client, located.url, {"near": near(TEGUCIGALPA), "country": "MX"}) == []


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
        ({"near": "0,-181"}, "near"),
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
    ],
)
async def test_bad_location_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, located: Located, params: dict[str, object], field: str
) -> None:
    response = await client.get(located.url, params=params)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == [field]
    assert field in error["message"]


@pytest.mark.parametrize("point", ["90,180", "-90,-180", " 14.07 , -87.19 ", "+14,-87", "14.,-87", ".5,-.5"])
async def test_edge_and_loose_coordinates_are_accepted(client: httpx.AsyncClient, located: Located, point: str) -> None:
    response = await client.get(located.url, params={"near": point, "radius_km": 500})

    assert response.status_code == 200, response.text
