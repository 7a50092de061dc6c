"""Changing the taxonomy (administrators only): codes are stable; parents must exist and never form a cycle."""

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audited
from app.auth.models import User
from app.core.errors import ConflictError, InvalidParameterError
from app.core.http.etags import require_current
from app.service_types import repository
from app.service_types.models import ServiceType, ServiceTypeCreate, ServiceTypeUpdate

ENTITY = "service_type"


async def check_service_types(session: AsyncSession, codes: Iterable[str]) -> None:
    _, unknown = await repository.expand_with_descendants(session, codes)
    if unknown:
        raise InvalidParameterError("body", "service_types", f"unknown service-type code(s): {', '.join(unknown)}")


async def _check_parent(session: AsyncSession, code: str, parent_code: str | None) -> None:
    if parent_code is None:
        return
    if await repository.get_by_code(session, parent_code) is None:
        raise InvalidParameterError("body", "parent_code", f"unknown service-type code: {parent_code}")
    if parent_code == code or code in await repository.ancestors(session, parent_code):
        raise InvalidParameterError("body", "parent_code", "a service type cannot be placed below itself")


async def create(session: AsyncSession, admin: User, data: ServiceTypeCreate) -> ServiceType:
    if await repository.get_by_code(session, data.code) is not None:
        raise ConflictError(f"A service type with code '{data.code}' exists already.")
    await _check_parent(session, data.code, data.parent_code)
    record = ServiceType(**data.model_dump())
    session.add(record)
    await session.flush()
    await audited.record_creation(session, admin, ENTITY, record.code, record)
    return record


async def update(
    session: AsyncSession, admin: User, record: ServiceType, data: ServiceTypeUpdate, if_match: list[str]
) -> None:
    require_current(if_match, record.version)
    changes = data.changes_to(record)
    if "parent_code" in changes:
        await _check_parent(session, record.code, changes["parent_code"])
    await audited.update(session, admin, ENTITY, record, changes, entity_id=record.code)
