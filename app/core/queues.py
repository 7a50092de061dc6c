"""The private work queues (reports of wrong data, editors' proposals): filtered by country and by equal values,
and read oldest first, in the order they came in."""

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import ColumnElement, func, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, select

from app.core.pagination import PageParams

Q = TypeVar("Q", bound=SQLModel)


def queue_conditions(
    table: type[SQLModel], countries: Sequence[str] | None, **equal: object | None
) -> list[ColumnElement[bool]]:
    """Rows of `countries` (None: every country) whose columns named in `equal` hold the values given (a None value
    does not filter)."""
    columns = inspect(table).columns
    conditions: list[ColumnElement[bool]] = [] if countries is None else [columns.country_code.in_(countries)]
    conditions += [columns[name] == value for name, value in equal.items() if value is not None]
    return conditions


async def oldest_first(
    session: AsyncSession, table: type[Q], conditions: Sequence[ColumnElement[bool]], page: PageParams
) -> tuple[Sequence[Q], int]:
    """A page of the rows that match `conditions`, oldest first, and how many match in all."""
    columns = inspect(table).columns
    total = await session.scalar(select(func.count()).select_from(table).where(*conditions))
    statement = (
        select(table).where(*conditions).order_by(columns.created_at, columns.id).limit(page.limit).offset(page.offset)
    )
    return (await session.scalars(statement)).all(), total or 0
