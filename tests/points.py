"""Places for the `near=` tests, and points at a chosen distance and bearing from a place."""

import math
from typing import Any

import httpx

# A sphere of mean radius, as the API assumes; the test margins (0.5 % and more) dwarf the choice of radius.
EARTH_RADIUS_KM = 6371.0

TEGUCIGALPA = (14.0723, -87.1921)
SAN_PEDRO_SULA = (15.5042, -88.0250)
# Tegucigalpa to San Pedro Sula on the WGS 84 ellipsoid (Vincenty's formula), in km.
TEGUCIGALPA_SAN_PEDRO_SULA_KM = 182.05


def destination(start: tuple[float, float], distance_km: float, bearing_degrees: float) -> tuple[float, float]:
    """The point `distance_km` along the great circle leaving `start` at `bearing_degrees` (0 north, 90 east)."""
    angular = distance_km / EARTH_RADIUS_KM
    phi1, lambda1 = math.radians(start[0]), math.radians(start[1])
    theta = math.radians(bearing_degrees)
    phi2 = math.asin(math.sin(phi1) * math.cos(angular) + math.cos(phi1) * math.sin(angular) * math.cos(theta))
    lambda2 = lambda1 + math.atan2(
        math.sin(theta) * math.sin(angular) * math.cos(phi1), math.cos(angular) - math.sin(phi1) * math.sin(phi2)
    )
    longitude = (math.degrees(lambda2) + 540) % 360 - 180
    return math.degrees(phi2), longitude


def near(point: tuple[float, float]) -> str:
    return f"{point[0]},{point[1]}"


async def listing(client: httpx.AsyncClient, url: str, params: Any) -> dict[str, Any]:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def found(client: httpx.AsyncClient, url: str, params: Any) -> list[tuple[str, float]]:
    """(name, distance_km) of each item listed, in order."""
    return [(item["name"], item["distance_km"]) for item in (await listing(client, url, params))["items"]]
