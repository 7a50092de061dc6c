"""Query pieces shared by the repositories: publication rules, array membership, search, paging and distance."""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Float,
    Select,
    and_,
    any_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    text,
)
from sqlalchemy import select as sql_select
from sqlalchemy import table as sql_table
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm.interfaces import ORMOption
from sqlalchemy.sql import visitors
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnClause
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer, Text
from sqlmodel import col, select

from app.core.geo import EARTH_RADIUS_KM, BoundingBox, Circle, bounding_box
from app.core.local_time import publication_dates, record_time_zone
from app.core.models import LOCATION_INDEX_COLUMNS, Published
from app.core.opening_hours import is_open
from app.core.pagination import PageParams
from app.core.search import ANYWHERE, NAME, NOT_NAME, TextMatch, index_count, query_words, text_filter, text_match
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
    # The moment the answer is for (None: now): the routes pass their clock, so tests can fix it.
    now: datetime | None = None
    # Only records open (True) or closed (False) at `now`; unknown hours match neither.
    open_now: bool | None = None


def still_valid(model: Any, now: datetime | None = None) -> ColumnElement[bool]:
    """valid_until is not past: the date is still current somewhere in the record's country (Published.is_public_at
    says the same in Python). Only columns of the listing indexes are compared: the country and the date."""
    earliest, dates = publication_dates(now or utcnow())
    valid_until, country = col(model.valid_until), col(model.country_code)
    # A date from the latest current date on is valid in every country; before the earliest, in none. Between
    # (a few hours around midnight), valid in the countries whose date has not yet moved past it.
    latest = max(dates.values(), default=earliest)
    between = []
    for day in sorted({earliest, *dates.values()} - {latest}):
        moved_on = sorted(code for code, today in dates.items() if today > day)
        between.append(and_(valid_until >= day, country.not_in(moved_on)) if moved_on else valid_until >= day)
    return or_(valid_until.is_(None), valid_until >= latest, *between)


def is_published(model: type[Published], now: datetime | None = None) -> ColumnElement[bool]:
    """Not deleted and not past valid_until: the records the public may see at all."""
    return and_(col(model.deleted_at).is_(None), still_valid(model, now))


class ActiveAndPublished(FunctionElement[bool]):
    """is_published() and status active, as one condition: a search with no other condition counts its matches in
    the full-text index (_Search.count). Argument: the two conditions, joined by AND."""

    name = "active_and_published"
    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True


@compiles(ActiveAndPublished)
def _active_and_published(element: ActiveAndPublished, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})"


def common_conditions(model: Any, filters: CommonFilters) -> list[ColumnElement[bool]]:
    published, status = is_published(model, filters.now), model.status == filters.status.value
    active = filters.status == RecordStatus.active
    conditions: list[ColumnElement[bool]] = (
        [ActiveAndPublished(and_(published, status))] if active else [published, status]
    )
    if filters.countries:
        conditions.append(model.country_code.in_(filters.countries))
    if filters.verified_since:
        since = datetime.combine(filters.verified_since, time.min, tzinfo=UTC)
        conditions.append(model.last_verified_at >= since)
    terms = query_words(filters.q)
    if terms:
        conditions.append(text_match(model.__tablename__, terms))
    return conditions


def json_array_overlaps(column: Any, values: Sequence[str], dialect: str) -> ColumnElement[bool]:
    """True when the JSON array in `column` holds at least one of `values`."""
    if dialect == "postgresql":
        return column.op("?|")(array(list(values), type_=Text).cast(ARRAY(Text)))  # type: ignore[no-any-return]
    element = func.json_each(column).table_valued("value")
    return exists(select(1).select_from(element).where(element.c.value.in_(list(values))))


def in_values(column: Any, values: Sequence[str], dialect: str) -> ColumnElement[bool]:
    """`column IN values`, sent as one parameter (an array, or JSON for SQLite) however many values there are."""
    if not values:
        return false()
    if dialect == "postgresql":
        return column == any_(literal(list(values), type_=ARRAY(Text)))  # type: ignore[no-any-return]
    element = func.json_each(json.dumps(list(values))).table_valued("value")
    return column.in_(select(element.c.value))  # type: ignore[no-any-return]


