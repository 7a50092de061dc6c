from collections.abc import Iterable, Sequence

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.service_types.models import ServiceType


async def list_service_types(session: AsyncSession, page: PageParams) -> tuple[Sequence[ServiceType], int]:
    total = await session.scalar(select(func.count()).select_from(ServiceType))
    statement = (
        select(ServiceType)
        .order_by(col(ServiceType.position), col(ServiceType.code))
        .limit(page.limit)
        .offset(page.offset)
    )
    return (await session.scalars(statement)).all(), total or 0


ServiceTypeTree = dict[str | None, list[str]]


async def tree(session: AsyncSession) -> ServiceTypeTree:
    """The codes below each code (under None: the top-level codes)."""
    children: ServiceTypeTree = {}
    for code, parent in (await session.execute(select(col(ServiceType.code), col(ServiceType.parent_code)))).all():
        children.setdefault(parent, []).append(code)
    return children


def expand(children: ServiceTypeTree, codes: Iterable[str]) -> tuple[set[str], list[str]]:
    """The given codes plus every code below them in the taxonomy, and the codes that do not exist."""
    known = {code for codes_below in children.values() for code in codes_below}
    wanted = set(codes)
    unknown = sorted(wanted - known)
    expanded: set[str] = set()
    pending = list(wanted & known)
    while pending:
        code = pending.pop()
        if code not in expanded:
            expanded.add(code)
            pending.extend(children.get(code, []))
    return expanded, unknown


async def expand_with_descendants(session: AsyncSession, codes: Iterable[str]) -> tuple[set[str], list[str]]:
    """The given codes plus every code below them in the taxonomy, and the codes that do not exist."""
    return expand(await tree(session), codes)


async def get_by_code(session: AsyncSession, code: str) -> ServiceType | None:
    return (await session.scalars(select(ServiceType).where(col(ServiceType.code) == code))).one_or_none()


async def ancestors(session: AsyncSession, code: str) -> list[str]:
    """The codes above `code` in the taxonomy, nearest first."""
    parents = dict((await session.execute(select(col(ServiceType.code), col(ServiceType.parent_code)))).all())
    chain: list[str] = []
    parent = parents.get(code)
    while parent is not None and parent not in chain:
        chain.append(parent)
        parent = parents.get(parent)
    return chain
