"""Deciding proposals: approval applies one through the same write path as a direct write (rules, references,
audit event, change sequence, cache), as of the version it was based on; rejection and withdrawal only close it."""

from collections.abc import Sequence
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audited
from app.audit.models import AuditAction
from app.auth.models import User
from app.core.errors import ConflictError, ForbiddenError
from app.core.http.etags import version_etag
from app.core.models import Published
from app.core.types import utcnow
from app.proposals.models import FieldChange, Proposal, ProposalAction, ProposalStatus
from app.proposals.service import ENTITY
from app.records import repository as records
from app.records import service as writes
from app.registry.record_types import BY_KIND


def countries_touched(proposal: Proposal) -> list[str]:
    """The record's country and, for a change moving it, the new one: a reviewer decides only for both."""
    moved_to = proposal.payload.get("country_code") if proposal.action != ProposalAction.delete else None
    return list(dict.fromkeys([proposal.country_code, *([moved_to] if moved_to else [])]))


def ensure_may_decide(reviewer: User, proposal: Proposal) -> None:
    if proposal.author_id == reviewer.id:
        raise ForbiddenError("You may not approve or reject your own proposal: another reviewer decides.")
    refused = [code for code in countries_touched(proposal) if not reviewer.may_review_country(code)]
    if refused:
        raise ForbiddenError(f"Your account may not review records of: {', '.join(refused)}.")


def _ensure_pending(proposal: Proposal) -> None:
    if proposal.status != ProposalStatus.pending:
        raise ConflictError(f"The proposal '{proposal.id}' is {proposal.status} already.")


async def live_record(session: AsyncSession, proposal: Proposal) -> Published | None:
    if proposal.record_id is None:
        return None
    return await records.get_editable(session, BY_KIND[proposal.record_type].table, proposal.record_id)


def diff(proposal: Proposal, record: Published | None) -> list[FieldChange]:
    """Each field the proposal would change: for a new record every field sent, for a deletion none."""
    if proposal.action == ProposalAction.delete:
        return []
    changes = []
    for name, proposed in proposal.payload.items():
        live = to_jsonable_python(getattr(record, name, None)) if record is not None else None
        if live != proposed:
            changes.append(FieldChange(field=name, live=live, proposed=proposed))
    return changes


async def _apply(session: AsyncSession, reviewer: User, proposal: Proposal) -> None:
    record_type = BY_KIND[proposal.record_type]
    if proposal.action == ProposalAction.create:
        data = record_type.create.model_validate(proposal.payload)
        created = await writes.create(session, reviewer, record_type, data, reviewed=True)
        proposal.record_id = created.id
        return
    record = await live_record(session, proposal)
    if record is None or record.version != proposal.base_version:
        raise ConflictError(
            "The record changed since the proposal was made (or is deleted): reject it, and propose again from "
            "the record as it is now."
        )
    if_match = [version_etag(record.version)]
    if proposal.action == ProposalAction.update:
        update = record_type.update.model_validate(proposal.payload)
        changes = await writes.check_update(session, reviewer, record_type, record, update, if_match, reviewed=True)
        await writes.change(session, reviewer, record_type.kind, record, changes)
    else:
        await writes.delete(session, reviewer, record_type.kind, record, if_match, reviewed=True)


async def _close(
    session: AsyncSession, user: User, proposal: Proposal, status: ProposalStatus, reason: str | None = None
) -> None:
    changes: dict[str, Any] = {"status": status.value, "decided_at": utcnow(), "reason": reason}
    if status != ProposalStatus.withdrawn:
        changes |= {"reviewer_id": user.id, "reviewer_email": user.email}
    # The proposal's event names its author (author_email) and who decided (reviewer_email).
    await audited.update(session, user, ENTITY, proposal, changes, action=AuditAction.update, entity_id=proposal.id)


async def approve(session: AsyncSession, reviewer: User, proposal: Proposal) -> None:
    ensure_may_decide(reviewer, proposal)
    _ensure_pending(proposal)
    await _apply(session, reviewer, proposal)
    await _close(session, reviewer, proposal, ProposalStatus.approved)


async def reject(session: AsyncSession, reviewer: User, proposal: Proposal, reason: str) -> None:
    ensure_may_decide(reviewer, proposal)
    _ensure_pending(proposal)
    await _close(session, reviewer, proposal, ProposalStatus.rejected, reason)


async def withdraw(session: AsyncSession, author: User, proposal: Proposal) -> None:
    if proposal.author_id != author.id:
        raise ForbiddenError("Only the author of a proposal may withdraw it.")
    _ensure_pending(proposal)
    await _close(session, author, proposal, ProposalStatus.withdrawn)


def _pending_of_batch(reviewer: User, batch: Sequence[Proposal]) -> list[Proposal]:
    """The batch's pending proposals, each of which the reviewer may decide (else nothing is decided)."""
    pending = [proposal for proposal in batch if proposal.status == ProposalStatus.pending]
    if not pending:
        raise ConflictError("No proposal of this batch is pending.")
    for proposal in pending:
        ensure_may_decide(reviewer, proposal)
    return pending


async def approve_batch(session: AsyncSession, reviewer: User, batch: Sequence[Proposal]) -> int:
    """All or nothing: one proposal that cannot be applied (409, 422) leaves the whole batch pending."""
    pending = _pending_of_batch(reviewer, batch)
    for proposal in pending:
        await _apply(session, reviewer, proposal)
        await _close(session, reviewer, proposal, ProposalStatus.approved)
    return len(pending)


async def reject_batch(session: AsyncSession, reviewer: User, batch: Sequence[Proposal], reason: str) -> int:
    pending = _pending_of_batch(reviewer, batch)
    for proposal in pending:
        await _close(session, reviewer, proposal, ProposalStatus.rejected, reason)
    return len(pending)
