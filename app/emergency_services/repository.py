from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.geo import Circle
from app.core.pagination import PageParams
from app.core.query import CommonFilters, common_conditions, dialect_of, json_array_overlaps
from app.emergency_services.models import EmergencyService, EmergencyServiceServiceType
from app.records import repository as records


@dataclass(frozen=True)
class EmergencyServiceFilters(CommonFilters):
    service_types: set[str] | None = None
    languages: list[str] | None = None
    available_24h: bool | None = None
    near: Circle | None = None


def _conditions(filters: EmergencyServiceFilters, dialect: str) -> list[ColumnElement[bool]]:
    conditions = common_conditions(EmergencyService, filters)
    if filters.service_types:
        conditions.append(
            exists().where(
                col(EmergencyServiceServiceType.emergency_service_id) == col(EmergencyService.id),
                col(EmergencyServiceServiceType.service_type_code).in_(filters.service_types),
            )
        )
    if filters.languages:
        conditions.append(json_array_overlaps(EmergencyService.languages, filters.languages, dialect))
    if filters.available_24h is not None:
        conditions.append(col(EmergencyService.available_24h) == filters.available_24h)
    return conditions


async def list_public(
    session: AsyncSession, filters: EmergencyServiceFilters, page: PageParams
) -> tuple[Sequence[tuple[EmergencyService, float | None]], int]:
    """One page of emergency services with their distance in km from `filters.near` (None without it): ordered
    by name, or nearest first when `near` is given."""
    order = (EmergencyService.name, EmergencyService.id)
    conditions = _conditions(filters, dialect_of(session))
    return await records.list_public(
        session, EmergencyService, conditions, filters, page, order=order, near=filters.near
    )
