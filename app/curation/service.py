"""The write path every curated record shares: reference checks, optimistic concurrency, soft delete,
verification, and an audit event in the same transaction as the change."""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import SQLModel

from app.audit import repository as audit
from app.audit.models import AuditAction, snapshot
from app.audit.repository import Actor
from app.auth.models import User
from app.core.errors import ForbiddenError, InvalidParameterError, PreconditionFailedError
from app.core.http.etags import require_current
from app.core.models import Published
from app.core.types import utcnow
from app.countries import repository as countries
from app.imports import repository as imports
from app.institutions import repository as institutions
from app.protection_systems import repository as protection_systems
from app.service_types import repository as service_types

R = TypeVar("R", bound=Published)


class ServiceTypeLink(Protocol):
    service_type_code: str


class CountryRecord(Protocol):
    """A table row that belongs to one country (institutions, emergency services, systems, focal points)."""

    id: str
    version: int
    country_code: str
    deleted_at: datetime | None


def ensure_may_edit(user: User, *country_codes: str) -> None:
    for code in country_codes:
        if not user.may_edit_country(code):
            raise ForbiddenError(f"Your account may not change records of country '{code}'.")


async def check_countries(session: AsyncSession, field: str, codes: Iterable[str]) -> None:
    unknown = await countries.unknown_codes(session, codes)
    if unknown:
        raise InvalidParameterError("body", field, f"unknown country code(s): {', '.join(unknown)}")


async def check_service_types(session: AsyncSession, codes: Iterable[str]) -> None:
    _, unknown = await service_types.expand_with_descendants(session, codes)
    if unknown:
        raise InvalidParameterError("body", "service_types", f"unknown service-type code(s): {', '.join(unknown)}")


async def check_institution(session: AsyncSession, field: str, institution_id: str | None) -> None:
    if institution_id is not None and await institutions.get_editable(session, institution_id) is None:
        raise InvalidParameterError("body", field, f"no institution with id '{institution_id}'")


async def check_protection_system(session: AsyncSession, field: str, system_id: str | None) -> None:
    if system_id is not None and await protection_systems.get_editable(session, system_id) is None:
        raise InvalidParameterError("body", field, f"no protection system with id '{system_id}'")


L = TypeVar("L", bound=ServiceTypeLink)


def service_type_links(codes: Iterable[str], existing: Sequence[L], new_link: Callable[[str], L]) -> list[L]:
    """The link rows for `codes`, keeping the rows that stay (deleting and re-inserting a key would collide)."""
    kept = {link.service_type_code: link for link in existing}
    return [kept.get(code) or new_link(code) for code in dict.fromkeys(codes)]


async def flush_or_conflict(session: AsyncSession) -> None:
    """Flush; a row changed by someone else since it was read (its version moved on) becomes 412."""
    try:
        await session.flush()
    except StaleDataError:
        raise PreconditionFailedError("The record was changed by someone else meanwhile: fetch it again.") from None


def _actor(user: User) -> Actor:
    return Actor(id=user.id, email=user.email)


async def audit_event(
    session: AsyncSession,
    user: User,
    entity_type: str,
    entity_id: str,
    action: AuditAction,
    before: dict[str, Any] | None,
    record: SQLModel | None,
) -> None:
    await audit.record_event(
        session,
        actor=_actor(user),
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        before=before,
        after=snapshot(record) if record is not None else None,
    )


async def check_external_id(session: AsyncSession, record: SQLModel, external_id: str | None, country: str) -> None:
    """(country, external_id) is unique: a clash is the client's mistake (422), not a database error."""
    if external_id is not None and await imports.external_id_taken(
        session, type(record), country, external_id, getattr(record, "id", None)
    ):
        raise InvalidParameterError("body", "external_id", f"'{external_id}' is used by another record of {country}")


async def create(session: AsyncSession, user: User, entity_type: str, record: R) -> R:
    await check_external_id(session, record, getattr(record, "external_id", None), getattr(record, "country_code", ""))
    session.add(record)
    await session.flush()
    await audit_event(session, user, entity_type, record.id, AuditAction.create, None, record)
    return record


async def update(
    session: AsyncSession,
    user: User,
    entity_type: str,
    record: SQLModel,
    changes: dict[str, Any],
    *,
    action: AuditAction = AuditAction.update,
    entity_id: str,
) -> None:
    """Apply `changes` (attribute -> value) and write the audit event; no change at all changes nothing."""
    if not changes:
        return
    if "external_id" in changes or "country_code" in changes:
        external_id = changes.get("external_id", getattr(record, "external_id", None))
        country = changes.get("country_code", getattr(record, "country_code", ""))
        await check_external_id(session, record, external_id, country)
    before = snapshot(record)
    for name, value in changes.items():
        setattr(record, name, value)
    # Always touch the row, so a change to related rows only (service types) still bumps the version.
    record.updated_at = utcnow()
    await flush_or_conflict(session)
    await audit_event(session, user, entity_type, entity_id, action, before, record)


def _event(entity_type: str, action: AuditAction, before: dict[str, Any] | None, record: Any) -> dict[str, Any]:
    after = snapshot(record)
    return {
        "entity_type": entity_type,
        "entity_id": record.id,
        "action": action.value,
        "before": before,
        "after": after,
    }


async def create_many(session: AsyncSession, user: User, entity_type: str, records: Sequence[Published]) -> None:
    """create() for a batch (imports): the caller checked the references and external ids for the whole batch;
    one flush writes the rows and one statement their audit events, instead of two round trips per record."""
    session.add_all(records)
    await session.flush()
    events = [_event(entity_type, AuditAction.create, None, record) for record in records]
    await audit.record_events(session, _actor(user), events)


async def update_many(
    session: AsyncSession, user: User, entity_type: str, changes: Sequence[tuple[Published, dict[str, Any]]]
) -> None:
    """update() for a batch (imports), with the same audit events; records without changes are left alone."""
    befores: list[tuple[Published, dict[str, Any]]] = []
    for record, values in changes:
        if not values:
            continue
        befores.append((record, snapshot(record)))
        for name, value in values.items():
            setattr(record, name, value)
        record.updated_at = utcnow()
    await flush_or_conflict(session)
    events = [_event(entity_type, AuditAction.update, before, record) for record, before in befores]
    await audit.record_events(session, _actor(user), events)


async def delete(
    session: AsyncSession, user: User, entity_type: str, record: CountryRecord, if_match: list[str]
) -> None:
    """A soft delete: gone from the public directory, kept for the audit trail and for mobile sync."""
    ensure_may_edit(user, record.country_code)
    require_current(if_match, record.version)
    changes = {"deleted_at": utcnow()}
    await update(
        session, user, entity_type, cast(SQLModel, record), changes, action=AuditAction.delete, entity_id=record.id
    )


async def verify(
    session: AsyncSession, user: User, entity_type: str, record: CountryRecord, if_match: list[str]
) -> None:
    """Someone confirmed this version of the record: the one way last_verified_at changes."""
    ensure_may_edit(user, record.country_code)
    require_current(if_match, record.version)
    changes = {"last_verified_at": utcnow(), "verified_by_id": user.id}
    await update(
        session, user, entity_type, cast(SQLModel, record), changes, action=AuditAction.verify, entity_id=record.id
    )
