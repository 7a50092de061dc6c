"""A small directory covering every HSDS mapping case, and helpers to read the HSDS API."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.types import utcnow
from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from tests import factories

OLD = datetime(2025, 1, 15, tzinfo=UTC)


@dataclass
class Directory:
    institution: Institution  # with a linked emergency service and a focal point
    shelter: Institution  # a confidential location
    linked: EmergencyService  # provided by `institution`
    standalone: EmergencyService  # no institution: its own organization
    orphan: EmergencyService  # its institution is not published: its own organization too
    focal_point: FocalPoint
    hidden: list[Any]  # inactive, expired, deleted: never in HSDS


@pytest.fixture
async def directory(session: AsyncSession) -> Directory:
    institution = factories.institution(
        name="Procuraduría de Protección de la Niñez",
        acronym="PPN",
        description={"es": "Asesoría jurídica para la niñez migrante.", "en": "Legal advice for migrant children."},
        service_types=("legal_assistance",),
        email="ppn@example.org",
        website="https://example.org/ppn",
        min_age=0,
        max_age=17,
        opening_hours={
            "periods": [{"day": "monday", "opens": "08:00", "closes": "16:00"}],
            "note": {"es": "Horario de oficina.", "en": "Office hours."},
        },
        time_zone="America/Guatemala",
        updated_at=OLD,
    )
    shelter = factories.institution(
        name="Casa Refugio Confidencial",
        kind="ngo",
        country_code="MX",
        description={"es": "Albergue para niñas y niños sobrevivientes de trata.", "en": "Shelter for survivors."},
        service_types=("shelter",),
        address="Calle Secreta 123",
        city="Tapachula",
        admin_area="Chiapas",
        latitude=14.9077,
        longitude=-92.2631,
        location_confidential=True,
        emergency_response=True,
    )
    hidden_institution = factories.institution(name="Institución inactiva", status="inactive")
    linked = factories.emergency_service(
        name="Línea de la Procuraduría",
        country_code="GT",
        institution_id=institution.id,
        service_types=("emergency_hotline",),
        description={"es": "Línea gratuita de atención inmediata.", "en": "Free line for immediate help."},
        address="Avenida Reforma 1",
        city="Ciudad de Guatemala",
        latitude=14.6,
        longitude=-90.5,
    )
    standalone = factories.emergency_service(
        name="Equipo móvil de respuesta",
        service_types=("mobile_response_team",),
        available_24h=False,
        opening_hours={"periods": [{"day": "friday", "opens": "20:00", "closes": "02:00"}], "note": {}},
        coverage_national=False,
        coverage_areas=["Cortés", "Atlántida"],
        city=None,
        latitude=None,
        longitude=None,
        languages=["es", "en"],
    )
    orphan = factories.emergency_service(name="Servicio huérfano", institution_id=hidden_institution.id)
    focal_point = factories.focal_point(institution_id=institution.id, country_code="GT")
    hidden = [
        hidden_institution,
        factories.institution(name="Institución vencida", valid_until=date.today() - timedelta(days=2)),
        factories.institution(name="Institución borrada", deleted_at=utcnow()),
        factories.emergency_service(name="Servicio inactivo", status="inactive"),
        factories.emergency_service(name="Servicio borrado", deleted_at=utcnow()),
        factories.focal_point(institution_id=institution.id, country_code="GT", status="inactive"),
    ]
    # Institutions first: the emergency services and focal points refer to them.
    await factories.add(session, institution, shelter, *hidden[:3])
    await factories.add(session, *hidden[3:], linked, standalone, orphan, focal_point)
    return Directory(institution, shelter, linked, standalone, orphan, focal_point, hidden)


async def get_json(client: httpx.AsyncClient, url: str, **params: Any) -> Any:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def get_all(client: httpx.AsyncClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, through its ndjson form."""
    response = await client.get(url, params={**params, "format": "ndjson"})
    assert response.status_code == 200, response.text
    return [json.loads(line) for line in response.text.splitlines()]


async def term_id(client: httpx.AsyncClient, code: str) -> str:
    terms = await get_all(client, "/hsds/taxonomy_terms")
    return next(term["id"] for term in terms if term["code"] == code)
