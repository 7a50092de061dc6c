"""The queries of an import, each for the whole file at once: never one round trip per row."""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.models import Published


async def of_countries(session: AsyncSession, model: type[Published], countries: Collection[str]) -> Sequence[Any]:
    """Every record of these countries, deleted ones included (their external id stays taken), in one query:
    the rows of a file are matched against them by external id, and new rows checked for likely duplicates."""
    target: Any = model
    statement = select(model).where(col(target.country_code).in_(countries))
    return (await session.scalars(statement)).all()
