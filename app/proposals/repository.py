from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.pagination import PageParams
from app.core.queues import oldest_first, queue_conditions
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
    conditions = queue_conditions(
        Proposal,
        filters.countries,
        author_id=filters.author_id,
        status=None if filters.status is None else filters.status.value,
        record_type=filters.record_type,
    )
    return await oldest_first(session, Proposal, conditions, page)
