"""The write path every curated record shares: reference checks, optimistic concurrency, soft delete,
verification, and an audit event in the same transaction as the change."""

from collections.abc import Callable, Iterable, Mapping, Sequence
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
from app.core.http_cache import require_current
from app.core.models import Published
from app.core.types import utcnow
from app.countries import repository as countries
from app.curation import repository
from app.curation.repository import CountryLink
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


def foreign_link(target: str, target_id: str, target_country: str, country: str) -> str | None:
    """What is wrong with a record of `country` naming the `target` record `target_id` of `target_country`."""
    if target_country == country:
        return None
    noun = target.replace("_", " ")
    return f"the {noun} '{target_id}' is of {target_country}: a record of {country} may only name records of {country}"


async def check_country_links(session: AsyncSession, record: Any, changes: Mapping[str, Any] | None = None) -> None:
    """A record names only records of its own country, and does not leave the country of the records naming it
    (otherwise a GT editor could show a GT hotline inside an HN institution). For a new record (`changes` None)
    every link is checked; for a change, the links it touches, and the records naming it when its country moves."""
    links = [link for link in repository.country_links() if record.__table__ in (link.table, link.target)]
    if not links:  # accounts, countries, service types
        return
    touched = None if changes is None else set(changes)
    country = (changes or {}).get("country_code", record.country_code)
    for link in links:
        if link.table is record.__table__ and (touched is None or touched & {link.column, "country_code"}):
            await _check_link(session, link, (changes or {}).get(link.column, getattr(record, link.column)), country)
        if link.target is record.__table__ and touched is not None and "country_code" in touched:
            await _check_named_by(session, link, record.id, country)


async def _check_link(session: AsyncSession, link: CountryLink, target_id: str | None, country: str) -> None:
    if target_id is None:
        return
    found = await repository.countries_of(session, link.target, [target_id])
    # A missing record is the existence checks' to report.
    problem = foreign_link(link.target.name, target_id, found[target_id], country) if target_id in found else None
    if problem:
        raise InvalidParameterError("body", link.column, problem)


async def _check_named_by(session: AsyncSession, link: CountryLink, record_id: str, country: str) -> None:
    others = await repository.countries_linking_to(session, link, record_id, country)
    if others:
        noun = link.table.name.replace("_", " ")
        raise InvalidParameterError(
            "body",
            "country_code",
            f"{noun}s of {', '.join(others)} name this record in {link.column}: change those links first",
        )


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
    await check_country_links(session, record)
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
    await check_country_links(session, record, changes)
    before = snapshot(record)
    for name, value in changes.items():
        setattr(record, name, value)
    # Always touch the row, so a change to related rows only (service types) still bumps the version.
    record.updated_at = utcnow()
    await flush_or_conflict(session)
    await audit_event(session, user, entity_type, entity_id, action, before, record)


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
