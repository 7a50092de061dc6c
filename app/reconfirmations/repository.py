"""Records due to be confirmed again: one query over the four record types, the longest unconfirmed first."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.config import Settings
from app.core.pagination import PageParams
from app.core.query import is_published
from app.reconfirmations.models import Reconfirmation
from app.reports.records import RecordType, add_months, name_column, reconfirm_months, table_of


def _due(settings: Settings, record_type: RecordType, countries: Sequence[str] | None, now: datetime) -> Any:
    """The published, active records of one type confirmed (or, never confirmed, created) so long ago that their
    interval ends within the notice period."""
    model = table_of(record_type)
    horizon = now + timedelta(days=settings.reconfirm_notice_days)
    reference = func.coalesce(col(model.last_verified_at), col(model.created_at))
    conditions = [
        is_published(model, now),
        col(model.status) == "active",
        reference <= add_months(horizon, -reconfirm_months(settings, record_type)),
    ]
    if countries is not None:
        conditions.append(col(model.country_code).in_(countries))
    return select(
        literal(record_type.value, type_=String).label("record_type"),
        col(model.id).label("record_id"),
        name_column(record_type).label("name"),
        col(model.country_code).label("country_code"),
        col(model.last_verified_at).label("last_verified_at"),
        reference.label("reference"),
    ).where(*conditions)


async def due_records(
    session: AsyncSession,
    settings: Settings,
    *,
    countries: Sequence[str] | None,
    record_types: Sequence[RecordType],
    now: datetime,
    page: PageParams | None = None,
) -> tuple[list[Reconfirmation], int]:
    """A page (or, without `page`, all) of the records due, the longest unconfirmed first; and how many in all."""
    due = union_all(*(_due(settings, record_type, countries, now) for record_type in record_types)).subquery("due")
    total = await session.scalar(select(func.count()).select_from(due))
    statement = select(due).order_by(due.c.reference, due.c.record_type, due.c.record_id)
    if page is not None:
        statement = statement.limit(page.limit).offset(page.offset)
    items = []
    for row in (await session.execute(statement)).all():
        record_type = RecordType(row.record_type)
        by = add_months(row.reference, reconfirm_months(settings, record_type))
        items.append(
            Reconfirmation(
                record_type=record_type,
                record_id=row.record_id,
                name=row.name,
                country_code=row.country_code,
                last_verified_at=row.last_verified_at,
                reconfirm_by=by,
                overdue=by <= now,
            )
        )
    return items, total or 0


async def due_counts(
    session: AsyncSession, settings: Settings, countries: Sequence[str], now: datetime
) -> dict[tuple[str, RecordType], int]:
    """How many records are due, per (country, record type)."""
    counts: dict[tuple[str, RecordType], int] = {}
    for record_type in RecordType:
        due = _due(settings, record_type, countries, now).subquery()
        statement = select(due.c.country_code, func.count()).group_by(due.c.country_code)
        for country, count in (await session.execute(statement)).all():
            counts[country, record_type] = count
    return counts
