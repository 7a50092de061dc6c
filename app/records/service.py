"""The write path every curated record shares: permission per country, reference checks, optimistic
concurrency, soft delete, verification, and an audit event in the same transaction as the change."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audited
from app.audit.models import AuditAction
from app.auth.models import User
from app.core.errors import ForbiddenError, InvalidParameterError
from app.core.http.etags import require_current
from app.core.models import Published
from app.core.types import utcnow
from app.core.validation import PatchModel, check_age_range, check_coordinates
from app.countries.service import check_countries
from app.records import repository
from app.records.record_type import RecordType, table_noun
from app.records.repository import CountryLink
from app.service_types.service import check_service_types

R = TypeVar("R", bound=Published)


class ServiceTypeLink(Protocol):
    service_type_code: str


L = TypeVar("L", bound=ServiceTypeLink)


def ensure_may_edit(user: User, *country_codes: str) -> None:
    for code in country_codes:
        if not user.may_edit_country(code):
            raise ForbiddenError(f"Your account may not change records of country '{code}'.")


def check_rules(value: Callable[[str], Any]) -> None:
    """The rules between fields of a record, on the values it will have (a field a type lacks is None)."""
    check_age_range(value("min_age"), value("max_age"))
    check_coordinates(value("latitude"), value("longitude"))


def service_type_links(codes: Iterable[str], existing: Sequence[L], new_link: Callable[[str], L]) -> list[L]:
    """The link rows for `codes`, keeping the rows that stay (deleting and re-inserting a key would collide)."""
    kept = {link.service_type_code: link for link in existing}
    return [kept.get(code) or new_link(code) for code in dict.fromkeys(codes)]


async def _check_references(session: AsyncSession, record_type: RecordType[Any, Any], values: dict[str, Any]) -> None:
    """The codes and ids among `values` (the fields sent) name rows that exist."""
    if "country_code" in values:
        await check_countries(session, "country_code", [values["country_code"]])
    for name in record_type.country_lists:
        if name in values:
            await check_countries(session, name, values[name])
    for name, table in record_type.references.items():
        record_id = values.get(name)
        if record_id is not None and await repository.get_editable(session, table, record_id) is None:
            raise InvalidParameterError("body", name, f"no {table_noun(table)} with id '{record_id}'")
    if "service_types" in values:
        await check_service_types(session, values["service_types"])


async def check_external_id(session: AsyncSession, record: Any, external_id: str | None, country: str) -> None:
    """(country, external_id) is unique: a clash is the client's mistake (422), not a database error."""
    if external_id is not None and await repository.external_id_taken(
        session, type(record), country, external_id, getattr(record, "id", None)
    ):
        raise InvalidParameterError("body", "external_id", f"'{external_id}' is used by another record of {country}")


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
    if not links:
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


async def check_create(
    session: AsyncSession, user: User, record_type: RecordType[R, Any], data: BaseModel, *, reviewed: bool = False
) -> R:
    """The new record `data` describes, checked (rights, rules, references) but not stored: what a direct create
    stores, and what a proposal waits with. `reviewed`: `user` approves a proposal, with the rights app.reviews
    checked, and is not an editor."""
    values = data.model_dump()
    if not reviewed:
        ensure_may_edit(user, values["country_code"])
    check_rules(values.get)
    await _check_references(session, record_type, values)
    codes = values.pop("service_types", None)
    if record_type.link is not None and codes is not None:
        values["service_type_links"] = service_type_links(codes, [], record_type.link)
    record = record_type.table(**values)
    await check_external_id(session, record, values.get("external_id"), values["country_code"])
    await check_country_links(session, record)
    return record


async def create(
    session: AsyncSession, user: User, record_type: RecordType[R, Any], data: BaseModel, *, reviewed: bool = False
) -> R:
    record = await check_create(session, user, record_type, data, reviewed=reviewed)
    session.add(record)
    await session.flush()
    await audited.record_creation(session, user, record_type.kind, record.id, record)
    return record


async def check_update(
    session: AsyncSession,
    user: User,
    record_type: RecordType[R, Any],
    record: R,
    data: PatchModel,
    if_match: list[str],
    *,
    reviewed: bool = False,
) -> dict[str, Any]:
    """The changes `data` makes to `record` (translated texts merged per language), checked but not applied
    (`reviewed` as for check_create)."""
    changes = data.changes_to(record)
    country = country_of(record)
    if not reviewed:
        ensure_may_edit(user, country, changes.get("country_code", country))
    require_current(if_match, record.version)
    check_rules(lambda name: changes.get(name, getattr(record, name, None)))
    await _check_references(session, record_type, changes)
    if record_type.link is not None and "service_types" in changes:
        existing = getattr(record, "service_type_links", ())
        changes["service_type_links"] = service_type_links(changes.pop("service_types"), existing, record_type.link)
    await check_country_links(session, record, changes)
    return changes


def country_of(record: Any) -> str:
    return str(record.country_code)


async def change(
    session: AsyncSession, user: User, entity_type: str, record: Published, changes: dict[str, Any]
) -> None:
    """Apply changes checked before (check_update), with their audit event."""
    if "external_id" in changes or "country_code" in changes:
        external_id = changes.get("external_id", getattr(record, "external_id", None))
        country = changes.get("country_code", country_of(record))
        await check_external_id(session, record, external_id, country)
    await audited.update(session, user, entity_type, record, changes, entity_id=record.id)


def check_delete(user: User, record: Published, if_match: list[str], *, reviewed: bool = False) -> None:
    if not reviewed:
        ensure_may_edit(user, country_of(record))
    require_current(if_match, record.version)


async def delete(
    session: AsyncSession,
    user: User,
    entity_type: str,
    record: Published,
    if_match: list[str],
    *,
    reviewed: bool = False,
) -> None:
    """A soft delete: gone from the public directory, kept for the audit trail and for mobile sync."""
    check_delete(user, record, if_match, reviewed=reviewed)
    changes = {"deleted_at": utcnow()}
    await audited.update(session, user, entity_type, record, changes, action=AuditAction.delete, entity_id=record.id)


async def verify(session: AsyncSession, user: User, entity_type: str, record: Published, if_match: list[str]) -> None:
    """Someone confirmed this version of the record: the one way last_verified_at changes."""
    ensure_may_edit(user, country_of(record))
    require_current(if_match, record.version)
    changes = {"last_verified_at": utcnow(), "verified_by_id": user.id}
    await audited.update(session, user, entity_type, record, changes, action=AuditAction.verify, entity_id=record.id)
