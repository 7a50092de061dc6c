from typing import Annotated

from fastapi import Depends, Query

from app.auth.dependencies import CurrentUser
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, InvalidParameterError
from app.focal_points.models import FocalPoint
from app.focal_points.repository import FocalPointFilters
from app.protection_systems.models import ProtectionSystem
from app.records import dependencies as records
from app.records import repository as records_repository


async def focal_point_filters(
    session: SessionDep,
    listed: records.ListedDep,
    protection_system_id: Annotated[
        str | None, Query(max_length=64, description="Only focal points of this protection system.")
    ] = None,
) -> FocalPointFilters:
    if (
        protection_system_id
        and await records_repository.get_public(session, ProtectionSystem, protection_system_id) is None
    ):
        raise InvalidParameterError("query", "protection_system_id", "no published protection system with this id")
    return FocalPointFilters(**vars(listed), protection_system_id=protection_system_id)


LOOKUPS = records.record_lookups(FocalPoint, "focal_point_id")


async def _readable_focal_point(
    user: CurrentUser, focal_point: Annotated[FocalPoint, Depends(LOOKUPS.editable)]
) -> FocalPoint:
    if not user.may_read_country(focal_point.country_code):
        raise ForbiddenError(f"Your account may not read private data of country '{focal_point.country_code}'.")
    return focal_point


ReadableFocalPointDep = Annotated[FocalPoint, Depends(_readable_focal_point)]
