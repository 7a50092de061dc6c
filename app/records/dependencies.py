"""The lookups of one record by the id in the path, for the routes of every record type."""

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import NotFoundError
from app.core.models import Published
from app.records import repository
from app.records.record_type import table_noun

R = TypeVar("R", bound=Published)


async def published(session: AsyncSession, table: type[R], record_id: str) -> R:
    record = await repository.get_public(session, table, record_id)
    if record is None:
        raise NotFoundError(f"No published {table_noun(table)} with id '{record_id}'.")
    return record


async def editable(session: AsyncSession, table: type[R], record_id: str) -> R:
    record = await repository.get_editable(session, table, record_id)
    if record is None:
        raise NotFoundError(f"No {table_noun(table)} with id '{record_id}'.")
    return record
