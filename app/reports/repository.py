from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.core.queues import oldest_first, queue_conditions
from app.reports.models import Report, ReportStatus
from app.reports.records import RecordType


@dataclass(frozen=True)
class ReportFilters:
    countries: Sequence[str] | None = None  # None: every country
    status: ReportStatus | None = None
    record_type: RecordType | None = None
    record_id: str | None = None


async def add(session: AsyncSession, report: Report) -> Report:
    session.add(report)
    await session.flush()
    return report


async def get(session: AsyncSession, report_id: str) -> Report | None:
    return await session.get(Report, report_id)


async def list_reports(session: AsyncSession, filters: ReportFilters, page: PageParams) -> tuple[Sequence[Report], int]:
    conditions = queue_conditions(
        Report,
        filters.countries,
        status=None if filters.status is None else filters.status.value,
        record_type=None if filters.record_type is None else filters.record_type.value,
        record_id=filters.record_id,
    )
    return await oldest_first(session, Report, conditions, page)


async def open_count(session: AsyncSession, record_type: RecordType, record_id: str) -> int:
    statement = select(func.count()).where(
        col(Report.record_type) == record_type.value,
        col(Report.record_id) == record_id,
        col(Report.status) == ReportStatus.open.value,
    )
    return int(await session.scalar(statement) or 0)


async def open_counts_per_record(session: AsyncSession, countries: Sequence[str]) -> list[tuple[str, str, str, int]]:
    """(country, record type, record id, open reports) of every record with open reports in these countries, the
    most reported first."""
    count = func.count().label("open_reports")
    statement = (
        select(col(Report.country_code), col(Report.record_type), col(Report.record_id), count)
        .where(col(Report.country_code).in_(countries), col(Report.status) == ReportStatus.open.value)
        .group_by(col(Report.country_code), col(Report.record_type), col(Report.record_id))
        .order_by(count.desc(), col(Report.record_type), col(Report.record_id))
    )
    return [(country, kind, record_id, n) for country, kind, record_id, n in (await session.execute(statement)).all()]
