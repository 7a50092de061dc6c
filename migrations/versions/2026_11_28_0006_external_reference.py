"""external reference: the country's own id per record, unique within the country

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 15:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("institution", "emergency_service", "focal_point", "protection_system")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
            batch_op.create_index(f"ix_{table}_external_id", ["country_code", "external_id"], unique=True)


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_external_id")
            batch_op.drop_column("external_id")
