"""proposals: review required per country, editors' changes kept until approved

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The server default fills the existing countries (review on for all); it stays as the default of new rows.
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_required", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_table(
        "proposal",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=False),
        sa.Column("author_email", sa.String(length=254), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reviewer_id", sa.String(length=36), nullable=True),
        sa.Column("reviewer_email", sa.String(length=254), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["country_code"], ["country.code"], name=op.f("fk_proposal_country_code_country")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal")),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index("ix_proposal_author", ["author_id", "status"], unique=False)
        batch_op.create_index("ix_proposal_batch", ["batch_id"], unique=False)
        batch_op.create_index(
            "ix_proposal_country_status", ["country_code", "status", "created_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index("ix_proposal_country_status")
        batch_op.drop_index("ix_proposal_batch")
        batch_op.drop_index("ix_proposal_author")
    op.drop_table("proposal")
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.drop_column("review_required")
