"""Changing the list of countries (administrators only): codes are stable ISO 3166-1 alpha-2 codes."""

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audited
from app.auth.models import User
from app.core.errors import ConflictError, InvalidParameterError
from app.core.http.etags import require_current
from app.countries import repository
from app.countries.models import Country, CountryCreate, CountryUpdate

ENTITY = "country"


async def check_countries(session: AsyncSession, field: str, codes: Iterable[str]) -> None:
    unknown = await repository.unknown_codes(session, codes)
    if unknown:
        raise InvalidParameterError("body", field, f"unknown country code(s): {', '.join(unknown)}")


async def create(session: AsyncSession, admin: User, data: CountryCreate) -> Country:
    if await repository.get_country(session, data.code) is not None:
        raise ConflictError(f"A country with code '{data.code}' exists already.")
    record = Country(**data.model_dump())
    session.add(record)
    await session.flush()
    await audited.record_creation(session, admin, ENTITY, record.code, record)
    return record


async def update(session: AsyncSession, admin: User, record: Country, data: CountryUpdate, if_match: list[str]) -> None:
    require_current(if_match, record.version)
    await audited.update(session, admin, ENTITY, record, data.changes_to(record), entity_id=record.code)
