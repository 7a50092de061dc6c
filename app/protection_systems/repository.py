from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.core.query import CommonFilters, common_conditions, fetch_page, is_published
from app.protection_systems.models import ProtectionSystem


async def list_public(
    session: AsyncSession, filters: CommonFilters, page: PageParams
) -> tuple[Sequence[ProtectionSystem], int]:
    order = (ProtectionSystem.name, ProtectionSystem.id)
    conditions = common_conditions(ProtectionSystem, filters)
    return await fetch_page(session, ProtectionSystem, conditions, order, page, search=filters.q)


async def get_public(session: AsyncSession, system_id: str) -> ProtectionSystem | None:
    statement = select(ProtectionSystem).where(col(ProtectionSystem.id) == system_id, is_published(ProtectionSystem))
    return (await session.scalars(statement)).one_or_none()


async def get_editable(session: AsyncSession, system_id: str) -> ProtectionSystem | None:
    """A record that is not deleted, published or not (inactive, expired): what editors may change."""
    statement = select(ProtectionSystem).where(
        col(ProtectionSystem.id) == system_id, col(ProtectionSystem.deleted_at).is_(None)
    )
    return (await session.scalars(statement)).one_or_none()
