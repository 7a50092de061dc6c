"""The queries of an import, each for a batch of rows at once: never one round trip per row.

Imports read and write table rows (Core statements), not ORM objects: building, tracking and flushing an object per
row costs more than everything else an import does. The service gives each row its derived columns and audit event,
as the ORM write path does on flush."""

from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, bindparam, delete, insert, inspect, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.models import Published


def table_of(model: type[Published]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


@cache
def service_type_links(model: type[Published]) -> tuple[Table, Column[Any]] | None:
    """The link table of a record type with service types, and its column naming the record."""
    relationship = inspect(model).relationships.get("service_type_links")
    if relationship is None:
        return None
    links: Table = relationship.target
    owner = next(c for c in links.c if any(key.column is table_of(model).c.id for key in c.foreign_keys))
    return links, owner


async def existing(
    session: AsyncSession, model: type[Published], ids: Collection[str], external_ids: Collection[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The stored values of the records with these ids or (country, external_id) pairs, deleted ones included
    (their external id stays taken), with their sorted `service_types` when the type has them."""
    if not ids and not external_ids:
        return []
    table = table_of(model)
    conditions: list[ColumnElement[bool]] = []
    if ids:
        conditions.append(table.c.id.in_(list(ids)))
    if external_ids:
        # Countries and ids apart, read by the (country_code, external_id) index; the exact pairs kept below.
        conditions.append(
            table.c.country_code.in_(sorted({country for country, _ in external_ids}))
            & table.c.external_id.in_(sorted({external_id for _, external_id in external_ids}))
        )
    columns = [c for c in table.c if c.key != "search_text"]
    found = [dict(row) for row in (await session.execute(select(*columns).where(or_(*conditions)))).mappings()]
    found = [r for r in found if r["id"] in ids or (r["country_code"], r["external_id"]) in external_ids]
    linked = service_type_links(model)
    if linked is not None and found:
        links, owner = linked
        codes: dict[str, list[str]] = {row["id"]: [] for row in found}
        statement = select(owner, links.c.service_type_code).where(owner.in_(list(codes)))
        for record_id, code in (await session.execute(statement)).all():
            codes[record_id].append(code)
        for row in found:
            row["service_types"] = sorted(codes[row["id"]])
    return found


async def contacts_of_country(
    session: AsyncSession, model: type[Published], country: str, fields: Sequence[str]
) -> Sequence[Any]:
    """(id, external_id, *fields) of every record of `country` that is not deleted: what new rows are compared
    with for likely duplicates."""
    table = table_of(model)
    statement = select(table.c.id, table.c.external_id, *(table.c[name] for name in fields)).where(
        table.c.country_code == country, table.c.deleted_at.is_(None)
    )
    return (await session.execute(statement)).all()


async def versions_for_update(session: AsyncSession, model: type[Published], ids: Collection[str]) -> dict[str, int]:
    """The current version of each record, locked until the transaction ends (PostgreSQL; SQLite has one writer
    at a time): the batch's optimistic check, one query for all its rows."""
    table = table_of(model)
    statement = select(table.c.id, table.c.version).where(table.c.id.in_(list(ids))).with_for_update()
    return dict((await session.execute(statement)).all())


def _links(model: type[Published]) -> tuple[Table, Column[Any]]:
    linked = service_type_links(model)
    if linked is None:
        raise ValueError(f"{model.__name__} has no service types")
    return linked


async def insert_records(
    session: AsyncSession, model: type[Published], rows: Sequence[Mapping[str, Any]], codes: Mapping[str, Sequence[str]]
) -> None:
    """New records (every column given) and their service-type codes (record id -> codes)."""
    if rows:
        await session.execute(insert(table_of(model)), rows)
    await _insert_links(session, model, codes)


async def _insert_links(session: AsyncSession, model: type[Published], codes: Mapping[str, Sequence[str]]) -> None:
    if not codes:
        return
    links, owner = _links(model)
    rows = [{owner.key: record_id, "service_type_code": code} for record_id, some in codes.items() for code in some]
    if rows:
        await session.execute(insert(links), rows)


async def update_records(session: AsyncSession, model: type[Published], changes: Sequence[Mapping[str, Any]]) -> None:
    """Each record's changed columns, its id given as `record_id`; the version moves on by one. The rows are sent
    in groups of those that change the same columns, one statement each."""
    table = table_of(model)
    statement = update(table).where(table.c.id == bindparam("record_id")).values(version=table.c.version + 1)
    groups: dict[frozenset[str], list[Mapping[str, Any]]] = {}
    for values in changes:
        groups.setdefault(frozenset(values), []).append(values)
    for group in groups.values():
        await session.execute(statement, group)


async def replace_links(session: AsyncSession, model: type[Published], codes: Mapping[str, Sequence[str]]) -> None:
    """The service-type codes of these records (record id -> codes) become the given ones."""
    if not codes:
        return
    links, owner = _links(model)
    await session.execute(delete(links).where(owner.in_(list(codes))))
    await _insert_links(session, model, codes)
