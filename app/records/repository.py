"""The queries every record type shares: one record by id, and whether an external id is taken."""

from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.models import Published
from app.core.query import is_published

R = TypeVar("R", bound=Published)


async def get_public(session: AsyncSession, table: type[R], record_id: str) -> R | None:
    statement = select(table).where(col(table.id) == record_id, is_published(table))
    return (await session.scalars(statement)).one_or_none()


async def get_editable(session: AsyncSession, table: type[R], record_id: str) -> R | None:
    """A record that is not deleted, published or not (inactive, expired): what editors may change."""
    statement = select(table).where(col(table.id) == record_id, col(table.deleted_at).is_(None))
    return (await session.scalars(statement)).one_or_none()


async def external_id_taken(
    session: AsyncSession, model: type[Any], country: str, external_id: str, own_id: str | None
) -> bool:
    statement = select(model.id).where(col(model.country_code) == country, col(model.external_id) == external_id)
    if own_id is not None:
        statement = statement.where(col(model.id) != own_id)
    return (await session.scalars(statement.limit(1))).first() is not None
