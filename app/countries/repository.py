from collections.abc import Iterable, Sequence

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.core.query import is_published
from app.countries.models import Country, RecordCounts
from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution


async def list_countries(session: AsyncSession, page: PageParams) -> tuple[Sequence[Country], int]:
    total = await session.scalar(select(func.count()).select_from(Country))
    statement = select(Country).order_by(Country.code).limit(page.limit).offset(page.offset)
    return (await session.scalars(statement)).all(), total or 0


async def get_country(session: AsyncSession, code: str) -> Country | None:
    return await session.get(Country, code)


async def all_codes(session: AsyncSession) -> frozenset[str]:
    return frozenset((await session.scalars(select(col(Country.code)))).all())


async def unknown_codes(session: AsyncSession, codes: Iterable[str]) -> list[str]:
    wanted = set(codes)
    known = set((await session.scalars(select(col(Country.code)).where(col(Country.code).in_(wanted)))).all())
    return sorted(wanted - known)


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
