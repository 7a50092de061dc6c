"""What every table shares: the metadata naming convention, ids, timestamps, versions and search text."""

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import chain
from typing import Any, Self

from pydantic import BaseModel
from sqlalchemy import ColumnElement, MetaData, String, Text, event
from sqlalchemy.orm import Session, declared_attr
from sqlmodel import Field, SQLModel

from app.core.changes import (
    Synced,
    announce_committed_change,
    forget_transaction_change_seq,
    record_departure,
    transaction_change_seq,
)
from app.core.local_time import country_today
from app.core.text import search_document
from app.core.types import JSONType, UTCDateTime, utcnow

# Explicit constraint names, so migrations name them the same on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def new_id() -> str:
    return str(uuid.uuid4())


class Timestamped(SQLModel):
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    version: int = Field(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Every UPDATE says "WHERE version = <the version read>" and bumps it: a concurrent change makes the
        # second write fail (StaleDataError) instead of silently overwriting the first.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Record(Timestamped):
    """A directory record: opaque id, soft deletion, and a folded search document kept up to date on flush."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    search_text: str = Field(default="", sa_type=Text, nullable=False)

    def search_parts(self) -> Iterable[str | None]:
        return ()

    def refresh_derived(self) -> None:
        """Recompute columns kept from the record's other data; called before each flush of the record."""


class Published(Record, Synced):
    """A record that shows in the public directory while active, not deleted and not past valid_until."""

    status: str = Field(default="active", sa_type=String(16), nullable=False)
    valid_until: date | None = None
    last_verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Who confirmed the data last (a user id); set only by the explicit verify action.
    verified_by_id: str | None = Field(default=None, max_length=36)
    source: str | None = Field(default=None, max_length=300)
    is_demo: bool = Field(default=False, nullable=False)
    # The country's own id for the record, unique within its country: imports match rows by it.
    external_id: str | None = Field(default=None, max_length=64)

    def is_public_at(self, now: datetime) -> bool:
        """Not deleted and not past valid_until at `now` in its country (core.query.is_published says the same in
        SQL)."""
        country = getattr(self, "country_code", "")
        return self.deleted_at is None and (self.valid_until is None or self.valid_until >= country_today(country, now))


class ReadModel(BaseModel):
    """A schema that shows a row's own columns under their own names, so it is built from the row alone."""

    @classmethod
    def build(cls, row: SQLModel) -> Self:
        return cls.model_validate(row, from_attributes=True)


class Located(SQLModel):
    """The columns of a record people go to or call: its place, phones, hours and languages."""

    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    admin_area: str | None = Field(default=None, max_length=120)
    latitude: float | None = None
    longitude: float | None = None
    location_confidential: bool = Field(default=False, nullable=False)
    phones: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    opening_hours: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    time_zone: str | None = Field(default=None, max_length=64)
    languages: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)


# The location index of a table with places: the box search, the publication checks (the country among them: it
# decides validity while the countries' dates differ) and the id, so that a search by distance with no other filter
# than a country reads the index alone.
LOCATION_INDEX_COLUMNS = (
    "latitude",
    "longitude",
    "location_confidential",
    "status",
    "deleted_at",
    "valid_until",
    "country_code",
    "id",
)


def delimited_codes(codes: Sequence[str]) -> str:
    """Codes as one string, each between spaces (" a b "), so that " a " matches exactly one whole code."""
    return f" {' '.join(codes)} " if codes else ""


def contains_code(column: Any, code: str) -> ColumnElement[bool]:
    return column.contains(f" {code} ", autoescape=True)  # type: ignore[no-any-return]


def localized_parts(*texts: dict[str, str] | None) -> list[str]:
    return [value for text in texts if text for value in text.values()]


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _context: Any, _instances: Any) -> None:
    now = utcnow()
    for obj in chain(session.new, session.dirty):
        if not isinstance(obj, Timestamped):
            continue
        if isinstance(obj, Record):
            obj.refresh_derived()
        if obj in session.dirty:
            if not session.is_modified(obj, include_collections=False):
                continue
            obj.updated_at = now
        if isinstance(obj, Record):
            obj.search_text = search_document(obj.search_parts())
        if isinstance(obj, Synced):
            obj.change_seq = transaction_change_seq(session)
            if obj in session.dirty and hasattr(obj, "country_code"):
                record_departure(session, obj)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    announce_committed_change(session)
    forget_transaction_change_seq(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    forget_transaction_change_seq(session)
