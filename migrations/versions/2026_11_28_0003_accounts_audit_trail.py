"""accounts, audit trail, login throttle, verified_by

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 13:21:10.580569
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("actor_email", sa.String(length=254), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column(
            "before", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=True
        ),
        sa.Column(
            "after", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=True
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_actor", ["actor_id", "occurred_at"], unique=False)
        batch_op.create_index("ix_audit_event_entity", ["entity_type", "entity_id", "occurred_at"], unique=False)
        batch_op.create_index("ix_audit_event_occurred_at", ["occurred_at", "id"], unique=False)

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "user_account",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column(
            "countries", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
    )
    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_by_id", sa.String(length=36), nullable=True))

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_by_id", sa.String(length=36), nullable=True))

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_by_id", sa.String(length=36), nullable=True))

    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_by_id", sa.String(length=36), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.drop_column("verified_by_id")

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_column("verified_by_id")

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.drop_column("verified_by_id")

    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.drop_column("verified_by_id")

    op.drop_table("user_account")
    op.drop_table("login_throttle")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_occurred_at")
        batch_op.drop_index("ix_audit_event_entity")
        batch_op.drop_index("ix_audit_event_actor")

    op.drop_table("audit_event")
