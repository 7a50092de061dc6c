"""listing indexes by country and status; token cut-off

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 14:18:52.061656
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emergency_service_status"))
        batch_op.drop_index(batch_op.f("ix_emergency_service_listing"))
        batch_op.create_index(
            "ix_emergency_service_listing",
            ["country_code", "status", "name", "id", "deleted_at", "valid_until"],
            unique=False,
        )

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_focal_point_status"))

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institution_status"))
        batch_op.drop_index(batch_op.f("ix_institution_listing"))
        batch_op.create_index(
            "ix_institution_listing",
            ["country_code", "status", "name", "id", "deleted_at", "valid_until"],
            unique=False,
        )

    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_protection_system_status"))

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tokens_valid_after", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("tokens_valid_after")

    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_protection_system_status"), ["status"], unique=False)

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index("ix_institution_listing")
        batch_op.create_index(batch_op.f("ix_institution_listing"), ["country_code", "name", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_institution_status"), ["status"], unique=False)

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_focal_point_status"), ["status"], unique=False)

    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.drop_index("ix_emergency_service_listing")
        batch_op.create_index(batch_op.f("ix_emergency_service_listing"), ["country_code", "name", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_emergency_service_status"), ["status"], unique=False)
