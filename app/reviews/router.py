from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.dependencies import NEVER_CACHED, CuratorUser
from app.auth.models import Role
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, InvalidParameterError, error_responses
from app.core.pagination import Page, PageDep
from app.countries.dependencies import CountryFilterDep
from app.proposals import repository
from app.proposals.models import BatchDecision, Proposal, ProposalDetail, ProposalPublic, ProposalStatus, Rejection
from app.proposals.repository import ProposalFilters
from app.registry.record_types import BY_KIND
from app.reviews import service
from app.reviews.dependencies import BatchDep, ProposalDep, scoped_countries

router = APIRouter(prefix="/proposals", tags=["Proposals"])

RecordTypeName = Annotated[
    str | None,
    Query(
        description="Only proposals about this type of record.",
        json_schema_extra={"enum": list(BY_KIND)},
        max_length=40,
        examples=["emergency_service"],
    ),
]
DECIDE = (
    "Administrators, and reviewers of the proposal's country (of both countries when it moves a record); never its "
    "author."
)


async def _detail(session: SessionDep, proposal: Proposal) -> ProposalDetail:
    record = await service.live_record(session, proposal)
    return ProposalDetail(
        **ProposalPublic.build(proposal).model_dump(),
        live_version=record.version if record is not None else None,
        diff=service.diff(proposal, record),
    )


@router.get(
    "",
    summary="Proposals (editors, reviewers and administrators)",
    description="Editors' creates, changes and deletes waiting for approval in countries with review required, and "
    "those decided, oldest first. Administrators read all; reviewers those of the countries they review (asking "
    "with `country` for another is refused with 403); editors their own. Never cached.",
    responses=error_responses(401, 403, 422),
    dependencies=[NEVER_CACHED],
)
async def list_proposals(
    user: CuratorUser,
    requested: CountryFilterDep,
    session: SessionDep,
    page: PageDep,
    status: Annotated[ProposalStatus | None, Query(description="Only proposals in this state.")] = None,
    record_type: RecordTypeName = None,
    author: Annotated[str | None, Query(max_length=64, description="Only proposals by this account (id).")] = None,
) -> Page[ProposalPublic]:
    if user.role == Role.editor:
        if author is not None and author != user.id:
            raise ForbiddenError("Editors read only their own proposals.")
        author = user.id
    if record_type is not None and record_type not in BY_KIND:
        raise InvalidParameterError("query", "record_type", f"one of: {', '.join(BY_KIND)}")
    filters = ProposalFilters(
        countries=scoped_countries(user, requested), author_id=author, status=status, record_type=record_type
    )
    proposals, total = await repository.list_proposals(session, filters, page)
    return page.page([ProposalPublic.build(p) for p in proposals], total)


@router.get(
    "/{proposal_id}",
    summary="A proposal, with its differences from the live record",
    description="For its author, the reviewers of its country and administrators: the proposal and, field by field, "
    "the live record's value beside the proposed one (`live_version` differs from `base_version` when the record "
    "changed since: approval is then refused with 409). Never cached.",
    responses=error_responses(401, 403, 404, 422),
    dependencies=[NEVER_CACHED],
)
async def get_proposal(proposal: ProposalDep, session: SessionDep) -> ProposalDetail:
    return await _detail(session, proposal)


@router.post(
    "/{proposal_id}/approve",
    summary="Approve a proposal",
    description=DECIDE + " The change is applied as a direct write would be (checks, audit trail naming the "
    "approver, sync, caches); 409 when the live record changed since the proposal was made, which then stays "
    "pending, or when the proposal is decided already.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def approve_proposal(user: CuratorUser, proposal: ProposalDep, session: SessionDep) -> ProposalDetail:
    await service.approve(session, user, proposal)
    return await _detail(session, proposal)


@router.post(
    "/{proposal_id}/reject",
    summary="Reject a proposal",
    description=DECIDE + " A reason is required, for the author. Nothing changes in the directory.",
    responses=error_responses(401, 403, 404, 409, 413, 422),
)
async def reject_proposal(
    data: Rejection, user: CuratorUser, proposal: ProposalDep, session: SessionDep
) -> ProposalDetail:
    await service.reject(session, user, proposal, data.reason)
    return await _detail(session, proposal)


@router.post(
    "/{proposal_id}/withdraw",
    summary="Withdraw your proposal",
    description="Its author only, while it is pending.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def withdraw_proposal(user: CuratorUser, proposal: ProposalDep, session: SessionDep) -> ProposalDetail:
    await service.withdraw(session, user, proposal)
    return await _detail(session, proposal)


@router.post(
    "/batches/{batch_id}/approve",
    summary="Approve a batch of proposals (an imported sheet)",
    description=DECIDE + " All or nothing: when one pending proposal of the batch cannot be applied (409, 422), "
    "none is, and the batch stays pending.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def approve_batch(batch_id: str, user: CuratorUser, batch: BatchDep, session: SessionDep) -> BatchDecision:
    decided = await service.approve_batch(session, user, batch)
    return BatchDecision(batch_id=batch_id, status=ProposalStatus.approved, proposals=decided)


@router.post(
    "/batches/{batch_id}/reject",
    summary="Reject a batch of proposals (an imported sheet)",
    description=DECIDE + " Every pending proposal of the batch, with one reason.",
    responses=error_responses(401, 403, 404, 409, 413, 422),
)
async def reject_batch(
    batch_id: str, data: Rejection, user: CuratorUser, batch: BatchDep, session: SessionDep
) -> BatchDecision:
    decided = await service.reject_batch(session, user, batch, data.reason)
    return BatchDecision(batch_id=batch_id, status=ProposalStatus.rejected, proposals=decided)
