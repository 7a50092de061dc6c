from typing import Annotated

from fastapi import Depends, Path, Query

from app.auth.dependencies import CurrentUser
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, InvalidParameterError
from app.core.filters import SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.vocabulary import RecordStatus
from app.countries.dependencies import CountryFilterDep
from app.focal_points.models import FocalPoint
from app.focal_points.repository import FocalPointFilters
from app.protection_systems.models import ProtectionSystem
from app.records import dependencies as records
from app.records import repository as records_repository


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
    if (
        protection_system_id
        and await records_repository.get_public(session, ProtectionSystem, protection_system_id) is None
    ):
        raise InvalidParameterError("query", "protection_system_id", "no published protection system with this id")
    return FocalPointFilters(
        countries=countries,
        status=status,
        verified_since=verified_since,
        q=q,
        protection_system_id=protection_system_id,
    )


FocalPointId = Annotated[str, Path(max_length=64, description="The focal point's id.")]


async def _published_focal_point(session: SessionDep, focal_point_id: FocalPointId) -> FocalPoint:
    return await records.published(session, FocalPoint, focal_point_id)


async def editable_focal_point(session: SessionDep, focal_point_id: FocalPointId) -> FocalPoint:
    return await records.editable(session, FocalPoint, focal_point_id)


FocalPointFiltersDep = Annotated[FocalPointFilters, Depends(_focal_point_filters)]
PublishedFocalPointDep = Annotated[FocalPoint, Depends(_published_focal_point)]


async def _readable_focal_point(
    user: CurrentUser, focal_point: Annotated[FocalPoint, Depends(editable_focal_point)]
) -> FocalPoint:
    if not user.may_read_country(focal_point.country_code):
        raise ForbiddenError(f"Your account may not read private data of country '{focal_point.country_code}'.")
    return focal_point


ReadableFocalPointDep = Annotated[FocalPoint, Depends(_readable_focal_point)]