async def open_now_conditions(
    session: AsyncSession, model: Any, conditions: Sequence[ColumnElement[bool]], filters: CommonFilters
) -> list[ColumnElement[bool]]:
    """With `filters.open_now`, the records among those matching `conditions` that are open (true) or closed
    (false) at `filters.now`; without it, no condition.

    Opening hours are a weekly schedule in the record's own time zone, which SQL cannot read portably: the
    database returns the hours of the matching records (a few columns, no full row) and Python picks the ids."""
    if filters.open_now is None:
        return []
    now = filters.now or utcnow()
    always = col(model.available_24h) if hasattr(model, "available_24h") else false()
    columns = [col(model.id), col(model.opening_hours), col(model.time_zone), col(model.country_code), always]
    statement = sql_select(*columns).where(*conditions)
    ids = [
        record_id
        for record_id, hours, time_zone, country, always_open in (await session.execute(statement)).all()
        if is_open(hours, record_time_zone(time_zone, country), now, always_open=bool(always_open)) is filters.open_now
    ]
    return [in_values(col(model.id), ids, dialect_of(session))]


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
    options: Sequence[ORMOption] = (),
    search: str | None = None,
) -> tuple[Sequence[M], int]:
    """One page in the given order (which must end with a unique column), and how many rows match in all.

    With a `search` that has words (the filters' `q`, already among the conditions), the records whose name holds
    every word come first, then the other matches, each group in the given order.
    """
    terms = query_words(search)
    if terms:
        return await _fetch_ranked_page(session, model, conditions, order_by, page, options, terms)
    total = await session.scalar(select(func.count()).select_from(model).where(*conditions))
    statement = select(model).where(*conditions).order_by(*order_by).limit(page.limit).offset(page.offset)
    statement = statement.options(*options)
    rows = (await session.scalars(statement)).all()
    return rows, total or 0


async def _fetch_ranked_page(
    session: AsyncSession,
    model: type[M],
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    page: PageParams,
    options: Sequence[ORMOption],
    terms: list[str],
) -> tuple[list[M], int]:
    """The records whose name holds every word first, then the other matches, each group in the given order; only
    the page's records are loaded in full."""
    search = _Search(session, model, [c for c in conditions if not isinstance(c, TextMatch)], terms, order_by)
    if search.sqlite:
        if not await search.read_sizes():
            return [], 0
        if not search.reads_in_order(ANYWHERE, page.offset + page.limit):
            ids, total = await _ids_of_sorted_matches(session, model, conditions, order_by, page, terms)
            return (await _load_in_order(session, model, ids, options) if ids else []), total
    total = await search.count(ANYWHERE)
    if page.offset >= total:
        return [], total
    ids = await search.ids(NAME, page.limit, page.offset)
    if len(ids) < page.limit:
        # The page reaches past the name matches: the others follow, from where the page's offset falls among them.
        name_total = page.offset + len(ids) if ids else await search.count(NAME)
        ids += await search.ids(NOT_NAME, page.limit - len(ids), max(0, page.offset - name_total))
    return await _load_in_order(session, model, ids, options), total


async def _ids_of_sorted_matches(
    session: AsyncSession,
    model: Any,
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    page: PageParams,
    terms: list[str],
) -> tuple[list[str], int]:
    """The page from all the matches, read and sorted: for a query that matches a small part of the table."""
    name_first = case((text_filter(model.__tablename__, terms, NAME), 0), else_=1)
    statement = (
        select(col(model.id), func.count().over().label("total"))
        .where(*conditions)
        .order_by(name_first, *order_by)
        .limit(page.limit)
        .offset(page.offset)
    )
    window = (await session.execute(statement)).all()
    if window:
        return [record_id for record_id, _ in window], window[0].total
    total = await session.scalar(select(func.count()).select_from(model).where(*conditions)) if page.offset else 0
    return [], total or 0


