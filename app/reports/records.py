"""The record types the public may report and editors re-confirm: their tables, names and re-check intervals."""

import calendar
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, cast

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.config import Settings
from app.core.query import is_published
from app.registry.record_types import BY_KIND


# The registry's record types, spelled out so that type checkers know the members; checked against the registry.
class RecordType(StrEnum):
    institution = "institution"
    emergency_service = "emergency_service"
    protection_system = "protection_system"
    focal_point = "focal_point"


if set(RecordType) != set(BY_KIND):
    raise RuntimeError(f"app.reports.records.RecordType lists {list(RecordType)}, the registry {list(BY_KIND)}")


class FollowedRecord(Protocol):
    """What reports and re-confirmation read of a record of any of these types."""

    id: str
    country_code: str
    created_at: datetime
    last_verified_at: datetime | None


def table_of(record_type: RecordType) -> Any:
    """A Published table with country_code."""
    return BY_KIND[record_type.value].table


def name_column(record_type: RecordType) -> Any:
    """The column people know the records of this type by."""
    described = BY_KIND[record_type.value]
    return getattr(described.table, described.name_field)


def reconfirm_months(settings: Settings, record_type: RecordType) -> int:
    """How long a confirmation of this record type's data holds."""
    months: int = getattr(settings, f"reconfirm_months_{BY_KIND[record_type.value].plural}")
    return months


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later (or earlier, when negative); the month's last day when it is shorter."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def reconfirm_by(settings: Settings, record_type: RecordType, record: FollowedRecord) -> datetime:
    """When the record's data should be confirmed again: after its last confirmation, or after it was created."""
    return add_months(record.last_verified_at or record.created_at, reconfirm_months(settings, record_type))


async def get_existing(session: AsyncSession, record_type: RecordType, record_id: str) -> FollowedRecord | None:
    """The record, published or not, unless it was deleted."""
    model = table_of(record_type)
    statement = select(model).where(col(model.id) == record_id, col(model.deleted_at).is_(None))
    return cast(FollowedRecord | None, (await session.scalars(statement)).one_or_none())


async def get_published(session: AsyncSession, record_type: RecordType, record_id: str) -> FollowedRecord | None:
    """The record as the public sees it: published and active."""
    model = table_of(record_type)
    statement = select(model).where(col(model.id) == record_id, is_published(model), col(model.status) == "active")
    return cast(FollowedRecord | None, (await session.scalars(statement)).one_or_none())


def record_types(chosen: Sequence[RecordType] | None) -> list[RecordType]:
    return list(chosen) if chosen else list(RecordType)
