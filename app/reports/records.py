"""The record types the public may report and editors re-confirm: their tables, names and re-check intervals."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, cast

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.config import Settings
from app.core.query import is_published
from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from app.protection_systems.models import ProtectionSystem


class RecordType(StrEnum):
    institution = "institution"
    emergency_service = "emergency_service"
    protection_system = "protection_system"
    focal_point = "focal_point"


class FollowedRecord(Protocol):
    """What reports and re-confirmation read of a record of any of these types."""

    id: str
    country_code: str
    created_at: datetime
    last_verified_at: datetime | None


@dataclass(frozen=True)
class RecordKind:
    model: Any  # a Published table with country_code
    name: Any  # the column people know the record by


KINDS: dict[RecordType, RecordKind] = {
    RecordType.institution: RecordKind(Institution, Institution.name),
    RecordType.emergency_service: RecordKind(EmergencyService, EmergencyService.name),
    RecordType.protection_system: RecordKind(ProtectionSystem, ProtectionSystem.name),
    RecordType.focal_point: RecordKind(FocalPoint, FocalPoint.full_name),
}


def reconfirm_months(settings: Settings, record_type: RecordType) -> int:
    """How long a confirmation of this record type's data holds."""
    months: int = getattr(settings, f"reconfirm_months_{record_type.value}s")
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
    model = KINDS[record_type].model
    statement = select(model).where(col(model.id) == record_id, col(model.deleted_at).is_(None))
    return cast(FollowedRecord | None, (await session.scalars(statement)).one_or_none())


async def get_published(session: AsyncSession, record_type: RecordType, record_id: str) -> FollowedRecord | None:
    """The record as the public sees it: published and active."""
    model = KINDS[record_type].model
    statement = select(model).where(col(model.id) == record_id, is_published(model), col(model.status) == "active")
    return cast(FollowedRecord | None, (await session.scalars(statement)).one_or_none())


def record_types(chosen: Sequence[RecordType] | None) -> list[RecordType]:
    return list(chosen) if chosen else list(RecordType)
