"""Imports every table module, so that SQLModel.metadata describes the whole schema (for Alembic and tests)."""

from app.audit.models import AuditEvent
from app.auth.models import User
from app.auth.throttle import LoginThrottleCounter
from app.core.changes import ChangeSequence, CountryDeparture
from app.core.models import metadata
from app.countries.models import Country
from app.emergency_services.models import EmergencyService, EmergencyServiceServiceType
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution, InstitutionServiceType
from app.proposals.models import Proposal
from app.protection_systems.models import ProtectionSystem
from app.reports.models import Report
from app.service_types.models import ServiceType

__all__ = [
    "AuditEvent",
    "ChangeSequence",
    "Country",
    "CountryDeparture",
    "EmergencyService",
    "EmergencyServiceServiceType",
    "FocalPoint",
    "Institution",
    "InstitutionServiceType",
    "LoginThrottleCounter",
    "Proposal",
    "ProtectionSystem",
    "Report",
    "ServiceType",
    "User",
    "metadata",
]
