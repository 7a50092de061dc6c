"""reference data: the 11 RCM member countries and the starting service-type taxonomy

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:10:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Stable ids: the same code gets the same id in every installation (HSDS taxonomy terms refer to them).
TAXONOMY_NAMESPACE = uuid.UUID("6b0c3f7e-2a51-4a3c-9d0e-5f1a7c2b9e41")

COUNTRIES = {
    "BZ": {"es": "Belice", "en": "Belize", "fr": "Belize"},
    "CA": {"es": "Canadá", "en": "Canada", "fr": "Canada"},
    "CR": {"es": "Costa Rica", "en": "Costa Rica", "fr": "Costa Rica"},
    "DO": {"es": "República Dominicana", "en": "Dominican Republic", "fr": "République dominicaine"},
    "SV": {"es": "El Salvador", "en": "El Salvador", "fr": "Salvador"},
    "GT": {"es": "Guatemala", "en": "Guatemala", "fr": "Guatemala"},
    "HN": {"es": "Honduras", "en": "Honduras", "fr": "Honduras"},
    "MX": {"es": "México", "en": "Mexico", "fr": "Mexique"},
    "NI": {"es": "Nicaragua", "en": "Nicaragua", "fr": "Nicaragua"},
    "PA": {"es": "Panamá", "en": "Panama", "fr": "Panama"},
    "US": {"es": "Estados Unidos", "en": "United States", "fr": "États-Unis"},
}

# (code, parent, name es, name en, description es, description en)
TAXONOMY: list[tuple[str, str | None, str, str, str, str]] = [
    (
        "emergency_response",
        None,
        "Respuesta rápida y de emergencia",
        "Emergency and rapid response",
        "Atención inmediata a niñas, niños y adolescentes en riesgo.",
        "Immediate help for children and adolescents at risk.",
    ),
    (
        "emergency_hotline",
        "emergency_response",
        "Línea de emergencia",
        "Emergency hotline",
        "Línea telefónica de atención inmediata, a menudo gratuita y 24 horas.",
        "A telephone line for immediate help, often free and 24-hour.",
    ),
    (
        "mobile_response_team",
        "emergency_response",
        "Equipo móvil de respuesta",
        "Mobile response team",
        "Equipos que acuden a fronteras, rutas o albergues.",
        "Teams that go to borders, routes or shelters.",
    ),
    (
        "shelter",
        None,
        "Albergue y alojamiento temporal",
        "Shelter and temporary accommodation",
        "Alojamiento seguro y temporal para la niñez migrante y sus familias.",
        "Safe, temporary accommodation for migrant children and their families.",
    ),
    (
        "emergency_shelter",
        "shelter",
        "Albergue de emergencia 24 horas",
        "24-hour emergency shelter",
        "Acogida inmediata a cualquier hora.",
        "Immediate care at any hour.",
    ),
    (
        "legal_assistance",
        None,
        "Asistencia jurídica",
        "Legal assistance",
        "Orientación y representación legal.",
        "Legal advice and representation.",
    ),
    (
        "international_protection",
        None,
        "Protección internacional, asilo y condición de refugiado",
        "International protection, asylum and refugee status",
        "Solicitud de asilo, determinación de la condición de refugiado y protección complementaria.",
        "Asylum claims, refugee status determination and complementary protection.",
    ),
    (
        "best_interests_procedures",
        None,
        "Evaluación y determinación del interés superior",
        "Best-interests assessment and determination",
        "Procedimientos que guían cada decisión sobre una niña, niño o adolescente.",
        "Procedures that guide every decision about a child.",
    ),
    (
        "family_tracing",
        None,
        "Búsqueda de familiares y niñez desaparecida",
        "Family tracing and missing children",
        "Localización de familiares y de niñas, niños y adolescentes desaparecidos.",
        "Locating relatives and missing children.",
    ),
    (
        "family_reunification",
        None,
        "Reunificación familiar",
        "Family reunification",
        "Reunir a la niñez con su familia cuando es en su interés superior.",
        "Reuniting children with their family when it is in their best interests.",
    ),
    (
        "health_care",
        None,
        "Atención en salud",
        "Health care",
        "Atención médica, incluida la salud sexual y reproductiva.",
        "Medical care, including sexual and reproductive health.",
    ),
    (
        "psychosocial_support",
        None,
        "Apoyo psicosocial",
        "Psychosocial support",
        "Apoyo emocional y salud mental.",
        "Emotional support and mental health.",
    ),
    (
        "education",
        None,
        "Educación",
        "Education",
        "Acceso a la escuela y a la educación no formal.",
        "Access to school and non-formal education.",
    ),
    (
        "documentation",
        None,
        "Documentación y registro civil",
        "Documentation and civil registration",
        "Actas de nacimiento, documentos de identidad y registro.",
        "Birth certificates, identity documents and registration.",
    ),
    (
        "consular_assistance",
        None,
        "Asistencia consular",
        "Consular assistance",
        "Protección consular a los nacionales en el extranjero.",
        "Consular protection of nationals abroad.",
    ),
    (
        "reception_of_returned_children",
        None,
        "Recepción de niñez retornada",
        "Reception of returned children",
        "Recepción digna y segura de niñas, niños y adolescentes retornados.",
        "Safe and dignified reception of returned children.",
    ),
    (
        "reintegration_support",
        None,
        "Apoyo a la reintegración",
        "Reintegration support",
        "Acompañamiento para la reintegración en la familia y la comunidad.",
        "Support for reintegration into family and community.",
    ),
    (
        "violence_response",
        None,
        "Respuesta a la violencia, el abuso, la explotación y la trata",
        "Response to violence, abuse, exploitation and trafficking",
        "Protección y atención a víctimas de violencia, abuso, explotación y trata.",
        "Protection and care for victims of violence, abuse, exploitation and trafficking.",
    ),
    (
        "anti_trafficking",
        "violence_response",
        "Atención a víctimas de trata",
        "Support for trafficking victims",
        "Identificación, protección y atención a víctimas de trata de personas.",
        "Identification, protection and care of victims of trafficking.",
    ),
    (
        "basic_needs",
        None,
        "Alimentación y necesidades básicas",
        "Food and basic needs",
        "Alimentos, agua, ropa e higiene.",
        "Food, water, clothing and hygiene.",
    ),
    (
        "information_orientation",
        None,
        "Información y orientación",
        "Information and orientation",
        "Información sobre derechos, rutas y servicios.",
        "Information on rights, routes and services.",
    ),
]

country_table = sa.table(
    "country",
    sa.column("code", sa.String),
    sa.column("name", sa.JSON),
    sa.column("rcm_member", sa.Boolean),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("version", sa.Integer),
)
service_type_table = sa.table(
    "service_type",
    sa.column("id", sa.String),
    sa.column("code", sa.String),
    sa.column("parent_code", sa.String),
    sa.column("name", sa.JSON),
    sa.column("description", sa.JSON),
    sa.column("position", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("version", sa.Integer),
)


def upgrade() -> None:
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    op.bulk_insert(
        country_table,
        [{"code": code, "name": names, "rcm_member": True, **stamps} for code, names in COUNTRIES.items()],
    )
    # Parents come before their children in TAXONOMY, so the self-referencing foreign key holds row by row.
    op.bulk_insert(
        service_type_table,
        [
            {
                "id": str(uuid.uuid5(TAXONOMY_NAMESPACE, code)),
                "code": code,
                "parent_code": parent,
                "name": {"es": name_es, "en": name_en},
                "description": {"es": description_es, "en": description_en},
                "position": position,
                **stamps,
            }
            for position, (code, parent, name_es, name_en, description_es, description_en) in enumerate(TAXONOMY)
        ],
    )


def downgrade() -> None:
    codes = [row[0] for row in TAXONOMY]
    op.execute(service_type_table.delete().where(service_type_table.c.parent_code.is_not(None)))
    op.execute(service_type_table.delete().where(service_type_table.c.code.in_(codes)))
    op.execute(country_table.delete().where(country_table.c.code.in_(list(COUNTRIES))))
