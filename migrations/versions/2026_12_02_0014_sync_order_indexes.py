"""sync order indexes: each synced table's change_seq index also holds its key

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 12:00:00.000000

The sync (and the whole-directory snapshot built from it) reads records in (change_seq, key) order. An import
writes every row under one change_seq, so with an index on change_seq alone both databases sorted all those rows
for each page (SQLite: "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"). The index keeps its name and gains the key.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each synced table and the key the sync orders it by after change_seq.
KEYS = {
    "country": "code",
    "service_type": "id",
    "protection_system": "id",
    "institution": "id",
    "emergency_service": "id",
    "focal_point": "id",
}


def upgrade() -> None:
    for table, key in KEYS.items():
        op.drop_index(f"ix_{table}_change_seq", table_name=table)
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq", key])


def downgrade() -> None:
    for table in KEYS:
        op.drop_index(f"ix_{table}_change_seq", table_name=table)
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])
