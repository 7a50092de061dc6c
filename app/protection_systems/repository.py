from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.pagination import PageParams
from app.core.query import CommonFilters, common_conditions, fetch_page
from app.protection_systems.models import ProtectionSystem


async def list_public(
    session: AsyncSession, filters: CommonFilters, page: PageParams
) -> tuple[Sequence[ProtectionSystem], int]:
    order = (ProtectionSystem.name, ProtectionSystem.id)
    conditions = common_conditions(ProtectionSystem, filters)
    return await fetch_page(session, ProtectionSystem, conditions, order, page, search=filters.q)
