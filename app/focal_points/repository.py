from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.core.query import CommonFilters, common_conditions, fetch_page, is_published
from app.focal_points.models import FocalPoint


@dataclass(frozen=True)
class FocalPointFilters(CommonFilters):
    protection_system_id: str | None = None


def _conditions(filters: FocalPointFilters) -> list[ColumnElement[bool]]:
    conditions = common_conditions(FocalPoint, filters)
    if filters.protection_system_id:
        conditions.append(col(FocalPoint.protection_system_id) == filters.protection_system_id)
    return conditions


async def list_public(
    session: AsyncSession, filters: FocalPointFilters, page: PageParams
) -> tuple[Sequence[FocalPoint], int]:
    order = (FocalPoint.full_name, FocalPoint.id)
    return await fetch_page(session, FocalPoint, _conditions(filters), order, page, search=filters.q)


async def get_public(session: AsyncSession, focal_point_id: str) -> FocalPoint | None:
    statement = select(FocalPoint).where(col(FocalPoint.id) == focal_point_id, is_published(FocalPoint))
    return (await session.scalars(statement)).one_or_none()


async def get_editable(session: AsyncSession, focal_point_id: str) -> FocalPoint | None:
    """A record that is not deleted, published or not (inactive, expired): what editors may change."""
    statement = select(FocalPoint).where(col(FocalPoint.id) == focal_point_id, col(FocalPoint.deleted_at).is_(None))
    return (await session.scalars(statement)).one_or_none()
