"""Builders of valid records with sensible defaults; each test overrides only what it is about."""

from datetime import UTC, datetime
from itertools import count
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.emergency_services.models import EmergencyService, EmergencyServiceServiceType
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution, InstitutionServiceType
from app.protection_systems.models import ProtectionSystem

_numbers = count(1)


def fictitious_phone(kind: str = "voice") -> dict[str, Any]:
    label = {"es": "Número de prueba", "en": "Test number"}
    return {"number": f"+5020000{next(_numbers):04d}", "kind": kind, "label": label}


def institution(*, service_types: tuple[str, ...] = ("legal_assistance",), **fields: Any) -> Institution:
    values: dict[str, Any] = {
        "name": f"Institución de prueba {next(_numbers)}",
        "kind": "ngo",
        "country_code": "GT",
        "description": {"es": "Atención a la niñez migrante.", "en": "Support for migrant children."},
        "populations": ["unaccompanied_children"],
        "languages": ["es"],
        "city": "Ciudad de Guatemala",
        "latitude": 14.6349,
        "longitude": -90.5069,
        "address": "Zona 1, calle de prueba",
        "phones": [fictitious_phone()],
        "last_verified_at": datetime(2026, 6, 1, tzinfo=UTC),
    }
    values.update(fields)
    record = Institution(**values)
    record.service_type_links = [InstitutionServiceType(service_type_code=code) for code in service_types]
    return record


def emergency_service(*, service_types: tuple[str, ...] = ("emergency_hotline",), **fields: Any) -> EmergencyService:
    values: dict[str, Any] = {
        "name": f"Línea de emergencia de prueba {next(_numbers)}",
        "country_code": "HN",
        "description": {"es": "Línea de atención inmediata.", "en": "Immediate help line."},
        "phones": [fictitious_phone("hotline")],
        "available_24h": True,
        "languages": ["es"],
        "city": "Tegucigalpa",
        "latitude": 14.0723,
        "longitude": -87.1921,
    }
    values.update(fields)
    record = EmergencyService(**values)
    record.service_type_links = [EmergencyServiceServiceType(service_type_code=code) for code in service_types]
    return record


def protection_system(**fields: Any) -> ProtectionSystem:
    values: dict[str, Any] = {
        "name": f"Sistema de protección de prueba {next(_numbers)}",
        "country_code": "MX",
        "description": {
            "es": "Sistema nacional de protección de la niñez.",
            "en": "National child-protection system.",
        },
    }
    values.update(fields)
    return ProtectionSystem(**values)


def focal_point(**fields: Any) -> FocalPoint:
    n = next(_numbers)
    values: dict[str, Any] = {
        "full_name": f"Persona Focal {n}",
        "country_code": "MX",
        "position": "Coordinadora",
        "topics": ["protección internacional"],
        "public_email": f"contacto{n}@example.org",
        "public_phone": f"+5200000{n:05d}",
        "personal_email": f"personal{n}.private@example.org",
        "personal_phone": f"+5219999{n:05d}",
    }
    values.update(fields)
    return FocalPoint(**values)


async def add(session: AsyncSession, *records: Any) -> None:
    session.add_all(records)
    await session.commit()
