from collections.abc import Iterable, Sequence

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.countries.models import Country


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
