"""Reports of wrong data sent by the public, and the record types they may be about."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.models import ReadModel, Timestamped, new_id
from app.core.types import UTCDateTime
from app.core.validation import WriteModel
from app.reports.records import RecordType

MAX_TEXT = 1000
# Line breaks and tabs are text; every other control character is refused (terminal escapes, bidi tricks aside).


ReportReason = StrEnum("ReportReason", ["number_does_not_answer", "closed", "moved", "wrong_hours", "other"])


ReportStatus = StrEnum("ReportStatus", ["open", "resolved", "dismissed"])


ReportDecision = StrEnum("ReportDecision", ["resolved", "dismissed"])


class Report(Timestamped, table=True):
    """What someone told the Technical Secretariat about a published record. Nothing about who sent it is kept:
    not the address, not the browser; only what they typed."""

    __tablename__ = "report"
    __table_args__ = (
        Index("ix_report_country_status", "country_code", "status", "created_at", "id"),
        Index("ix_report_record", "record_type", "record_id", "status"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    record_type: str = Field(sa_type=String(32), nullable=False)
    record_id: str = Field(max_length=36)
    # The record's country when reported: who may read and handle the report.
    country_code: str = Field(foreign_key="country.code", sa_type=String(2))
    reason: str = Field(sa_type=String(32), nullable=False)
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    status: str = Field(default=ReportStatus.open.value, sa_type=String(16), nullable=False)
    note: str | None = Field(default=None, max_length=MAX_TEXT)
    handled_by_id: str | None = Field(default=None, max_length=36)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ReportCreate(WriteModel):
    # Control characters are refused by WriteModel; the text may keep its line breaks and tabs.
    multiline_fields = frozenset({"text"})

    record_type: RecordType
    record_id: str = PydanticField(min_length=1, max_length=64, description="The id of the published record.")
    reason: ReportReason
    text: str | None = PydanticField(
        default=None,
        max_length=MAX_TEXT,
        description="What is wrong, in your words (optional). No contact data is needed, and none should be given.",
        examples=["El número suena ocupado todo el día."],
    )


class ReportReceipt(BaseModel):
    """What the sender gets back: the report was received."""

    id: str
    record_type: RecordType
    record_id: str
    reason: ReportReason
    created_at: datetime


class ReportPrivate(ReadModel):
    id: str
    record_type: RecordType
    record_id: str
    country_code: str = PydanticField(examples=["GT"])
    reason: ReportReason
    text: str | None
    status: ReportStatus
    note: str | None = PydanticField(description="Why it was resolved or dismissed.")
    handled_by_id: str | None = PydanticField(description="The account that resolved or dismissed it.")
    handled_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ReportUpdate(WriteModel):
    multiline_fields = frozenset({"note"})

    status: ReportDecision
    note: str = PydanticField(min_length=1, max_length=MAX_TEXT, description="What was done, or why not.")


class RecordReports(BaseModel):
    """A record as its editors follow it up: open reports and when its data should be confirmed again."""

    record_type: RecordType
    record_id: str
    country_code: str
    open_reports: int = PydanticField(description="Reports about this record nobody has resolved or dismissed yet.")
    last_verified_at: datetime | None
    reconfirm_by: datetime = PydanticField(
        description="When its data should be confirmed again (POST …/verify): the re-check interval of its record "
        "type after its last confirmation, or after its creation when it was never confirmed."
    )
