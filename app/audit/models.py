import hashlib
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from sqlalchemy import Index, String, inspect
from sqlmodel import Field, SQLModel

from app.core.models import new_id
from app.core.types import JSONType, UTCDateTime, utcnow

# Never copied into the trail: derived.
_NOT_AUDITED = {"search_text"}
# Secret or personal: the trail keeps only a fingerprint, which shows that the value changed but not what it is.
_REDACTED = {"password_hash", "personal_email", "personal_phone"}


AuditAction = StrEnum("AuditAction", ["create", "update", "delete", "verify"])


class AuditEvent(SQLModel, table=True):
    """One change, written in the same transaction as the change itself."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity_type", "entity_id", "occurred_at"),
        Index("ix_audit_event_actor", "actor_id", "occurred_at"),
        Index("ix_audit_event_occurred_at", "occurred_at", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    # No foreign key: the trail outlives the accounts and records it names.
    actor_id: str = Field(max_length=36)
    actor_email: str = Field(sa_type=String(254))
    entity_type: str = Field(sa_type=String(40))
    entity_id: str = Field(max_length=64)
    action: str = Field(sa_type=String(16))
    before: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSONType)


class AuditEventPublic(BaseModel):
    id: str
    occurred_at: datetime
    actor_id: str
    actor_email: str
    entity_type: str
    entity_id: str
    action: AuditAction
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    changed_fields: list[str]

    @classmethod
    def build(cls, event: AuditEvent) -> "AuditEventPublic":
        before, after = event.before or {}, event.after or {}
        changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
        return cls(**event.model_dump(), changed_fields=changed)


def _fingerprint(value: Any) -> str | None:
    if value is None:
        return None
    return "redacted:" + hashlib.sha256(str(value).encode()).hexdigest()[:12]


def snapshot(record: SQLModel) -> dict[str, Any]:
    """The stored fields of a record as JSON values, with its service types when it has them."""
    values = {attribute.key: getattr(record, attribute.key) for attribute in inspect(record).mapper.column_attrs}
    service_types = record.service_types if hasattr(record, "service_type_links") else None  # type: ignore[attr-defined]
    return snapshot_of(values, service_types)


def snapshot_of(values: Mapping[str, Any], service_types: list[str] | None = None) -> dict[str, Any]:
    """snapshot() of a record given as its column values (imports write rows without building ORM objects)."""
    kept = {
        key: _fingerprint(value) if key in _REDACTED else value
        for key, value in values.items()
        if key not in _NOT_AUDITED
    }
    if service_types is not None:
        kept["service_types"] = service_types
    result: dict[str, Any] = to_jsonable_python(kept)
    return result
