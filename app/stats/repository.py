"""Aggregate queries of the coverage view: the database groups and counts; no record is loaded into Python."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit.models import AuditEvent
from app.auth.models import Role, User
from app.core.query import dialect_of, is_published, json_array_overlaps
from app.core.vocabulary import RecordStatus
from app.countries.models import Country, RecordCounts
from app.emergency_services.models import EmergencyService, EmergencyServiceServiceType
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution, InstitutionServiceType
from app.protection_systems.models import ProtectionSystem
from app.service_types.models import ServiceType
from app.stats.models import RecordQuality, RecordsQuality, ResourceCounts


@dataclass(frozen=True)
class TypeCounts:
    """Counts of one service type in one country."""

    direct: ResourceCounts
    including_subtypes: ResourceCounts


@dataclass(frozen=True)
class Activity:
    user: User
    last_activity_at: datetime | None
    changes_since: tuple[int, int]


def _published(model: Any) -> ColumnElement[bool]:
    """What the public directory shows: not deleted, not past valid_until, active."""
    return and_(is_published(model), col(model.status) == RecordStatus.active.value)


async def country_codes(session: AsyncSession, codes: Sequence[str] | None) -> list[str]:
    """The codes of the stored countries, all of them or those among `codes`, in order."""
    statement = select(col(Country.code)).order_by(col(Country.code))
    if codes is not None:
        statement = statement.where(col(Country.code).in_(codes))
    return list((await session.scalars(statement)).all())


async def service_type_tree(session: AsyncSession) -> list[tuple[str, str | None]]:
    """(code, parent_code) of every service type, in display order."""
    statement = select(col(ServiceType.code), col(ServiceType.parent_code)).order_by(
        col(ServiceType.position), col(ServiceType.code)
    )
    return [(code, parent) for code, parent in (await session.execute(statement)).all()]


def _closure() -> Any:
    """(ancestor, code) for every service type and each type at or above it, computed by the database.

    UNION (not UNION ALL) drops repeated rows, so even a cycle in the taxonomy could not make it run forever.
    """
    service_type = ServiceType.__table__  # type: ignore[attr-defined]
    closure = select(service_type.c.code.label("ancestor"), service_type.c.code.label("code")).cte(
        "service_type_closure", recursive=True
    )
    below = select(closure.c.ancestor, service_type.c.code).where(service_type.c.parent_code == closure.c.code)
    return closure.union(below)


async def service_type_counts(session: AsyncSession, countries: Sequence[str]) -> dict[str, dict[str, TypeCounts]]:
    """Per country, per service type with at least one published record: direct and rolled-up counts."""
    counts: dict[str, dict[str, TypeCounts]] = {}
    closure = _closure()
    for field, model, link, link_id in (
        ("institutions", Institution, InstitutionServiceType, InstitutionServiceType.institution_id),
        (
            "emergency_services",
            EmergencyService,
            EmergencyServiceServiceType,
            EmergencyServiceServiceType.emergency_service_id,
        ),
    ):
        code = col(link.service_type_code)
        statement = (
            select(
                col(model.country_code),
                closure.c.ancestor,
                # A link to the type itself appears once per record; links below it may be several per record.
                func.count(case((code == closure.c.ancestor, 1))),
                func.count(func.distinct(col(model.id))),
            )
            .select_from(link)
            .join(model, col(model.id) == col(link_id))
            .join(closure, closure.c.code == code)
            .where(_published(model), col(model.country_code).in_(countries))
            .group_by(col(model.country_code), closure.c.ancestor)
        )
        for country_code, type_code, direct, rolled_up in (await session.execute(statement)).all():
            entry = counts.setdefault(country_code, {}).setdefault(
                type_code, TypeCounts(direct=ResourceCounts(), including_subtypes=ResourceCounts())
            )
            setattr(entry.direct, field, direct)
            setattr(entry.including_subtypes, field, rolled_up)
    for per_type in counts.values():
        for entry in per_type.values():
            for counted in (entry.direct, entry.including_subtypes):
                counted.total = counted.institutions + counted.emergency_services
    return counts


def _blank(text: Any) -> ColumnElement[bool]:
    return func.coalesce(func.trim(text), "") == ""


def _no_spanish(model: Any) -> ColumnElement[bool]:
    # `->> 'es'` on PostgreSQL, json_extract(..., '$."es"') on SQLite; a missing key gives NULL on both.
    return _blank(col(model.description)["es"].as_string())


def _no_phone(model: Any, dialect: str) -> ColumnElement[bool]:
    length = func.jsonb_array_length if dialect == "postgresql" else func.json_array_length
    return length(col(model.phones)) == 0


def _no_coordinates(model: Any) -> ColumnElement[bool]:
    return or_(col(model.latitude).is_(None), col(model.longitude).is_(None))


def _checks(dialect: str) -> list[tuple[str, Any, dict[str, ColumnElement[bool]]]]:
    """Per record type, the missing-field checks that apply to it (a field it lacks is reported as null)."""
    return [
        (
            "institutions",
            Institution,
            {
                "missing_coordinates": _no_coordinates(Institution),
                "missing_phone": _no_phone(Institution, dialect),
                "missing_spanish_description": _no_spanish(Institution),
            },
        ),
        (
            "emergency_services",
            EmergencyService,
            {
                "missing_coordinates": _no_coordinates(EmergencyService),
                "missing_phone": _no_phone(EmergencyService, dialect),
                "missing_spanish_description": _no_spanish(EmergencyService),
            },
        ),
        ("protection_systems", ProtectionSystem, {"missing_spanish_description": _no_spanish(ProtectionSystem)}),
        ("focal_points", FocalPoint, {"missing_phone": _blank(col(FocalPoint.public_phone))}),
    ]


def empty_quality() -> RecordsQuality:
    """Zeros for every count that applies to each record type, null for the fields it lacks."""
    values: dict[str, RecordQuality] = {}
    for field, _, checks in _checks("sqlite"):  # only the names of the checks are used here
        missing = dict.fromkeys(("missing_coordinates", "missing_phone", "missing_spanish_description"), None)
        values[field] = RecordQuality(published=0, not_verified_12_months=0, **{**missing, **dict.fromkeys(checks, 0)})
    return RecordsQuality(**values)


async def record_quality(
    session: AsyncSession, countries: Sequence[str], unverified_before: datetime
) -> dict[str, RecordsQuality]:
    """Per country with published records: how many, how many unverified, how many lack each field."""
    quality: dict[str, RecordsQuality] = {}
    for field, model, checks in _checks(dialect_of(session)):
        verified = col(model.last_verified_at)
        unverified = or_(verified.is_(None), verified < unverified_before)
        statement = (
            select(
                col(model.country_code),
                func.count(),
                func.count(case((unverified, 1))),
                *(func.count(case((check, 1))) for check in checks.values()),
            )
            .where(_published(model), col(model.country_code).in_(countries))
            .group_by(col(model.country_code))
        )
        for country_code, published, not_verified, *missing in (await session.execute(statement)).all():
            record = getattr(quality.setdefault(country_code, empty_quality()), field)
            record.published, record.not_verified_12_months = published, not_verified
            for name, count in zip(checks, missing, strict=True):
                setattr(record, name, count)
    return quality


async def editor_activity(
    session: AsyncSession,
    *,
    user_ids: Sequence[str] | None,
    countries: Sequence[str] | None,
    since: tuple[datetime, datetime],
) -> list[Activity]:
    """Editor and administrator accounts (only `user_ids` when given; with `countries`, the editors of those
    countries and every administrator) with the time of their latest audit event and their event counts since
    each of the two moments.

    One correlated subquery per figure: each reads the (actor_id, occurred_at) index of the audit trail for one
    account, however long the trail grows.
    """
    occurred_at, actor_id = col(AuditEvent.occurred_at), col(AuditEvent.actor_id)
    mine = actor_id == col(User.id)
    last = select(func.max(occurred_at)).where(mine).scalar_subquery()
    recent, older = (
        select(func.count()).select_from(AuditEvent).where(mine, occurred_at >= moment).scalar_subquery()
        for moment in since
    )
    conditions: list[ColumnElement[bool]] = [col(User.role).in_([Role.admin.value, Role.editor.value])]
    if user_ids is not None:
        conditions.append(col(User.id).in_(user_ids) if user_ids else false())
    if countries:
        conditions.append(
            or_(
                col(User.role) == Role.admin.value,
                json_array_overlaps(User.countries, countries, dialect_of(session)),
            )
        )
    statement = select(User, last, recent, older).where(*conditions).order_by(col(User.email))
    return [
        Activity(user=user, last_activity_at=last_at, changes_since=(first, second))
        for user, last_at, first, second in (await session.execute(statement)).all()
    ]


async def record_counts(session: AsyncSession, code: str | None = None) -> dict[str, RecordCounts]:
    """Published, active records per country (of one country when `code` is given)."""
    counts: dict[str, RecordCounts] = {}
    for field, model in (
        ("institutions", Institution),
        ("emergency_services", EmergencyService),
        ("focal_points", FocalPoint),
    ):
        statement = (
            select(col(model.country_code), func.count())
            .where(is_published(model), col(model.status) == "active")
            .group_by(model.country_code)
        )
        if code is not None:
            statement = statement.where(col(model.country_code) == code)
        for country_code, count in (await session.execute(statement)).all():
            setattr(counts.setdefault(country_code, RecordCounts()), field, count)
    return counts
