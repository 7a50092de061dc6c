"""Full-text search through each database's index (migration 0013): every word of the query must start a word of
the record's search document, and results can be ranked by relevance.

SQLite: the FTS5 table `<table>_search` (external content, unicode61) over `search_text`; PostgreSQL: the generated
`tsvector` column `search_vector` (configuration `simple`) with a GIN index. The document holds folded words only
(app.core.text.search_document), and the query's words are folded the same way, so both databases compare the
same words.
"""

import re
from typing import Any

from sqlalchemy import (
    BindParameter,
    Boolean,
    ColumnElement,
    Dialect,
    Float,
    Text,
    TypeDecorator,
    bindparam,
    literal_column,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.core.text import search_terms

# What the indexes add beside the models, for Alembic's comparison of models and database to leave alone: the FTS5
# table and its shadow tables (SQLite), the generated column and its index (PostgreSQL).
_INDEX_TABLE = re.compile(r"[a-z_]+_search(_data|_idx|_docsize|_config|_content)?")
_INDEX_NAMES = {"column": re.compile(r"search_vector"), "index": re.compile(r"ix_[a-z_]+_search_vector")}


def is_search_index_object(name: str | None, type_: str) -> bool:
    pattern = _INDEX_TABLE if type_ == "table" else _INDEX_NAMES.get(type_)
    return name is not None and pattern is not None and pattern.fullmatch(name) is not None


def include_object(_object: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's include_object hook: skip the search index objects that exist in the database only."""
    return not (reflected and compare_to is None and is_search_index_object(name, type_))


def index_table(table: str) -> str:
    return f"{table}_search"


def fts5_query(terms: list[str]) -> str:
    # Quoted, so that a word such as "and" or "near" is not read as an operator; `*` makes it a prefix.
    return " AND ".join(f'"{term}"*' for term in terms)


def tsquery(terms: list[str]) -> str:
    return " & ".join(f"'{term}':*" for term in terms)


class _SearchQuery(TypeDecorator[list[str]]):
    """The query's words, bound in the syntax of the database the statement runs on."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return tsquery(value) if dialect.name == "postgresql" else fts5_query(value)


class TextMatch(FunctionElement[bool]):
    """True when every word of the query starts a word of the row's search document; compiled for each database
    into a lookup in its full-text index. Arguments: the table's name and the query's words."""

    name = "text_match"
    type = Boolean()
    inherit_cache = True


class TextRank(FunctionElement[float]):
    """PostgreSQL: how well the row matches the query (ts_rank; higher is better)."""

    name = "text_rank"
    type = Float()
    inherit_cache = True


def _table_and_query(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    table, query = element.clauses
    return compiler.process(table, **kw), compiler.process(query, **kw)


@compiles(TextMatch, "sqlite")
def _match_sqlite(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    table, query = _table_and_query(element, compiler, **kw)
    index = index_table(table)
    # The names are the model's table and its index's; the query is a bound parameter.
    return f"{table}.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH {query})"  # noqa: S608


@compiles(TextMatch, "postgresql")
def _match_postgresql(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    table, query = _table_and_query(element, compiler, **kw)
    return f"{table}.search_vector @@ to_tsquery('simple', {query})"


@compiles(TextRank, "postgresql")
def _rank_postgresql(element: TextRank, compiler: SQLCompiler, **kw: Any) -> str:
    table, query = _table_and_query(element, compiler, **kw)
    return f"ts_rank({table}.search_vector, to_tsquery('simple', {query}))"


def query_words(query: str | None) -> list[str]:
    return search_terms(query or "")


def search_parameter(terms: list[str]) -> BindParameter[list[str]]:
    return bindparam("search_query", terms, type_=_SearchQuery(), unique=True)


def text_match(table: str, terms: list[str]) -> ColumnElement[bool]:
    return TextMatch(literal_column(table), search_parameter(terms))


def text_rank(table: str, terms: list[str]) -> ColumnElement[float]:
    return TextRank(literal_column(table), search_parameter(terms))
