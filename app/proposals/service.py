"""Keeping an editor's change as a proposal: the record and everything public stay as they are until approval."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audited
from app.auth.models import Role, User
from app.proposals import repository
from app.proposals.models import Proposal, ProposalAction

ENTITY = "proposal"


async def review_needed(session: AsyncSession, user: User, countries: Iterable[str]) -> bool:
    """Administrators' changes apply directly; others' wait when a country they touch has review required."""
    return user.role != Role.admin and await repository.review_required(session, countries)


def proposal(
    user: User,
    *,
    record_type: str,
    action: ProposalAction,
    payload: dict[str, Any],
    country_code: str,
    record_id: str | None = None,
    base_version: int | None = None,
    batch_id: str | None = None,
) -> Proposal:
    return Proposal(
        record_type=record_type,
        record_id=record_id,
        action=action.value,
        payload=payload,
        base_version=base_version,
        country_code=country_code,
        author_id=user.id,
        author_email=user.email,
        batch_id=batch_id,
    )


async def submit(session: AsyncSession, user: User, *proposals: Proposal) -> None:
    """Store the proposals, each with its audit event naming the author."""
    await repository.add(session, proposals)
    for item in proposals:
        await audited.record_creation(session, user, ENTITY, item.id, item)
