from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.pagination import PageParams
from app.core.query import CommonFilters, common_conditions, fetch_page
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
