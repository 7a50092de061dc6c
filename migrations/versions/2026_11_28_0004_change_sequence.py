"""change sequence for sync; location indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 13:45:44
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_sequence")),
    )
    # The single row whose value every change moves forward (see app/core/changes.py).
    op.execute("INSERT INTO change_sequence (id, value) VALUES (1, 0)")
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_country_change_seq"), ["change_seq"], unique=False)

    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_emergency_service_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_emergency_service_location", ["latitude", "longitude"], unique=False)

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_focal_point_change_seq"), ["change_seq"], unique=False)

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_institution_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_institution_location", ["latitude", "longitude"], unique=False)

    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_protection_system_change_seq"), ["change_seq"], unique=False)

    with op.batch_alter_table("service_type", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_service_type_change_seq"), ["change_seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_type", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_type_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_protection_system_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index("ix_institution_location")
        batch_op.drop_index(batch_op.f("ix_institution_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_focal_point_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.drop_index("ix_emergency_service_location")
        batch_op.drop_index(batch_op.f("ix_emergency_service_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_country_change_seq"))
        batch_op.drop_column("change_seq")

    op.drop_table("change_sequence")
