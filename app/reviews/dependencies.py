from typing import Annotated

from fastapi import Depends, Path

from app.auth.dependencies import CuratorUser
from app.auth.models import Role, User
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, NotFoundError, found
from app.proposals import repository
from app.proposals.models import Proposal


def may_read(user: User, proposal: Proposal) -> bool:
    """Its author, the reviewers of its country, administrators."""
    return proposal.author_id == user.id or user.may_review_country(proposal.country_code)


ProposalIdPath = Annotated[str, Path(max_length=64, description="The proposal's id.")]


async def _proposal(user: CuratorUser, session: SessionDep, proposal_id: ProposalIdPath) -> Proposal:
    proposal = found(await repository.get(session, proposal_id), f"proposal with id '{proposal_id}'")
    if not may_read(user, proposal):
        raise ForbiddenError("Your account may read only its own proposals and those of the countries it reviews.")
    return proposal


async def _batch(
    user: CuratorUser,
    session: SessionDep,
    batch_id: Annotated[str, Path(max_length=64, description="The batch's id (`batch_id` of its proposals).")],
) -> list[Proposal]:
    """The proposals of a batch; a batch none of which the account may read does not exist for it."""
    batch = [proposal for proposal in await repository.batch(session, batch_id) if may_read(user, proposal)]
    if not batch:
        raise NotFoundError(f"No batch of proposals with id '{batch_id}'.")
    return batch


def scoped_countries(user: User, requested: list[str] | None) -> list[str] | None:
    """The countries whose proposals a reviewer reads: those asked for, each one it reviews (else 403); or all it
    reviews. Administrators: those asked for, or all (None). Editors read only their own proposals."""
    if user.role == Role.admin or user.role == Role.editor:
        return requested
    refused = [code for code in requested or () if not user.may_review_country(code)]
    if refused:
        raise ForbiddenError(f"Your account may not review records of: {', '.join(refused)}.")
    return requested if requested is not None else user.countries


ProposalDep = Annotated[Proposal, Depends(_proposal)]
BatchDep = Annotated[list[Proposal], Depends(_batch)]
