from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.countries.models import Country
from app.proposals.models import Proposal, ProposalStatus


@dataclass(frozen=True)
class ProposalFilters:
    countries: Sequence[str] | None = None  # None: every country
    author_id: str | None = None
    status: ProposalStatus | None = None
    record_type: str | None = None


async def review_required(session: AsyncSession, codes: Iterable[str]) -> bool:
    """Whether any of these countries has review required."""
    statement = select(col(Country.code)).where(col(Country.code).in_(set(codes)), col(Country.review_required))
    return (await session.scalars(statement.limit(1))).first() is not None


async def add(session: AsyncSession, proposals: Sequence[Proposal]) -> None:
    session.add_all(proposals)
    await session.flush()


async def get(session: AsyncSession, proposal_id: str) -> Proposal | None:
    return await session.get(Proposal, proposal_id)


async def batch(session: AsyncSession, batch_id: str) -> Sequence[Proposal]:
    statement = (
        select(Proposal).where(col(Proposal.batch_id) == batch_id).order_by(col(Proposal.created_at), col(Proposal.id))
    )
    return (await session.scalars(statement)).all()


async def list_proposals(
    session: AsyncSession, filters: ProposalFilters, page: PageParams
) -> tuple[Sequence[Proposal], int]:
    """Oldest first: the queue in the order it came in."""
    conditions: list[ColumnElement[bool]] = []
    if filters.countries is not None:
        conditions.append(col(Proposal.country_code).in_(filters.countries))
    if filters.author_id is not None:
        conditions.append(col(Proposal.author_id) == filters.author_id)
    if filters.status is not None:
        conditions.append(col(Proposal.status) == filters.status.value)
    if filters.record_type is not None:
        conditions.append(col(Proposal.record_type) == filters.record_type)
    total = await session.scalar(select(func.count()).select_from(Proposal).where(*conditions))
    statement = (
        select(Proposal)
        .where(*conditions)
        .order_by(col(Proposal.created_at), col(Proposal.id))
        .limit(page.limit)
        .offset(page.offset)
    )
    return (await session.scalars(statement)).all(), total or 0
