"""full-text search indexes over each record's search document

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:00:00.000000

The search document becomes folded words only (punctuation dropped), so that SQLite's tokenizer and PostgreSQL's
parser split it into the same words; the application writes it so from now on, and this migration rewrites the
stored ones.

SQLite: an FTS5 table per record table, with external content (the index reads `search_text` from the record's
row, by rowid) kept in step by triggers on insert, update of `search_text`, and delete. A later migration that
rebuilds one of these tables (batch mode copies the rows into a new table) drops its triggers and renumbers its
rowids: it must create the triggers again and run the index's 'rebuild'.

PostgreSQL: a generated `tsvector` column over the same document (configuration `simple`: the document is already
folded, no stemming, every language alike) with a GIN index.

Downgrade drops the indexes and keeps the word-only documents: the earlier substring search still finds every
word in them.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("institution", "emergency_service", "focal_point", "protection_system")
# Letters and digits of any script, as app.core.text.words() (migrations do not import application code).
_WORD = re.compile(r"[^\W_]+")
_BATCH = 2000


def _words_only(document: str) -> str:
    lines = (" ".join(_WORD.findall(line)) for line in document.split("\n"))
    return "\n".join(line for line in lines if line)


def _rewrite_documents(table: str) -> None:
    """The stored documents were folded already: keeping their words gives what the application now writes."""
    connection = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.String), sa.column("search_text", sa.Text))
    update = sa.update(rows).where(rows.c.id == sa.bindparam("row_id")).values(search_text=sa.bindparam("text"))
    last_id = ""
    while True:
        batch = connection.execute(
            sa.select(rows.c.id, rows.c.search_text).where(rows.c.id > last_id).order_by(rows.c.id).limit(_BATCH)
        ).all()
        if not batch:
            return
        changed = [
            {"row_id": row_id, "text": rewritten}
            for row_id, document in batch
            if (rewritten := _words_only(document)) != document
        ]
        if changed:
            connection.execute(update, changed)
        last_id = batch[-1].id


# The SQL below is built from the names in TABLES only (S608 does not apply).
def _sqlite_upgrade(table: str) -> None:
    index = f"{table}_search"
    op.execute(
        f"CREATE VIRTUAL TABLE {index} USING fts5(search_text, content='{table}', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    add = f"INSERT INTO {index}(rowid, search_text) VALUES (new.rowid, new.search_text);"  # noqa: S608
    remove = f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);"  # noqa: S608
    op.execute(f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {table} BEGIN {remove} {add} END")
    op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")  # noqa: S608


def _postgresql_upgrade(table: str) -> None:
    op.execute(
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        _rewrite_documents(table)
        if dialect == "sqlite":
            _sqlite_upgrade(table)
        else:
            _postgresql_upgrade(table)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in reversed(TABLES):
        if dialect == "sqlite":
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {table}_search_{event}")
            op.execute(f"DROP TABLE {table}_search")
        else:
            op.execute(f"DROP INDEX ix_{table}_search_vector")
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
