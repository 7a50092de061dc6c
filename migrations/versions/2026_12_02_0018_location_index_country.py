"""location indexes hold the country: a search by distance reads the index alone at every hour

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 08:00:00.000000

Whether a record is still valid compares its country as well as its valid_until during the hours when the
countries' dates differ (most of each day). The location index lacked the country, so for those hours a near=
search joined every record of the box to the table (SQLite took another plan, about twice as slow) instead of
answering from the index. With the country in it, the same covering plan holds at every hour, and a near= search
filtered by country is answered from the index too.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ["latitude", "longitude", "location_confidential", "status", "deleted_at", "valid_until", "id"]
AFTER = ["latitude", "longitude", "location_confidential", "status", "deleted_at", "valid_until", "country_code", "id"]


def _recreate(columns: list[str]) -> None:
    for table in ("institution", "emergency_service"):
        op.drop_index(f"ix_{table}_location", table_name=table)
        op.create_index(f"ix_{table}_location", table, columns)


def upgrade() -> None:
    _recreate(AFTER)


def downgrade() -> None:
    _recreate(BEFORE)
