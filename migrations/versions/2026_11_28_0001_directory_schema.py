"""directory schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 13:03:39.875014
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "country",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column(
            "name",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("rcm_member", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_country")),
    )
    op.create_table(
        "service_type",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("parent_code", sa.String(length=64), nullable=True),
        sa.Column(
            "name",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "description",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["service_type.code"], name=op.f("fk_service_type_parent_code_service_type")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_type")),
        sa.UniqueConstraint("code", name=op.f("uq_service_type_code")),
    )
    op.create_table(
        "institution",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("last_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("acronym", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column(
            "description",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "populations",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("admin_area", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("location_confidential", sa.Boolean(), nullable=False),
        sa.Column(
            "phones",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column(
            "opening_hours",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("time_zone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column(
            "languages",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("emergency_response", sa.Boolean(), nullable=False),
        sa.Column(
            "nationalities_served",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["country_code"], ["country.code"], name=op.f("fk_institution_country_code_country")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution")),
    )
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_institution_kind"), ["kind"], unique=False)
        batch_op.create_index("ix_institution_listing", ["country_code", "name", "id"], unique=False)
        batch_op.create_index("ix_institution_name", ["name", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_institution_status"), ["status"], unique=False)

    op.create_table(
        "emergency_service",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("last_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column(
            "description",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "phones",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("available_24h", sa.Boolean(), nullable=False),
        sa.Column(
            "opening_hours",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("time_zone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("free_of_charge", sa.Boolean(), nullable=False),
        sa.Column("coverage_national", sa.Boolean(), nullable=False),
        sa.Column(
            "coverage_areas",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "languages",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("admin_area", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("location_confidential", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_emergency_service_country_code_country")
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_emergency_service_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_service")),
    )
    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_emergency_service_institution_id"), ["institution_id"], unique=False)
        batch_op.create_index("ix_emergency_service_listing", ["country_code", "name", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_emergency_service_status"), ["status"], unique=False)

    op.create_table(
        "institution_service_type",
        sa.Column("institution_id", sa.String(length=36), nullable=False),
        sa.Column("service_type_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_institution_service_type_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_type_code"],
            ["service_type.code"],
            name=op.f("fk_institution_service_type_service_type_code_service_type"),
        ),
        sa.PrimaryKeyConstraint("institution_id", "service_type_code", name=op.f("pk_institution_service_type")),
    )
    with op.batch_alter_table("institution_service_type", schema=None) as batch_op:
        batch_op.create_index("ix_institution_service_type_code", ["service_type_code", "institution_id"], unique=False)

    op.create_table(
        "protection_system",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("last_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column(
            "description",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("lead_institution_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_protection_system_country_code_country")
        ),
        sa.ForeignKeyConstraint(
            ["lead_institution_id"],
            ["institution.id"],
            name=op.f("fk_protection_system_lead_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protection_system")),
    )
    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_protection_system_country_code"), ["country_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_protection_system_status"), ["status"], unique=False)

    op.create_table(
        "emergency_service_service_type",
        sa.Column("emergency_service_id", sa.String(length=36), nullable=False),
        sa.Column("service_type_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["emergency_service_id"],
            ["emergency_service.id"],
            name=op.f("fk_emergency_service_service_type_emergency_service_id_emergency_service"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_type_code"],
            ["service_type.code"],
            name=op.f("fk_emergency_service_service_type_service_type_code_service_type"),
        ),
        sa.PrimaryKeyConstraint(
            "emergency_service_id", "service_type_code", name=op.f("pk_emergency_service_service_type")
        ),
    )
    with op.batch_alter_table("emergency_service_service_type", schema=None) as batch_op:
        batch_op.create_index(
            "ix_emergency_service_service_type_code",
            ["service_type_code", "emergency_service_id"],
            unique=False,
        )

    op.create_table(
        "focal_point",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("last_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("protection_system_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("position", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column(
            "topics",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("public_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column("public_phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("personal_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column("personal_phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.ForeignKeyConstraint(["country_code"], ["country.code"], name=op.f("fk_focal_point_country_code_country")),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institution.id"], name=op.f("fk_focal_point_institution_id_institution")
        ),
        sa.ForeignKeyConstraint(
            ["protection_system_id"],
            ["protection_system.id"],
            name=op.f("fk_focal_point_protection_system_id_protection_system"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focal_point")),
    )
    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_focal_point_country_code"), ["country_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_focal_point_protection_system_id"), ["protection_system_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_focal_point_status"), ["status"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("focal_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_focal_point_status"))
        batch_op.drop_index(batch_op.f("ix_focal_point_protection_system_id"))
        batch_op.drop_index(batch_op.f("ix_focal_point_country_code"))

    op.drop_table("focal_point")
    with op.batch_alter_table("emergency_service_service_type", schema=None) as batch_op:
        batch_op.drop_index("ix_emergency_service_service_type_code")

    op.drop_table("emergency_service_service_type")
    with op.batch_alter_table("protection_system", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_protection_system_status"))
        batch_op.drop_index(batch_op.f("ix_protection_system_country_code"))

    op.drop_table("protection_system")
    with op.batch_alter_table("institution_service_type", schema=None) as batch_op:
        batch_op.drop_index("ix_institution_service_type_code")

    op.drop_table("institution_service_type")
    with op.batch_alter_table("emergency_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emergency_service_status"))
        batch_op.drop_index("ix_emergency_service_listing")
        batch_op.drop_index(batch_op.f("ix_emergency_service_institution_id"))

    op.drop_table("emergency_service")
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institution_status"))
        batch_op.drop_index("ix_institution_name")
        batch_op.drop_index("ix_institution_listing")
        batch_op.drop_index(batch_op.f("ix_institution_kind"))

    op.drop_table("institution")
    op.drop_table("service_type")
    op.drop_table("country")
