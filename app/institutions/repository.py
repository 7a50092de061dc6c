from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import raiseload
from sqlmodel import col

from app.core.geo import Circle
from app.core.models import contains_code
from app.core.pagination import PageParams
from app.core.query import CommonFilters, common_conditions, dialect_of, json_array_overlaps
from app.institutions.models import Institution
from app.records import repository as records

# Public lists read the service types from the record's own copy of them (Institution.service_types).
_WITHOUT_LINKS = (raiseload(Institution.service_type_links),)  # type: ignore[arg-type]


@dataclass(frozen=True)
class InstitutionFilters(CommonFilters):
    service_types: set[str] | None = None
    kinds: list[str] | None = None
    populations: list[str] | None = None
    age: int | None = None
    languages: list[str] | None = None
    emergency_response: bool | None = None
    nationalities: list[str] | None = None
    near: Circle | None = None


def _conditions(filters: InstitutionFilters, dialect: str) -> list[ColumnElement[bool]]:
    conditions = common_conditions(Institution, filters)
    if filters.service_types:
        codes = col(Institution.service_type_codes)
        conditions.append(or_(*(contains_code(codes, code) for code in sorted(filters.service_types))))
    if filters.kinds:
        conditions.append(col(Institution.kind).in_(filters.kinds))
    if filters.populations:
        conditions.append(json_array_overlaps(Institution.populations, filters.populations, dialect))
    if filters.languages:
        conditions.append(json_array_overlaps(Institution.languages, filters.languages, dialect))
    if filters.age is not None:
        conditions.append(or_(col(Institution.min_age).is_(None), col(Institution.min_age) <= filters.age))
        conditions.append(or_(col(Institution.max_age).is_(None), col(Institution.max_age) >= filters.age))
    if filters.emergency_response is not None:
        conditions.append(col(Institution.emergency_response) == filters.emergency_response)
    if filters.nationalities:
        conditions.append(json_array_overlaps(Institution.nationalities_served, filters.nationalities, dialect))
    return conditions


async def list_public(
    session: AsyncSession, filters: InstitutionFilters, page: PageParams
) -> tuple[Sequence[tuple[Institution, float | None]], int]:
    """One page of institutions with their distance in km from `filters.near` (None without it): ordered by
    name, or nearest first when `near` is given."""
    order = (Institution.name, Institution.id)
    conditions = _conditions(filters, dialect_of(session))
    return await records.list_public(
        session, Institution, conditions, filters, page, order=order, near=filters.near, options=_WITHOUT_LINKS
    )
