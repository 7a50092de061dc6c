"""The curated resources, one row each, and reads of the database that bypass the API.

Every write test that is about "each resource" is generated from RESOURCES, so a new curated record type is one
more row here (and test_every_write_route_is_in_the_table fails until it is added).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func
from sqlmodel import SQLModel, col, select

from app.audit.models import AuditEvent
from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from app.protection_systems.models import ProtectionSystem
from tests import factories

API = "/api/v1"


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    entity_type: str
    model: type[SQLModel]
    build: Callable[[str], Any]  # an existing record of the given country, not yet stored
    create_body: Callable[[str], dict[str, Any]]  # a valid POST body for the given country
    text_field: str  # a required text field that a PATCH may change

    def url(self, record_id: str | None = None, suffix: str = "") -> str:
        return f"{self.path}/{record_id}{suffix}" if record_id else self.path

    def __str__(self) -> str:
        return self.name


def _institution_body(country: str) -> dict[str, Any]:
    return {
        "name": f"Nueva institución ({country})",
        "kind": "ngo",
        "country_code": country,
        "description": {"es": "Atención legal a la niñez migrante.", "en": "Legal help."},
        "service_types": ["legal_assistance"],
    }


def _emergency_service_body(country: str) -> dict[str, Any]:
    return {
        "name": f"Nueva línea de emergencia ({country})",
        "country_code": country,
        "description": {"es": "Línea gratuita de atención inmediata."},
        "service_types": ["emergency_hotline"],
        "phones": [{"number": "+50200001234", "kind": "hotline"}],
    }


def _protection_system_body(country: str) -> dict[str, Any]:
    return {
        "name": f"Nuevo sistema de protección ({country})",
        "country_code": country,
        "description": {"es": "Coordina la protección de la niñez."},
    }


def _focal_point_body(country: str) -> dict[str, Any]:
    return {"full_name": f"Nueva Persona Focal ({country})", "country_code": country}


INSTITUTIONS = Resource(
    name="institutions",
    path=f"{API}/institutions",
    entity_type="institution",
    model=Institution,
    build=lambda country: factories.institution(country_code=country),
    create_body=_institution_body,
    text_field="name",
)
EMERGENCY_SERVICES = Resource(
    name="emergency_services",
    path=f"{API}/emergency-services",
    entity_type="emergency_service",
    model=EmergencyService,
    build=lambda country: factories.emergency_service(country_code=country),
    create_body=_emergency_service_body,
    text_field="name",
)
PROTECTION_SYSTEMS = Resource(
    name="protection_systems",
    path=f"{API}/protection-systems",
    entity_type="protection_system",
    model=ProtectionSystem,
    build=lambda country: factories.protection_system(country_code=country),
    create_body=_protection_system_body,
    text_field="name",
)
FOCAL_POINTS = Resource(
    name="focal_points",
    path=f"{API}/focal-points",
    entity_type="focal_point",
    model=FocalPoint,
    build=lambda country: factories.focal_point(country_code=country),
    create_body=_focal_point_body,
    text_field="full_name",
)

RESOURCES = [INSTITUTIONS, EMERGENCY_SERVICES, PROTECTION_SYSTEMS, FOCAL_POINTS]


def etag(version: int) -> str:
    return f'"v{version}"'


class Store:
    """Reads of the test database in fresh sessions, so they see what the API committed and nothing cached."""

    def __init__(self, app: FastAPI) -> None:
        self._sessionmaker = app.state.sessionmaker

    async def get(self, model: type[SQLModel], record_id: str) -> Any:
        async with self._sessionmaker() as session:
            return await session.get(model, record_id)

    async def count(self, model: type[SQLModel]) -> int:
        async with self._sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(model)) or 0)

    async def all(self, model: type[SQLModel]) -> list[Any]:
        async with self._sessionmaker() as session:
            return list((await session.scalars(select(model))).all())

    async def events(self, **where: str) -> list[AuditEvent]:
        """Audit events, oldest first, filtered by equal column values (entity_type=..., entity_id=...)."""
        statement = select(AuditEvent).order_by(col(AuditEvent.occurred_at), col(AuditEvent.id))
        for column, value in where.items():
            statement = statement.where(getattr(AuditEvent, column) == value)
        async with self._sessionmaker() as session:
            return list((await session.scalars(statement)).all())
