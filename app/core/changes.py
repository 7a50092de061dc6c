"""The change sequence: one counter that every committed change of directory data moves forward.

Each transaction that changes a synced record takes the next value once, by an UPDATE of the single row of
`change_sequence`. That UPDATE holds the row's lock until the transaction ends, so a second writer waits for the
first to commit before it gets its value: values become visible in the order they were taken, and a reader who
has seen value N has seen every change numbered N or lower. (A sequence object would hand out numbers early and
let a later number commit first, and a client syncing in between would skip the earlier one for ever.)
"""

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel, col

_SESSION_KEY = "change_seq"


class ChangeSequence(SQLModel, table=True):
    __tablename__ = "change_sequence"

    id: int = Field(default=1, primary_key=True)
    value: int = Field(default=0, nullable=False)


class Synced(SQLModel):
    """A table whose rows mobile clients sync: each change records the sequence value it was committed under."""

    change_seq: int = Field(default=0, nullable=False, index=True)


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
        session.info[_SESSION_KEY] = session.connection().execute(statement).scalar_one()
    value: int = session.info[_SESSION_KEY]
    return value


def forget_transaction_change_seq(session: Session) -> None:
    session.info.pop(_SESSION_KEY, None)
