"""institution.service_type_codes in the listing index; covering location indexes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 16:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTING = ["country_code", "status", "name", "id", "deleted_at", "valid_until"]
LOCATION = ["latitude", "longitude", "location_confidential", "status", "deleted_at", "valid_until", "id"]


def upgrade() -> None:
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_type_codes", sa.Text(), server_default="", nullable=False))
        batch_op.drop_index("ix_institution_listing")
        batch_op.create_index("ix_institution_listing", [*LISTING, "service_type_codes"], unique=False)
    # Each institution's codes as " a b ", sorted, from its links (the app keeps them from now on).
    aggregate = (
        "string_agg(service_type_code, ' ' ORDER BY service_type_code)"
        if op.get_bind().dialect.name == "postgresql"
        else "group_concat(service_type_code, ' ')"
    )
    # Fixed SQL: its only variable part is one of the two aggregates above.
    op.execute(
        "UPDATE institution SET service_type_codes = coalesce(("  # noqa: S608
        f" SELECT ' ' || {aggregate} || ' ' FROM (SELECT institution_id, service_type_code"
        " FROM institution_service_type WHERE institution_id = institution.id ORDER BY service_type_code) AS links"
        " GROUP BY institution_id), '')"
    )
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.alter_column("service_type_codes", server_default=None)
    for table in ("institution", "emergency_service"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_location")
            batch_op.create_index(f"ix_{table}_location", LOCATION, unique=False)


def downgrade() -> None:
    for table in ("institution", "emergency_service"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_location")
            batch_op.create_index(f"ix_{table}_location", ["latitude", "longitude"], unique=False)
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index("ix_institution_listing")
        batch_op.create_index("ix_institution_listing", LISTING, unique=False)
        batch_op.drop_column("service_type_codes")
