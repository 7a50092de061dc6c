from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from app.core.changes import CountryDeparture, current_change_seq
from app.core.models import Published
from app.core.query import is_published


@dataclass(frozen=True)
class SyncedKind:
    """One record type in the sync, in the order the sync sends them."""

    name: str
    model: type[SQLModel]
    key: Any  # the column that identifies a record: id, or the code of countries
    per_country: bool


async def current_seq(session: AsyncSession) -> int:
    return await current_change_seq(await session.connection())


def of_countries(kind: SyncedKind, countries: Sequence[str]) -> list[ColumnElement[bool]]:
    """Records of these countries, when some are asked for and the kind belongs to countries."""
    model: Any = kind.model
    return [col(model.country_code).in_(countries)] if countries and kind.per_country else []


def visible(kind: SyncedKind, countries: Sequence[str]) -> list[ColumnElement[bool]]:
    """What the public sees of this kind (and of these countries, when some are asked for)."""
    model: Any = kind.model
    if not issubclass(model, Published):
        return []
    return [is_published(model), col(model.status) == "active", *of_countries(kind, countries)]


async def changed_records(
    session: AsyncSession,
    kind: SyncedKind,
    *,
    base: int,
    upto: int,
    after: tuple[int, str],
    limit: int,
    only: Sequence[ColumnElement[bool]] = (),
) -> Sequence[Any]:
    """Records of `kind` changed in (base, upto], after position `after`, in (change_seq, key) order."""
    model: Any = kind.model
    seq = col(model.change_seq)
    after_seq, after_key = after
    statement = (
        select(model)
        .where(
            seq > base,
            seq <= upto,
            or_(seq > after_seq, and_(seq == after_seq, kind.key > after_key)),
            *only,
        )
        .order_by(seq, kind.key)
        .limit(limit)
    )
    return (await session.scalars(statement)).all()


async def expired_between(
    session: AsyncSession, kind: SyncedKind, start: date, end: date, countries: Sequence[str]
) -> Sequence[str]:
    """Ids of records whose valid_until passed in [start, end): gone from public view with no change made."""
    model: Any = kind.model
    if not issubclass(model, Published):
        return []
    conditions = [col(model.valid_until) >= start, col(model.valid_until) < end]
    if countries and kind.per_country:
        conditions.append(col(model.country_code).in_(countries))
    return (await session.scalars(select(kind.key).where(*conditions))).all()


async def departed_between(
    session: AsyncSession, kind: SyncedKind, countries: Sequence[str], base: int, upto: int
) -> Sequence[str]:
    """Ids of records of `kind` that left one of `countries` in (base, upto] and are in none of them now."""
    model: Any = kind.model
    now_in = select(kind.key).where(col(model.country_code).in_(countries))
    statement = (
        select(col(CountryDeparture.record_id))
        .where(
            col(CountryDeparture.record_type) == kind.name,
            col(CountryDeparture.country_code).in_(countries),
            col(CountryDeparture.change_seq) > base,
            col(CountryDeparture.change_seq) <= upto,
            col(CountryDeparture.record_id).not_in(now_in),
        )
        .distinct()
        .order_by(col(CountryDeparture.record_id))
    )
    return (await session.scalars(statement)).all()
