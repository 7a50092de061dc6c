"""Query pieces shared by the repositories: publication rules, array membership, search and paging."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, exists, func, or_, true
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Text
from sqlmodel import col, select

from app.core.models import Published
from app.core.pagination import PageParams
from app.core.text import search_terms
from app.core.types import utcnow
from app.core.vocabulary import RecordStatus

M = TypeVar("M", bound=Published)


@dataclass(frozen=True)
class CommonFilters:
    """Filters every public list takes."""

    countries: list[str] | None = None
    status: RecordStatus = RecordStatus.active
    verified_since: date | None = None
    q: str | None = None


def is_published(model: type[Published]) -> ColumnElement[bool]:
    """Not deleted and not past valid_until: the records the public may see at all."""
    today = utcnow().date()
    return and_(col(model.deleted_at).is_(None), or_(col(model.valid_until).is_(None), col(model.valid_until) >= today))


def common_conditions(model: Any, filters: CommonFilters) -> list[ColumnElement[bool]]:
    conditions = [is_published(model), model.status == filters.status.value]
    if filters.countries:
        conditions.append(model.country_code.in_(filters.countries))
    if filters.verified_since:
        since = datetime.combine(filters.verified_since, time.min, tzinfo=UTC)
        conditions.append(model.last_verified_at >= since)
    if filters.q:
        conditions.append(matches_search(model.search_text, filters.q))
    return conditions


def matches_search(column: Any, query: str) -> ColumnElement[bool]:
    """Every folded term of the query appears in the folded search document."""
    terms = search_terms(query)
    if not terms:
        return true()
    return and_(*(column.contains(term, autoescape=True) for term in terms))


def json_array_overlaps(column: Any, values: Sequence[str], dialect: str) -> ColumnElement[bool]:
    """True when the JSON array in `column` holds at least one of `values`."""
    if dialect == "postgresql":
        return column.op("?|")(array(list(values), type_=Text).cast(ARRAY(Text)))  # type: ignore[no-any-return]
    element = func.json_each(column).table_valued("value")
    return exists(select(1).select_from(element).where(element.c.value.in_(list(values))))


def dialect_of(session: AsyncSession) -> str:
    bind = session.bind
    assert bind is not None, "sessions are always bound to the engine"
    return bind.dialect.name


async def fetch_page(
    session: AsyncSession,
    model: type[M],
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    page: PageParams,
) -> tuple[Sequence[M], int]:
    """One page in the given order (which must end with a unique column), and how many rows match in all."""
    total = await session.scalar(select(func.count()).select_from(model).where(*conditions))
    statement = select(model).where(*conditions).order_by(*order_by).limit(page.limit).offset(page.offset)
    rows = (await session.scalars(statement)).all()
    return rows, total or 0
