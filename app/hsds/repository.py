"""The queries behind the HSDS API: the public, active institutions and emergency services, seen as HSDS
organizations and services. Publication rules come from core.query, as for every public list."""

from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, exists, false, func, not_, or_, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.models import Published
from app.core.query import CommonFilters, common_conditions
from app.countries.models import Country
from app.emergency_services.models import EmergencyService, EmergencyServiceServiceType
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution, InstitutionServiceType
from app.service_types.models import ServiceType

M = TypeVar("M", bound=Published)


@dataclass(frozen=True)
class Window:
    """Which rows of a list: `limit` rows after `offset`; a limit of None means all of them."""

    offset: int = 0
    limit: int | None = None


@dataclass(frozen=True)
class ServiceFilters:
    q: str | None = None
    service_types: set[str] | None = None  # codes, parents already expanded to their children
    organization_id: str | None = None
    # The id of the organization that stands for one emergency service (a twin id turned back into its record's).
    standalone_service_id: str | None = None
    modified_after: datetime | None = None
    with_location: bool = False


@dataclass(frozen=True)
class Slice:
    """One window of the institutions-then-emergency-services sequence, and how many there are in all."""

    institutions: Sequence[Institution]
    emergency_services: Sequence[EmergencyService]
    total: int


def _visible(model: Any, q: str | None = None) -> list[ColumnElement[bool]]:
    """Published (not deleted, not expired) and active: what HSDS publishes."""
    return common_conditions(model, CommonFilters(q=q))


def _published_institution(institution_id: Any) -> ColumnElement[bool]:
    return exists().where(col(Institution.id) == institution_id, *_visible(Institution))


def standalone() -> ColumnElement[bool]:
    """An emergency service whose institution is not published: it is its own organization."""
    return not_(_published_institution(col(EmergencyService.institution_id)))


def has_public_place(model: Any) -> ColumnElement[bool]:
    """Whether the public may see any part of the record's place (the twin of mapping.Builder.location)."""
    hidden = col(model.location_confidential)
    return or_(
        col(model.city).is_not(None),
        col(model.admin_area).is_not(None),
        and_(hidden.is_(False), or_(col(model.address).is_not(None), col(model.latitude).is_not(None))),
    )


def _service_conditions(
    model: Any, linked_id: Any, linked_code: Any, filters: ServiceFilters, organization: ColumnElement[bool] | None
) -> list[ColumnElement[bool]]:
    """What both kinds of HSDS service are filtered by: `linked_id` and `linked_code` are the columns of their
    service-type link table, `organization` what ties a record to the organization asked for."""
    conditions = _visible(model, filters.q)
    if filters.service_types:
        conditions.append(exists().where(col(linked_id) == col(model.id), col(linked_code).in_(filters.service_types)))
    if organization is not None:
        conditions.append(organization)
    if filters.modified_after is not None:
        conditions.append(col(model.updated_at) >= filters.modified_after)
    if filters.with_location:
        conditions.append(has_public_place(model))
    return conditions


def _institution_conditions(filters: ServiceFilters) -> list[ColumnElement[bool]]:
    organization = None if filters.organization_id is None else col(Institution.id) == filters.organization_id
    links = InstitutionServiceType
    return _service_conditions(Institution, links.institution_id, links.service_type_code, filters, organization)


def _emergency_service_conditions(filters: ServiceFilters) -> list[ColumnElement[bool]]:
    organization = None
    if filters.organization_id is not None:
        of_institution = and_(
            col(EmergencyService.institution_id) == filters.organization_id,
            _published_institution(filters.organization_id),
        )
        own = (
            and_(col(EmergencyService.id) == filters.standalone_service_id, standalone())
            if filters.standalone_service_id is not None
            else false()
        )
        organization = or_(of_institution, own)
    links = EmergencyServiceServiceType
    return _service_conditions(
        EmergencyService, links.emergency_service_id, links.service_type_code, filters, organization
    )


async def _count(session: AsyncSession, model: type[M], conditions: Sequence[ColumnElement[bool]]) -> int:
    return await session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


async def _rows(
    session: AsyncSession, model: Any, conditions: Sequence[ColumnElement[bool]], offset: int, limit: int | None
) -> Sequence[Any]:
    if limit == 0:
        return []
    statement = select(model).where(*conditions).order_by(col(model.name), col(model.id)).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return (await session.scalars(statement)).all()


async def _slice(
    session: AsyncSession,
    institution_conditions: Sequence[ColumnElement[bool]],
    emergency_conditions: Sequence[ColumnElement[bool]],
    window: Window,
) -> Slice:
    """Institutions first, then emergency services, each by name then id: one stable order to page through."""
    institutions_total = await _count(session, Institution, institution_conditions)
    emergency_total = await _count(session, EmergencyService, emergency_conditions)
    first_limit = None if window.limit is None else max(0, min(window.limit, institutions_total - window.offset))
    institutions = (
        await _rows(session, Institution, institution_conditions, window.offset, first_limit)
        if window.offset < institutions_total
        else []
    )
    rest = None if window.limit is None else window.limit - len(institutions)
    emergency_offset = max(0, window.offset - institutions_total)
    emergency_services = await _rows(session, EmergencyService, emergency_conditions, emergency_offset, rest)
    return Slice(institutions, emergency_services, institutions_total + emergency_total)


