"""Full-text search through each database's index (migrations 0013 and 0017): every word of the query must start a
word of the record's search document; the records whose name holds every word rank first.

SQLite: the FTS5 table `<table>_search` (external content, unicode61) with two columns: `names`, the document's first
line (the record's name, as app.core.text.search_document writes it first), and `search_text`, the whole document.
PostgreSQL: the generated `tsvector` column `search_vector` (configuration `simple`) with a GIN index, and a GIN
index over the same vector of the first line. The document holds folded words only (app.core.text.search_document),
and the query's words are folded the same way, so both databases compare the same words.
"""

import re
from typing import Any

from sqlalchemy import (
    BindParameter,
    Boolean,
    ColumnElement,
    Dialect,
    Select,
    Text,
    TypeDecorator,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy import table as sql_table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.core.text import search_terms

# What the indexes add beside the models, for Alembic's comparison of models and database to leave alone: the FTS5
# table and its shadow tables (SQLite), the generated column and its index (PostgreSQL).
_INDEX_TABLE = re.compile(r"[a-z_]+_search(_data|_idx|_docsize|_config|_content|_source)?")
_INDEX_NAMES = {
    "column": re.compile(r"search_vector"),
    "index": re.compile(r"ix_[a-z_]+_search_(vector|names|unlisted)"),
}


def is_search_index_object(name: str | None, type_: str) -> bool:
    pattern = _INDEX_TABLE if type_ == "table" else _INDEX_NAMES.get(type_)
    return name is not None and pattern is not None and pattern.fullmatch(name) is not None


def include_object(_object: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's include_object hook: skip the search index objects that exist in the database only."""
    return not (reflected and compare_to is None and is_search_index_object(name, type_))


def index_table(table: str) -> str:
    return f"{table}_search"


# Which part of the document the words must be found in: anywhere, the name (the document's first line), or anywhere
# but not all of them in the name (the records ranked after the name matches).
ANYWHERE, NAME, NOT_NAME = "anywhere", "name", "not_name"


def fts5_query(terms: list[str], scope: str = ANYWHERE) -> str:
    # Quoted, so that a word such as "and" or "near" is not read as an operator; `*` makes it a prefix.
    every = " AND ".join(f'"{term}"*' for term in terms)
    if scope == NAME:
        return f"names : ({every})"
    if scope == NOT_NAME:
        return f"search_text : ({every}) NOT names : ({every})"
    return every


def tsquery(terms: list[str]) -> str:
    return " & ".join(f"'{term}':*" for term in terms)


class _SearchQuery(TypeDecorator[list[str]]):
    """The query's words, bound in the syntax of the database the statement runs on."""

    impl = Text
    cache_ok = True

    def __init__(self, scope: str = ANYWHERE) -> None:
        super().__init__()
        self.scope = scope

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return tsquery(value) if dialect.name == "postgresql" else fts5_query(value, self.scope)


class TextMatch(FunctionElement[bool]):
    """True when every word of the query starts a word of the row's search document; compiled for each database
    into a lookup in its full-text index. Arguments: the table's name and the query's words."""

    name = "text_match"
    type = Boolean()
    inherit_cache = True
    # A condition in itself: without this, SQLite's rendering appends "= 1", which its planner cannot use.
    _is_implicitly_boolean = True


class TextFilter(FunctionElement[bool]):
    """TextMatch in a scope (the bound query's), for a statement that reads the rows through another index (such as
    the order's) and keeps those that match: on SQLite the matches are read once into a set that each row is looked
    up in, rather than being the rows the statement starts from."""

    name = "text_filter"
    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True


def _table_and_query(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    table, query = element.clauses
    return compiler.process(table, **kw), compiler.process(query, **kw)


def _scope(element: FunctionElement[Any]) -> str:
    query = list(element.clauses)[1]
    return query.type.scope if isinstance(query.type, _SearchQuery) else ANYWHERE


def _matches_sqlite(table: str, query: str, *, start_from_index: bool) -> str:
    index = index_table(table)
    # `+` keeps SQLite from reading the rows by the matches' rowids: the other conditions or the order choose.
    rowid = f"{table}.rowid" if start_from_index else f"+{table}.rowid"
    # The names are the model's table and its index's; the query is a bound parameter.
    return f"{rowid} IN (SELECT rowid FROM {index} WHERE {index} MATCH {query})"  # noqa: S608


@compiles(TextMatch, "sqlite")
def _match_sqlite(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    return _matches_sqlite(*_table_and_query(element, compiler, **kw), start_from_index=True)


@compiles(TextFilter, "sqlite")
def _filter_sqlite(element: TextFilter, compiler: SQLCompiler, **kw: Any) -> str:
    return _matches_sqlite(*_table_and_query(element, compiler, **kw), start_from_index=False)


def name_vector_postgresql(table: str) -> str:
    """The vector of the document's first line: the expression of the GIN index `ix_<table>_search_names`, which
    the planner uses only for this very expression."""
    return f"to_tsvector('simple'::regconfig, split_part({table}.search_text, E'\\n', 1))"


def _matches_postgresql(table: str, query: str, scope: str) -> str:
    tsquery_ = f"to_tsquery('simple', {query})"
    anywhere = f"{table}.search_vector @@ {tsquery_}"
    in_name = f"{name_vector_postgresql(table)} @@ {tsquery_}"
    if scope == NAME:
        return in_name
    if scope == NOT_NAME:
        return f"({anywhere} AND NOT {in_name})"
    return anywhere


@compiles(TextMatch, "postgresql")
@compiles(TextFilter, "postgresql")
def _match_postgresql(element: FunctionElement[bool], compiler: SQLCompiler, **kw: Any) -> str:
    return _matches_postgresql(*_table_and_query(element, compiler, **kw), _scope(element))


def query_words(query: str | None) -> list[str]:
    return search_terms(query or "")


def search_parameter(terms: list[str], scope: str = ANYWHERE) -> BindParameter[list[str]]:
    return bindparam("search_query", terms, type_=_SearchQuery(scope), unique=True)


def text_match(table: str, terms: list[str], scope: str = ANYWHERE) -> ColumnElement[bool]:
    return TextMatch(literal_column(table), search_parameter(terms, scope))


def text_filter(table: str, terms: list[str], scope: str = ANYWHERE) -> ColumnElement[bool]:
    return TextFilter(literal_column(table), search_parameter(terms, scope))


def index_count(table: str, terms: list[str], scope: str) -> Select[int]:
    """SQLite: how many rows match in `scope`, whatever else they hold, counted in the FTS5 index without reading a
    record."""
    index = index_table(table)
    match = literal_column(index).op("MATCH")(search_parameter(terms, scope))
    return select(func.count()).select_from(sql_table(index)).where(match)
