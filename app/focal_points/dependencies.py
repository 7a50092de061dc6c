from typing import Annotated

from fastapi import Depends, Path, Query

from app.auth.dependencies import CurrentUser
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, InvalidParameterError, NotFoundError
from app.core.filters import SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.vocabulary import RecordStatus
from app.countries.dependencies import CountryFilterDep
from app.focal_points import repository
from app.focal_points.models import FocalPoint
from app.focal_points.repository import FocalPointFilters
from app.protection_systems import repository as protection_systems


async def _focal_point_filters(
    session: SessionDep,
    countries: CountryFilterDep,
    protection_system_id: Annotated[
        str | None, Query(max_length=64, description="Only focal points of this protection system.")
    ] = None,
    status: StatusQuery = RecordStatus.active,
    verified_since: VerifiedSinceQuery = None,
    q: SearchQuery = None,
) -> FocalPointFilters:
    if protection_system_id and await protection_systems.get_public(session, protection_system_id) is None:
        raise InvalidParameterError("query", "protection_system_id", "no published protection system with this id")
    return FocalPointFilters(
        countries=countries,
        status=status,
        verified_since=verified_since,
        q=q,
        protection_system_id=protection_system_id,
    )


async def _published_focal_point(
    session: SessionDep,
    focal_point_id: Annotated[str, Path(max_length=64, description="The focal point's id.")],
) -> FocalPoint:
    focal_point = await repository.get_public(session, focal_point_id)
    if focal_point is None:
        raise NotFoundError(f"No published focal point with id '{focal_point_id}'.")
    return focal_point


FocalPointFiltersDep = Annotated[FocalPointFilters, Depends(_focal_point_filters)]
PublishedFocalPointDep = Annotated[FocalPoint, Depends(_published_focal_point)]


async def editable_focal_point(
    session: SessionDep, focal_point_id: Annotated[str, Path(max_length=64, description="The focal point's id.")]
) -> FocalPoint:
    focal_point = await repository.get_editable(session, focal_point_id)
    if focal_point is None:
        raise NotFoundError(f"No focal point with id '{focal_point_id}'.")
    return focal_point


async def _readable_focal_point(
    user: CurrentUser, focal_point: Annotated[FocalPoint, Depends(editable_focal_point)]
) -> FocalPoint:
    if not user.may_read_country(focal_point.country_code):
        raise ForbiddenError(f"Your account may not read private data of country '{focal_point.country_code}'.")
    return focal_point


ReadableFocalPointDep = Annotated[FocalPoint, Depends(_readable_focal_point)]
