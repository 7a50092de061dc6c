"""Distances on the Earth and the `near`/`radius_km` query parameters.

The Earth is taken as a sphere of mean radius 6371 km (one degree of latitude is 111.195 km): the great-circle
(haversine) distance is within 0.5 % of the ellipsoidal one, far closer than the addresses it is computed from.
"""

import math
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from app.core.errors import InvalidParameterError

EARTH_RADIUS_KM = 6371.0
DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 500.0
# The box is widened by about 10 cm so that rounding can never drop a point the exact distance keeps.
_BOX_MARGIN_DEGREES = 1e-6
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
# Plain ASCII decimals only: float() would also take "nan", "1e3", "1_000" and digits of other scripts.
_POINT = re.compile(rf"\s*({_NUMBER})\s*,\s*({_NUMBER})\s*")


@dataclass(frozen=True)
class Circle:
    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True)
class BoundingBox:
    """Latitude and longitude ranges (degrees) that hold every point of a circle.

    `longitude_ranges` is empty when every longitude is in (the circle reaches a pole), and holds two ranges
    when the circle crosses the antimeridian.
    """

    min_latitude: float
    max_latitude: float
    longitude_ranges: tuple[tuple[float, float], ...]


def bounding_box(circle: Circle) -> BoundingBox:
    """The smallest latitude/longitude box around a circle on the sphere.

    The widest longitude of a circle of angular radius d around latitude φ is asin(sin d / cos φ), reached north
    (or south) of the centre; the often-used d / cos φ is narrower and misses points near the edge at high
    latitudes. (Bounding coordinates as derived by J. P. Matuschek, "Finding Points Within a Distance of a
    Latitude/Longitude Using Bounding Coordinates".)
    """
    angular = circle.radius_km / EARTH_RADIUS_KM
    span = math.degrees(angular) + _BOX_MARGIN_DEGREES
    min_latitude, max_latitude = circle.latitude - span, circle.latitude + span
    if min_latitude <= -90 or max_latitude >= 90:
        # The circle holds a pole: every meridian passes through it.
        return BoundingBox(max(min_latitude, -90.0), min(max_latitude, 90.0), ())
    ratio = math.sin(angular) / math.cos(math.radians(circle.latitude))
    longitude_span = math.degrees(math.asin(min(1.0, ratio))) + _BOX_MARGIN_DEGREES
    if longitude_span >= 180:
        return BoundingBox(min_latitude, max_latitude, ())
    west, east = circle.longitude - longitude_span, circle.longitude + longitude_span
    if west < -180:
        ranges: tuple[tuple[float, float], ...] = ((west + 360, 180.0), (-180.0, east))
    elif east > 180:
        ranges = ((west, 180.0), (-180.0, east - 360))
    else:
        ranges = ((west, east),)
    return BoundingBox(min_latitude, max_latitude, ranges)


def parse_point(text: str) -> tuple[float, float]:
    """`"lat,lon"` in decimal degrees -> (lat, lon). Raises ValueError with a message for the client."""
    match = _POINT.fullmatch(text)
    if match is None:
        raise ValueError("must be 'latitude,longitude' in decimal degrees, e.g. '14.0723,-87.1921'")
    latitude, longitude = float(match.group(1)), float(match.group(2))
    if not -90 <= latitude <= 90:
        raise ValueError("latitude must be between -90 and 90")
    if not -180 <= longitude <= 180:
        raise ValueError("longitude must be between -180 and 180")
    return latitude, longitude


async def _near(
    near: Annotated[
        str | None,
        Query(
            max_length=64,
            description="Only records within `radius_km` of this point, nearest first, each with its "
            "`distance_km`: `latitude,longitude` in decimal degrees (WGS 84). Records without coordinates are "
            "left out, and so are records whose location is confidential: their hidden coordinates are never "
            "used to find or order them.",
            examples=["14.0723,-87.1921"],
        ),
    ] = None,
    radius_km: Annotated[
        float | None,
        Query(
            gt=0,
            le=MAX_RADIUS_KM,
            description=f"Search radius around `near` in km (great-circle distance), at most {MAX_RADIUS_KM:g}. "
            f"Default {DEFAULT_RADIUS_KM:g}. Only together with `near`.",
            examples=[10],
        ),
    ] = None,
) -> Circle | None:
    if near is None:
        if radius_km is not None:
            raise InvalidParameterError("query", "radius_km", "only allowed together with 'near'")
        return None
    try:
        latitude, longitude = parse_point(near)
    except ValueError as error:
        raise InvalidParameterError("query", "near", str(error)) from None
    return Circle(latitude, longitude, DEFAULT_RADIUS_KM if radius_km is None else radius_km)


NearDep = Annotated[Circle | None, Depends(_near)]
