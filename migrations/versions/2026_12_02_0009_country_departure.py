"""country departures: the country a record left, so that a country's sync lists only that country's records

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("institution", "emergency_service", "focal_point", "protection_system")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    departure = op.create_table(
        "country_departure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_departure")),
    )
    op.create_index("ix_country_departure_change_seq", "country_departure", ["change_seq", "country_code"])
    assert departure is not None
    _backfill(departure)


def _backfill(departure: sa.Table) -> None:
    """The moves made before this revision, from the audit trail (every update keeps the country before and
    after). The sequence value of a move was not kept: the record's current one is used, which is at or after
    the move, so a client that synced before the move still gets its tombstone."""
    audit = sa.table(
        "audit_event",
        sa.column("entity_type", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("action", sa.String),
        sa.column("before", JSON),
        sa.column("after", JSON),
    )
    left = audit.c.before["country_code"].as_string()
    for name in TABLES:
        record = sa.table(name, sa.column("id", sa.String), sa.column("change_seq", sa.Integer))
        moves = (
            sa.select(sa.literal(name), audit.c.entity_id, left, record.c.change_seq)
            .distinct()
            .join(record, record.c.id == audit.c.entity_id)
            .where(
                audit.c.entity_type == name,
                audit.c.action == "update",
                left != audit.c.after["country_code"].as_string(),
            )
        )
        op.execute(departure.insert().from_select(["record_type", "record_id", "country_code", "change_seq"], moves))


def downgrade() -> None:
    op.drop_index("ix_country_departure_change_seq", table_name="country_departure")
    op.drop_table("country_departure")
