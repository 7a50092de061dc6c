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


async def existing_ids(session: AsyncSession, model: type[Published], ids: Collection[str]) -> set[str]:
    """The ids among `ids` of records that are not deleted (the references a row may make)."""
    target: Any = model
    wanted = list(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        statement = select(col(target.id)).where(col(target.id).in_(chunk), col(target.deleted_at).is_(None))
        found.update((await session.scalars(statement)).all())
    return found