@dataclass
class _Search:
    """The statements of a search in groups (the name matches, the others): the page of a group and its count.

    PostgreSQL's planner chooses between reading the rows in the list's order and keeping the matches, or reading
    the matches and sorting them, from its statistics. SQLite has none: this chooses for it from the full-text
    index's count of the group's matches, and counts a group from that index when the list has no other condition
    than the publication rules."""

    session: AsyncSession
    model: Any
    others: list[ColumnElement[bool]]
    terms: list[str]
    order_by: Sequence[Any]
    _index_counts: dict[str, int] = field(default_factory=dict)
    _rows: int = 0

    @property
    def sqlite(self) -> bool:
        return dialect_of(self.session) == "sqlite"

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    async def read_sizes(self) -> int:
        """SQLite, in one statement: the index's counts of every match and of the name matches, and about how many
        rows the table holds (its largest rowid). Returns the count of every match."""
        table, terms = self.table, self.terms
        largest_rowid = sql_select(func.max(literal_column("rowid", Integer))).select_from(sql_table(table))
        statement = sql_select(
            index_count(table, terms, ANYWHERE).scalar_subquery(),
            index_count(table, terms, NAME).scalar_subquery(),
            largest_rowid.scalar_subquery(),
        )
        everywhere, in_name, rows = (await self.session.execute(statement)).one()
        self._index_counts = {ANYWHERE: everywhere, NAME: in_name, NOT_NAME: everywhere - in_name}
        self._rows = rows or 0
        return int(everywhere)

    def reads_in_order(self, scope: str, rows_needed: int) -> bool:
        """Whether reading in order (about rows_needed * rows / matches rows read) costs less than reading every
        match of the group."""
        matches = self._index_counts[scope]
        return rows_needed * max(self._rows, matches) < matches * matches

    async def ids(self, scope: str, limit: int, offset: int) -> list[str]:
        """A page of the group's ids in the list's order."""
        in_order = not self.sqlite or self.reads_in_order(scope, offset + limit)
        match = text_filter(self.table, self.terms, scope) if in_order else text_match(self.table, self.terms, scope)
        statement = select(col(self.model.id)).where(*self.others, match).order_by(*self.order_by)
        return list((await self.session.scalars(statement.limit(limit).offset(offset))).all())

    async def count(self, scope: str) -> int:
        """How many of the group pass the other conditions. When those are only the publication rules of active
        records (SQLite), every row outside ix_<table>_search_unlisted passes: the full-text index's count less the
        matches among that index's rows that do not."""
        # Here the group is a large part of the table (else the matches would have been sorted): the rows are better
        # read through the other conditions' index, or all of them, than looked up match by match.
        match = text_filter(self.table, self.terms, scope)
        if self.sqlite and len(self.others) == 1 and isinstance(self.others[0], ActiveAndPublished):
            # The partial index's condition as migration 0017 writes it, for the planner to recognise it.
            table = self.table
            unlisted = (
                f"{table}.deleted_at IS NOT NULL OR {table}.valid_until IS NOT NULL OR {table}.status != 'active'"
            )
            left_out = (
                select(func.count()).select_from(self.model).where(text(f"({unlisted})"), match, not_(self.others[0]))
            )
            return self._index_counts[scope] - (await self.session.scalar(left_out) or 0)
        return await self.session.scalar(select(func.count()).select_from(self.model).where(*self.others, match)) or 0


async def _load_in_order(
    session: AsyncSession, model: type[M], ids: Sequence[str], options: Sequence[ORMOption]
) -> list[M]:
    """The records with these ids, in this order. A record removed by a concurrent transaction since its id was
    read is left out."""
    statement = select(model).where(col(model.id).in_(ids)).options(*options)
    loaded = {record.id: record for record in (await session.scalars(statement))}
    return [loaded[record_id] for record_id in ids if record_id in loaded]


def _in_box(model: Any, box: BoundingBox) -> list[ColumnElement[bool]]:
    """Comparisons the (latitude, longitude) index answers: a latitude range, then longitude range(s)."""
    latitude, longitude = col(model.latitude), col(model.longitude)
    conditions: list[ColumnElement[bool]] = [latitude.between(box.min_latitude, box.max_latitude)]
    if box.longitude_ranges:
        conditions.append(or_(*(longitude.between(west, east) for west, east in box.longitude_ranges)))
    else:
        conditions.append(longitude.is_not(None))
    return conditions


def _candidates(
    model: Any, conditions: Sequence[ColumnElement[bool]], box: BoundingBox, dialect: str
) -> Select[str, float, float]:
    """Id and coordinates of the records in the box that pass the filters and whose location is public."""
    public = col(model.location_confidential).is_(False)
    # PostgreSQL weighs the location index against the others with its statistics; on SQLite, when every filter
    # is a column of the covering location index, that index alone answers (no row of the table is read).
    if dialect != "sqlite" or _read_from_location_index(conditions):
        return select(col(model.id), col(model.latitude), col(model.longitude)).where(
            *_in_box(model, box), public, *conditions
        )
    # Without statistics from ANALYZE, SQLite guesses that an equality such as `kind = ?`
    # or `country_code = ?` matches ten rows, and would walk that index through thousands of records instead of
    # the location index. A materialized CTE makes it read the box from the location index first (a covering
    # read: rowid, latitude, longitude); its rows are then joined by rowid, the cheapest lookup.
    rowid = literal_column("rowid", Integer)
    in_box = (
        select(rowid.label("box_rowid"), col(model.latitude).label("latitude"), col(model.longitude).label("longitude"))
        .where(*_in_box(model, box), public)
        .cte("in_box")
        .prefix_with("MATERIALIZED")
    )
    table_rowid = literal_column(f"{model.__tablename__}.rowid", Integer)
    return (
        select(col(model.id), in_box.c.latitude, in_box.c.longitude)
        .join_from(in_box, model, table_rowid == in_box.c.box_rowid)
        .where(*conditions)
    )


