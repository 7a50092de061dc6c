"""phone labels per language: each label becomes {"es": label}

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 05:00:00.000000
"""

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TABLES = ("institution", "emergency_service")


def _to_map(label: Any) -> Any:
    return {"es": label} if isinstance(label, str) else label


def _to_text(label: Any) -> Any:
    """The Spanish text, else the first language's: the one string the old shape holds."""
    if not isinstance(label, dict):
        return label
    return label.get("es") or next(iter(label.values()), None)


def _relabel(change: Callable[[Any], Any]) -> None:
    connection = op.get_bind()
    for name in TABLES:
        table = sa.table(name, sa.column("id", sa.String), sa.column("phones", JSON))
        for record_id, phones in connection.execute(sa.select(table.c.id, table.c.phones)).all():
            changed = [{**phone, "label": change(phone.get("label"))} for phone in phones or []]
            if changed != phones:
                connection.execute(table.update().where(table.c.id == record_id).values(phones=changed))


def upgrade() -> None:
    _relabel(_to_map)


def downgrade() -> None:
    _relabel(_to_text)
