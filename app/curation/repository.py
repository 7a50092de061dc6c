"""The links between records of a country (a focal point's protection system, a hotline's institution, ...) and
the queries that check them: a record may only name records of its own country."""

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.tables import metadata

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
    """Every foreign key between two tables of country records, read from the whole schema (app.tables) so that
    a new link is checked without being listed anywhere."""
    return tuple(
        CountryLink(table=table, column=key.parent.name, target=key.column.table)
        for table in metadata.sorted_tables
        if "country_code" in table.c
        for key in table.foreign_keys
        if "country_code" in key.column.table.c and key.parent.name != "country_code"
    )


async def countries_of(session: AsyncSession, target: Table, ids: Collection[str]) -> dict[str, str]:
    """The country of each record among `ids` that is not deleted (missing ids are absent)."""
    wanted = list(ids)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        statement = select(target.c.id, target.c.country_code).where(
            target.c.id.in_(wanted[start : start + _CHUNK]), target.c.deleted_at.is_(None)
        )
        found.update((await session.execute(statement)).all())
    return found


async def countries_linking_to(session: AsyncSession, link: CountryLink, record_id: str, other_than: str) -> list[str]:
    """The countries, other than `other_than`, of the records (not deleted) whose `link` names `record_id`."""
    statement = (
        select(link.table.c.country_code)
        .where(
            link.table.c[link.column] == record_id,
            link.table.c.country_code != other_than,
            link.table.c.deleted_at.is_(None),
        )
        .distinct()
        .order_by(link.table.c.country_code)
    )
    return list((await session.scalars(statement)).all())
