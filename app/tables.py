"""Imports every table module, so that SQLModel.metadata describes the whole schema (for Alembic and tests)."""

from app.core.models import metadata
from app.countries.models import Country
from app.emergency_services.models import EmergencyService, EmergencyServiceServiceType
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution, InstitutionServiceType
from app.protection_systems.models import ProtectionSystem
from app.service_types.models import ServiceType

__all__ = [
    "Country",
    "EmergencyService",
    "EmergencyServiceServiceType",
    "FocalPoint",
    "Institution",
    "InstitutionServiceType",
    "ProtectionSystem",
    "ServiceType",
    "metadata",
]
