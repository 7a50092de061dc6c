"""The change sequence: one counter that every committed change of directory data moves forward.

Each transaction that changes a synced record takes the next value once, by an UPDATE of the single row of
`change_sequence`. That UPDATE holds the row's lock until the transaction ends, so a second writer waits for the
first to commit before it gets its value: values become visible in the order they were taken, and a reader who
has seen value N has seen every change numbered N or lower. (A sequence object would hand out numbers early and
let a later number commit first, and a client syncing in between would skip the earlier one for ever.)
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Index, String, inspect, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel, col

_SESSION_KEY = "change_seq"
# Session.info key of the callback run after a commit that took a change sequence value.
ON_DIRECTORY_CHANGE = "on_directory_change"
# PostgreSQL channel told of every such commit (NOTIFY is transactional: sent only if the transaction commits).
CHANGE_CHANNEL = "directory_changes"


class ChangeSequence(SQLModel, table=True):
    __tablename__ = "change_sequence"

    id: int = Field(default=1, primary_key=True)
    value: int = Field(default=0, nullable=False)


class Synced(SQLModel):
    """A table whose rows mobile clients sync: each change records the sequence value it was committed under."""

    # Each synced table indexes (change_seq, its key): the sync reads pages in that order, and many rows share one
    # value (an import writes all its rows under one), so an index on change_seq alone leaves a sort of them all.
    change_seq: int = Field(default=0, nullable=False)


class CountryDeparture(SQLModel, table=True):
    """A record left a country (its country_code changed) under this change sequence value: a later sync of that
    country sends it as a tombstone, while syncs of a country only ever list that country's records."""

    __tablename__ = "country_departure"
    __table_args__ = (Index("ix_country_departure_change_seq", "change_seq", "country_code"),)

    id: int | None = Field(default=None, primary_key=True)
    # No foreign keys, as in the audit trail: the row outlives nothing, and names a record of any table.
    record_type: str = Field(sa_type=String(40))
    record_id: str = Field(max_length=64)
    country_code: str = Field(sa_type=String(2))
    change_seq: int = Field(nullable=False)


def record_departure(session: Session, record: Any) -> None:
    """On flush of a changed synced record: when its country changed, note the country it left."""
    history = inspect(record).attrs.country_code.history
    for old in history.deleted or ():
        if old is not None and old != record.country_code:
            session.add(
                CountryDeparture(
                    record_type=record.__tablename__,
                    record_id=record.id,
                    country_code=old,
                    change_seq=transaction_change_seq(session),
                )
            )


async def current_change_seq(connection: AsyncConnection) -> int:
    """The latest committed value: the version of the directory's data."""
    value = await connection.scalar(select(col(ChangeSequence.value)).where(col(ChangeSequence.id) == 1))
    return value or 0


def transaction_change_seq(session: Session) -> int:
    """The sequence value of this transaction's changes, taken (and its row locked) on first use."""
    if _SESSION_KEY not in session.info:
        statement = (
            update(ChangeSequence)
            .where(col(ChangeSequence.id) == 1)
            .values(value=col(ChangeSequence.value) + 1)
            .returning(col(ChangeSequence.value))
        )
        connection = session.connection()
        session.info[_SESSION_KEY] = connection.execute(statement).scalar_one()
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"NOTIFY {CHANGE_CHANNEL}"))
    value: int = session.info[_SESSION_KEY]
    return value


def forget_transaction_change_seq(session: Session) -> None:
    session.info.pop(_SESSION_KEY, None)


def announce_committed_change(session: Session) -> None:
    """After a commit: tell the sessionmaker's owner when the transaction changed directory data."""
    callback: Callable[[], None] | None = session.info.get(ON_DIRECTORY_CHANGE)
    if callback is not None and _SESSION_KEY in session.info:
        callback()
