"""Changes that leave a trail: every change is written with its audit event, in the same transaction."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import SQLModel

from app.audit import repository
from app.audit.models import AuditAction, snapshot
from app.audit.repository import Actor
from app.core.errors import PreconditionFailedError
from app.core.types import utcnow


async def flush_or_conflict(session: AsyncSession) -> None:
    """Flush; a row changed by someone else since it was read (its version moved on) becomes 412."""
    try:
        await session.flush()
    except StaleDataError:
        raise PreconditionFailedError("The record was changed by someone else meanwhile: fetch it again.") from None


async def record_creation(
    session: AsyncSession, actor: Actor, entity_type: str, entity_id: str, record: SQLModel
) -> None:
    await repository.record_event(
        session,
        actor=actor,
        entity_type=entity_type,
        entity_id=entity_id,
        action=AuditAction.create,
        before=None,
        after=snapshot(record),
    )


async def update(
    session: AsyncSession,
    actor: Actor,
    entity_type: str,
    record: SQLModel,
    changes: dict[str, Any],
    *,
    action: AuditAction = AuditAction.update,
    entity_id: str,
) -> None:
    """Apply `changes` (attribute -> value) and write the audit event; no change at all changes nothing."""
    if not changes:
        return
    before = snapshot(record)
    for name, value in changes.items():
        setattr(record, name, value)
    # Always touch the row, so a change to related rows only (service types) still bumps the version.
    record.updated_at = utcnow()
    await flush_or_conflict(session)
    await repository.record_event(
        session,
        actor=actor,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        before=before,
        after=snapshot(record),
    )


def event_row(entity_type: str, action: AuditAction, before: dict[str, Any] | None, record: Any) -> dict[str, Any]:
    """One row for repository.record_events."""
    return {
        "entity_type": entity_type,
        "entity_id": record.id,
        "action": action.value,
        "before": before,
        "after": snapshot(record),
    }
