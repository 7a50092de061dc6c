"""search by name first: the record's name searchable on its own, and an index of the rows the public may not see

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 08:00:00.000000

A search ranks the records whose name holds every word first (app.core.search), and reads a page in the list's
order rather than ranking every match, so it needs, beside 0013's indexes:

- the name on its own: the search document's first line (app.core.text.search_document writes the name first).
  SQLite: the FTS5 table gets a second column, `names`. Its external content becomes the view `<table>_search_source`
  (the record's rowid, the first line, the whole document), which 'rebuild' and 'integrity-check' read; the
  triggers write both columns. PostgreSQL: a GIN index over the `simple` vector of the first line (an expression
  index: the query must use the very same expression, app.core.search.name_vector_postgresql).
- `ix_<table>_search_unlisted`: a partial index of the rows that are deleted, have a valid_until or are not active,
  usually few. A search counts the matches in the full-text index alone, then takes away those among these rows that
  the list's conditions leave out, instead of reading every match's row.

As 0013 says: a later migration that rebuilds one of these tables in batch mode must create the triggers again and
run the index's 'rebuild'.

Downgrade restores 0013's single-column index, its triggers, and drops the rest.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("institution", "emergency_service", "focal_point", "protection_system")
_TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
_UNLISTED = "deleted_at IS NOT NULL OR valid_until IS NOT NULL OR status != 'active'"


def _first_line(document: str) -> str:
    return f"substr({document}, 1, instr({document} || char(10), char(10)) - 1)"


# The SQL below is built from the names in TABLES only (S608 does not apply).
def _sqlite_triggers(table: str, columns: dict[str, str]) -> None:
    """The triggers keeping the index in step with `table`; `columns` maps each index column to its value as an
    expression of the row, written with `{row}` for new. or old."""
    index = f"{table}_search"
    names = ", ".join(columns)

    def values(row: str) -> str:
        return ", ".join(value.format(row=row) for value in columns.values())

    add = f"INSERT INTO {index}(rowid, {names}) VALUES (new.rowid, {values('new')});"  # noqa: S608
    remove = f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.rowid, {values('old')});"  # noqa: S608
    op.execute(f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {table} BEGIN {remove} {add} END")


def _sqlite_drop_index(table: str) -> None:
    for event in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER {table}_search_{event}")
    op.execute(f"DROP TABLE {table}_search")


def _sqlite_upgrade(table: str) -> None:
    index = f"{table}_search"
    _sqlite_drop_index(table)
    op.execute(
        f"CREATE VIEW {index}_source AS SELECT rowid AS record_rowid, "  # noqa: S608
        f"{_first_line('search_text')} AS names, search_text FROM {table}"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE {index} USING fts5(names, search_text, content='{index}_source', "
        f"content_rowid='record_rowid', {_TOKENIZE})"
    )
    _sqlite_triggers(table, {"names": _first_line("{row}.search_text"), "search_text": "{row}.search_text"})
    op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")  # noqa: S608


def _sqlite_downgrade(table: str) -> None:
    index = f"{table}_search"
    _sqlite_drop_index(table)
    op.execute(f"DROP VIEW {index}_source")
    op.execute(
        f"CREATE VIRTUAL TABLE {index} USING fts5(search_text, content='{table}', content_rowid='rowid', {_TOKENIZE})"
    )
    _sqlite_triggers(table, {"search_text": "{row}.search_text"})
    op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")  # noqa: S608


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            _sqlite_upgrade(table)
        else:
            op.execute(
                f"CREATE INDEX ix_{table}_search_names ON {table} USING gin "
                f"(to_tsvector('simple'::regconfig, split_part(search_text, E'\\n', 1)))"
            )
        # Covering on SQLite (the columns the public conditions read), so that counting reads this index only.
        op.execute(
            f"CREATE INDEX ix_{table}_search_unlisted ON {table} (status, deleted_at, valid_until, country_code) "
            f"WHERE {_UNLISTED}"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in reversed(TABLES):
        op.execute(f"DROP INDEX ix_{table}_search_unlisted")
        if sqlite:
            _sqlite_downgrade(table)
        else:
            op.execute(f"DROP INDEX ix_{table}_search_names")
