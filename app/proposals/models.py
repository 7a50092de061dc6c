"""Proposals: an editor's create, change or delete of a record, kept beside the live record until a reviewer or an
administrator approves it (countries with review required)."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.models import ReadModel, Timestamped, new_id
from app.core.types import JSONType, UTCDateTime
from app.core.validation import WriteModel

MAX_REASON = 1000


ProposalAction = StrEnum("ProposalAction", ["create", "update", "delete"])


ProposalStatus = StrEnum("ProposalStatus", ["pending", "approved", "rejected", "withdrawn"])


class Proposal(Timestamped, table=True):
    __tablename__ = "proposal"
    __table_args__ = (
        Index("ix_proposal_country_status", "country_code", "status", "created_at", "id"),
        Index("ix_proposal_author", "author_id", "status"),
        Index("ix_proposal_batch", "batch_id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    # The sync's record type: "institution".
    record_type: str = Field(sa_type=String(40), nullable=False)
    # None until a proposed record is created by its approval.
    record_id: str | None = Field(default=None, max_length=36)
    action: str = Field(sa_type=String(16), nullable=False)
    # The validated Create or Update body, as sent (an update holds only the fields sent).
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    # The live record's version the proposal was made against: approval refuses when the record moved on.
    base_version: int | None = None
    # The live record's country (for a create, the proposed one): whose reviewers decide.
    country_code: str = Field(foreign_key="country.code", sa_type=String(2))
    # No foreign keys to accounts, as in the audit trail: a proposal outlives the accounts it names.
    author_id: str = Field(max_length=36)
    author_email: str = Field(sa_type=String(254))
    status: str = Field(default=ProposalStatus.pending.value, sa_type=String(16), nullable=False)
    reviewer_id: str | None = Field(default=None, max_length=36)
    reviewer_email: str | None = Field(default=None, sa_type=String(254))
    reason: str | None = Field(default=None, max_length=MAX_REASON)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Shared by the proposals of one imported sheet, approved or rejected together.
    batch_id: str | None = Field(default=None, max_length=36)


class FieldChange(BaseModel):
    field: str
    live: Any = PydanticField(description="The live record's value (null for a new record).")
    proposed: Any = PydanticField(description="The proposed value (null when the record is to be deleted).")


class ProposalPublic(ReadModel):
    """A proposal as its author, its reviewers and administrators see it."""

    id: str
    record_type: str = PydanticField(examples=["emergency_service"])
    record_id: str | None = PydanticField(description="Null for a proposed new record until it is approved.")
    action: ProposalAction
    payload: dict[str, Any] = PydanticField(description="The body of the create or change, as sent.")
    base_version: int | None = PydanticField(description="The live record's version the proposal is based on.")
    country_code: str
    author_id: str
    author_email: str
    status: ProposalStatus
    reviewer_id: str | None
    reviewer_email: str | None
    reason: str | None
    batch_id: str | None
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None


class ProposalDetail(ProposalPublic):
    live_version: int | None = PydanticField(description="The live record's version now (null: no live record).")
    diff: list[FieldChange] = PydanticField(description="Each field the proposal changes: live and proposed value.")


class Rejection(WriteModel):
    multiline_fields = frozenset({"reason"})

    reason: str = PydanticField(min_length=1, max_length=MAX_REASON, description="Why, for the author.")


class BatchDecision(BaseModel):
    batch_id: str
    status: ProposalStatus
    proposals: int = PydanticField(description="How many proposals of the batch were decided.")
