"""The queries every record type shares: one record by id, whether an external id is taken, and the links between
records of a country (a focal point's protection system, a hotline's institution, ...): a record may only name
records of its own country."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.interfaces import ORMOption
from sqlmodel import SQLModel, col, select

from app.core.geo import Circle
from app.core.models import Published
from app.core.pagination import PageParams
from app.core.query import CommonFilters, fetch_nearest_page, fetch_page, is_published, open_now_conditions

R = TypeVar("R", bound=Published)


async def get_public(session: AsyncSession, table: type[R], record_id: str) -> R | None:
    statement = select(table).where(col(table.id) == record_id, is_published(table))
    return (await session.scalars(statement)).one_or_none()


async def get_editable(session: AsyncSession, table: type[R], record_id: str) -> R | None:
    """A record that is not deleted, published or not (inactive, expired): what editors may change."""
    statement = select(table).where(col(table.id) == record_id, col(table.deleted_at).is_(None))
    return (await session.scalars(statement)).one_or_none()


async def list_public(
    session: AsyncSession,
    table: type[R],
    conditions: list[ColumnElement[bool]],
    filters: CommonFilters,
    page: PageParams,
    *,
    order: Sequence[Any],
    near: Circle | None = None,
    options: Sequence[ORMOption] = (),
) -> tuple[Sequence[tuple[R, float | None]], int]:
    """One page of the records of `table` meeting `conditions` (and `filters.open_now`), each with its distance in
    km from `near` (None without it): in `order`, or nearest first when `near` is given."""
    conditions = conditions + await open_now_conditions(session, table, conditions, filters)
    if near is not None:
        return await fetch_nearest_page(session, table, conditions, near, page, options)
    records, total = await fetch_page(session, table, conditions, order, page, options, search=filters.q)
    return [(record, None) for record in records], total


async def external_id_taken(
    session: AsyncSession, model: type[Any], country: str, external_id: str, own_id: str | None
) -> bool:
    statement = select(model.id).where(col(model.country_code) == country, col(model.external_id) == external_id)
    if own_id is not None:
        statement = statement.where(col(model.id) != own_id)
    return (await session.scalars(statement.limit(1))).first() is not None


# Ids per query: below SQLite's limit on bound variables.
_CHUNK = 1000


@dataclass(frozen=True)
class CountryLink:
    """`table.column` holds the id of a record of `target`; both tables have a country_code."""

    table: Table
    column: str
    target: Table


@cache
def country_links() -> tuple[CountryLink, ...]:
    """Every foreign key between two tables of country records, read from the whole schema so that a new link is
    checked without being listed anywhere. Called at run time, when every table is defined (app.tables imports
    them all), so this package needs to import none of the record domains above it."""
    return tuple(
        CountryLink(table=table, column=key.parent.name, target=key.column.table)
        for table in SQLModel.metadata.sorted_tables
        if "country_code" in table.c
        for key in table.foreign_keys
        if "country_code" in key.column.table.c and key.parent.name != "country_code"
    )


async def countries_of(session: AsyncSession, target: Table, ids: Collection[str]) -> dict[str, str]:
    """The country of each record among `ids` that is not deleted (missing ids are absent)."""
    wanted = list(ids)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        statement = select_columns(target.c.id, target.c.country_code).where(
            target.c.id.in_(wanted[start : start + _CHUNK]), target.c.deleted_at.is_(None)
        )
        found.update((await session.execute(statement)).all())
    return found


async def countries_linking_to(session: AsyncSession, link: CountryLink, record_id: str, other_than: str) -> list[str]:
    """The countries, other than `other_than`, of the records (not deleted) whose `link` names `record_id`."""
    statement = (
        select_columns(link.table.c.country_code)
        .where(
            link.table.c[link.column] == record_id,
            link.table.c.country_code != other_than,
            link.table.c.deleted_at.is_(None),
        )
        .distinct()
        .order_by(link.table.c.country_code)
    )
    return list((await session.scalars(statement)).all())