def _read_from_location_index(conditions: Sequence[ColumnElement[bool]]) -> bool:
    return all(
        element.name in LOCATION_INDEX_COLUMNS
        for condition in conditions
        for element in visitors.iterate(condition)
        if isinstance(element, ColumnClause)
    )


# The circle's centre, bound at execution: the distance expression is then built once, not on every request.
_CENTRE_LATITUDE = bindparam("centre_latitude", type_=Float)
_CENTRE_LONGITUDE = bindparam("centre_longitude", type_=Float)
_CENTRE_COS_LATITUDE = bindparam("centre_cos_latitude", type_=Float)


@cache
def _distance_km(table: str, dialect: str) -> ColumnElement[float]:
    """The great-circle distance in km from the centre (the haversine formula) of `table`'s latitude and longitude,
    evaluated by the database (SQLite's built-in math functions, PostgreSQL's own) so that only a page of rows
    reaches Python; the centre's values are `centre_parameters(circle)`.

    Few function calls per row, as it runs for every record of the box: the half differences in radians are
    products of the degrees (no radians() call), and each sine is squared by power()."""
    latitude, longitude = literal_column(f"{table}.latitude", Float), literal_column(f"{table}.longitude", Float)
    half_radian = literal(math.pi / 360, Float)
    sin_half_dphi = func.sin((latitude - _CENTRE_LATITUDE) * half_radian)
    sin_half_dlambda = func.sin((longitude - _CENTRE_LONGITUDE) * half_radian)
    cos_phi2 = func.cos(latitude * literal(math.pi / 180, Float))
    h = func.power(sin_half_dphi, 2) + _CENTRE_COS_LATITUDE * cos_phi2 * func.power(sin_half_dlambda, 2)
    # Rounding can push h a hair past 1 for antipodal points, outside the domain of asin. SQLite's two-argument
    # min() is PostgreSQL's least(); a CASE would repeat the whole expression.
    bounded = func.least(h, 1.0) if dialect == "postgresql" else func.min(h, 1.0)
    return literal(2 * EARTH_RADIUS_KM, Float) * func.asin(func.sqrt(bounded))


def centre_parameters(circle: Circle) -> dict[str, float]:
    return {
        "centre_latitude": circle.latitude,
        "centre_longitude": circle.longitude,
        "centre_cos_latitude": math.cos(math.radians(circle.latitude)),
    }


async def fetch_nearest_page(
    session: AsyncSession,
    model: type[M],
    conditions: Sequence[ColumnElement[bool]],
    circle: Circle,
    page: PageParams,
    options: Sequence[ORMOption] = (),
) -> tuple[list[tuple[M, float]], int]:
    """One page of the records with a public location within the circle, nearest first (then by id), each with
    its distance in km; and how many there are in all.

    The database narrows the records to a latitude/longitude box through the location index, computes the exact
    great-circle distance of each, and returns the page's ids with their distances and the count within the
    radius; only the page's records are then loaded in full.
    """
    dialect = dialect_of(session)
    candidates = _candidates(model, conditions, bounding_box(circle), dialect).subquery("candidates")
    within = select(candidates.c.id, _distance_km("candidates", dialect).label("distance")).subquery("within")
    in_radius = within.c.distance <= circle.radius_km
    page_statement = (
        select(within.c.id, within.c.distance, func.count().over().label("total"))
        .where(in_radius)
        .order_by(within.c.distance, within.c.id)
        .limit(page.limit)
        .offset(page.offset)
    )
    centre = centre_parameters(circle)
    window = (await session.execute(page_statement, centre)).all()
    if not window:
        if not page.offset:
            return [], 0
        total = await session.scalar(select(func.count()).select_from(within).where(in_radius), centre)
        return [], total or 0
    distances = {record_id: km for record_id, km, _ in window}
    records = await _load_in_order(session, model, list(distances), options)
    return [(record, distances[record.id]) for record in records], window[0].total
