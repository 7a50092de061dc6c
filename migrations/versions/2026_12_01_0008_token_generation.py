"""token generation instead of the token cut-off time; expiry index of login_throttle

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 11:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Tokens issued before the upgrade carry no generation and are refused: everyone signs in once more.
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_generation", sa.Integer(), server_default="0", nullable=False))
        batch_op.drop_column("tokens_valid_after")

    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_throttle_window_ends_at"), ["window_ends_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_throttle_window_ends_at"))

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tokens_valid_after", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_column("token_generation")
    # The generations that revoked tokens are gone: revoke every token issued so far rather than revive some.
    op.execute("UPDATE user_account SET tokens_valid_after = CURRENT_TIMESTAMP")