async def _keyset_pages(
    session: AsyncSession, model: Any, conditions: Sequence[ColumnElement[bool]], size: int
) -> AsyncIterator[Sequence[Any]]:
    """Every row, by name then id, `size` at a time: each page starts after the last row of the one before (no
    OFFSET to skip, no list of ids), and the session forgets each page once the next is asked for."""
    after: tuple[str, str] | None = None
    while True:
        statement = select(model).where(*conditions)
        if after is not None:
            statement = statement.where(tuple_(col(model.name), col(model.id)) > tuple_(*after))
        rows = (await session.scalars(statement.order_by(col(model.name), col(model.id)).limit(size))).all()
        if rows:
            yield rows
            session.expunge_all()
        if len(rows) < size:
            return
        after = (rows[-1].name, rows[-1].id)


async def _slices(
    session: AsyncSession,
    institution_conditions: Sequence[ColumnElement[bool]],
    emergency_conditions: Sequence[ColumnElement[bool]],
    size: int,
) -> AsyncIterator[Slice]:
    """The whole institutions-then-emergency-services sequence, in the order of `_slice`, a page at a time."""
    async for institutions in _keyset_pages(session, Institution, institution_conditions, size):
        yield Slice(institutions, [], total=0)
    async for emergency_services in _keyset_pages(session, EmergencyService, emergency_conditions, size):
        yield Slice([], emergency_services, total=0)


def all_services(session: AsyncSession, filters: ServiceFilters, size: int) -> AsyncIterator[Slice]:
    """The records behind every HSDS service, `size` records at a time (totals are not counted)."""
    return _slices(session, _institution_conditions(filters), _emergency_service_conditions(filters), size)


def all_organizations(session: AsyncSession, q: str | None, size: int) -> AsyncIterator[Slice]:
    """The records behind every HSDS organization, `size` records at a time (totals are not counted)."""
    return _slices(session, _visible(Institution, q), [*_visible(EmergencyService, q), standalone()], size)


async def services(session: AsyncSession, filters: ServiceFilters, window: Window) -> Slice:
    """The records behind a window of HSDS services (one per institution, one per emergency service)."""
    return await _slice(session, _institution_conditions(filters), _emergency_service_conditions(filters), window)


async def organizations(session: AsyncSession, q: str | None, window: Window) -> Slice:
    """The records behind a window of HSDS organizations: institutions, then standalone emergency services."""
    return await _slice(session, _visible(Institution, q), [*_visible(EmergencyService, q), standalone()], window)


async def institution(session: AsyncSession, institution_id: str) -> Institution | None:
    statement = select(Institution).where(col(Institution.id) == institution_id, *_visible(Institution))
    return (await session.scalars(statement)).one_or_none()


async def emergency_service(session: AsyncSession, service_id: str) -> EmergencyService | None:
    statement = select(EmergencyService).where(col(EmergencyService.id) == service_id, *_visible(EmergencyService))
    return (await session.scalars(statement)).one_or_none()


async def institutions_by_id(session: AsyncSession, ids: Iterable[str]) -> dict[str, Institution]:
    wanted = set(ids)
    if not wanted:
        return {}
    statement = select(Institution).where(col(Institution.id).in_(wanted), *_visible(Institution))
    return {record.id: record for record in (await session.scalars(statement)).all()}


async def _run_by(
    session: AsyncSession, model: type[M], institution_id: Any, institution_ids: Iterable[str], *order: Any
) -> Sequence[M]:
    """The visible records of `model` whose `institution_id` column names one of `institution_ids`."""
    wanted = set(institution_ids)
    if not wanted:
        return []
    statement = select(model).where(col(institution_id).in_(wanted), *_visible(model)).order_by(*order)
    return (await session.scalars(statement)).all()


async def emergency_services_of(session: AsyncSession, institution_ids: Iterable[str]) -> Sequence[EmergencyService]:
    model = EmergencyService
    return await _run_by(session, model, model.institution_id, institution_ids, col(model.name), col(model.id))


async def focal_points_of(session: AsyncSession, institution_ids: Iterable[str]) -> Sequence[FocalPoint]:
    model = FocalPoint
    return await _run_by(session, model, model.institution_id, institution_ids, col(model.full_name), col(model.id))


async def service_types(session: AsyncSession) -> Sequence[ServiceType]:
    statement = select(ServiceType).order_by(col(ServiceType.position), col(ServiceType.code))
    return (await session.scalars(statement)).all()


async def countries(session: AsyncSession) -> dict[str, Country]:
    return {country.code: country for country in (await session.scalars(select(Country))).all()}
