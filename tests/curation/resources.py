"""The curated resources, one per record type of app.registry, and reads of the database that bypass the API.

Every write test that is about "each resource" is generated from RESOURCES, so a new curated record type is its
description in the app and one row of test data here (RESOURCES fails to build until it is added).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func
from sqlmodel import SQLModel, col, select

from app.audit.models import AuditEvent
from app.records.record_type import RecordType
from app.registry.record_types import RECORD_TYPES
from tests import factories

API = "/api/v1"


@dataclass(frozen=True)
class Sample:
    build: Callable[[str], Any]  # an existing record of the given country, not yet stored
    create_body: Callable[[str], dict[str, Any]]  # a valid POST body for the given country
    text_field: str  # a required text field that a PATCH may change
    localized: bool = True  # whether its answers pick texts in a language (and so name it in the ETag)


@dataclass(frozen=True)
class Resource:
    record_type: RecordType[Any, Any]
    data: Sample

    @property
    def name(self) -> str:
        return self.record_type.plural

    @property
    def path(self) -> str:
        return f"{API}/{self.name.replace('_', '-')}"

    @property
    def entity_type(self) -> str:
        return self.record_type.kind

    @property
    def model(self) -> type[SQLModel]:
        return self.record_type.table

    def build(self, country: str) -> Any:
        return self.data.build(country)

    def create_body(self, country: str) -> dict[str, Any]:
        return self.data.create_body(country)

    @property
    def text_field(self) -> str:
        return self.data.text_field

    def etag(self, version: int) -> str:
        """The ETag of a read of its built records in the default language (their texts are in Spanish)."""
        return f'"v{version}-es"' if self.data.localized else etag(version)

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


_SAMPLES = {
    "institutions": Sample(
        lambda country: factories.institution(country_code=country), _institution_body, text_field="name"
    ),
    "emergency_services": Sample(
        lambda country: factories.emergency_service(country_code=country), _emergency_service_body, text_field="name"
    ),
    "protection_systems": Sample(
        lambda country: factories.protection_system(country_code=country), _protection_system_body, text_field="name"
    ),
    "focal_points": Sample(
        lambda country: factories.focal_point(country_code=country),
        _focal_point_body,
        text_field="full_name",
        localized=False,
    ),
}

RESOURCES = [Resource(record_type, _SAMPLES[record_type.plural]) for record_type in RECORD_TYPES]
_BY_NAME = {resource.name: resource for resource in RESOURCES}
INSTITUTIONS = _BY_NAME["institutions"]
EMERGENCY_SERVICES = _BY_NAME["emergency_services"]
PROTECTION_SYSTEMS = _BY_NAME["protection_systems"]
FOCAL_POINTS = _BY_NAME["focal_points"]


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
