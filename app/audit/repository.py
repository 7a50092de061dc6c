from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import ColumnElement, func, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.audit.models import AuditAction, AuditEvent
from app.core.models import new_id
from app.core.pagination import PageParams
from app.core.types import utcnow


class Actor(Protocol):
    """Who made a change: an account (app.auth's User), named here without importing the layer above."""

    id: str
    email: str


@dataclass(frozen=True)
class AuditFilters:
    entity_type: str | None = None
    entity_id: str | None = None
    actor_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def record_event(
    session: AsyncSession,
    *,
    actor: Actor,
    entity_type: str,
    entity_id: str,
    action: AuditAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id,
        actor_email=actor.email,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action.value,
        before=before,
        after=after,
    )
    session.add(event)
    await session.flush()
    return event


async def record_events(session: AsyncSession, actor: Actor, events: Sequence[dict[str, Any]]) -> None:
    """Many events at once (imports), each a dict of entity_type, entity_id, action, before and after: one
    multi-row INSERT instead of one ORM object and round trip per event."""
    if not events:
        return
    rows = [
        {"id": new_id(), "occurred_at": utcnow(), "actor_id": actor.id, "actor_email": actor.email, **event}
        for event in events
    ]
    await session.execute(insert(AuditEvent), rows)


async def list_events(
    session: AsyncSession, filters: AuditFilters, page: PageParams
) -> tuple[Sequence[AuditEvent], int]:
    conditions: list[ColumnElement[bool]] = []
    if filters.entity_type:
        conditions.append(col(AuditEvent.entity_type) == filters.entity_type)
    if filters.entity_id:
        conditions.append(col(AuditEvent.entity_id) == filters.entity_id)
    if filters.actor_id:
        conditions.append(col(AuditEvent.actor_id) == filters.actor_id)
    if filters.since:
        conditions.append(col(AuditEvent.occurred_at) >= filters.since)
    if filters.until:
        conditions.append(col(AuditEvent.occurred_at) < filters.until)
    total = await session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions))
    statement = (
        select(AuditEvent)
        .where(*conditions)
        .order_by(col(AuditEvent.occurred_at).desc(), col(AuditEvent.id))
        .limit(page.limit)
        .offset(page.offset)
    )
    return (await session.scalars(statement)).all(), total or 0
