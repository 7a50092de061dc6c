from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from app.core.changes import CountryDeparture, current_change_seq
from app.core.models import Published
from app.core.query import is_published, still_valid


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


def visible(kind: SyncedKind, countries: Sequence[str], now: datetime) -> list[ColumnElement[bool]]:
    """What the public sees of this kind at `now` (and of these countries, when some are asked for)."""
    model: Any = kind.model
    if not issubclass(model, Published):
        return []
    return [is_published(model, now), col(model.status) == "active", *of_countries(kind, countries)]


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


async def expired_since(
    session: AsyncSession, kind: SyncedKind, day: date, now: datetime, countries: Sequence[str]
) -> Sequence[str]:
    """Ids of records gone from public view by their valid_until, with no change made, since a sync on UTC `day`.

    A date ends at midnight in its country, up to a day before or after the UTC midnight: so every record dated
    from the day before `day` on that is no longer valid `now` (a client told twice deletes nothing the second
    time)."""
    model: Any = kind.model
    if not issubclass(model, Published):
        return []
    valid_until = col(model.valid_until)
    conditions = [valid_until >= day - timedelta(days=1), valid_until <= now.date(), not_(still_valid(model, now))]
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
