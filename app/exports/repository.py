from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.models import Published


async def for_export(session: AsyncSession, model: type[Published], countries: Collection[str] | None) -> Sequence[Any]:
    """The records of `model` that are not deleted (published or not: what editors curate), of `countries` (None:
    all), in a stable order."""
    target: Any = model
    statement = select(model).where(col(target.deleted_at).is_(None))
    if countries is not None:
        statement = statement.where(col(target.country_code).in_(countries))
    statement = statement.order_by(col(target.country_code), col(target.external_id), col(target.id))
    return (await session.scalars(statement)).all()
