"""Every curated record type, once: the features (sync, spreadsheets, the tests' resources) take the list from here.

In the order the sync sends them.
"""

from dataclasses import replace
from typing import Any

from app.emergency_services.models import EMERGENCY_SERVICES
from app.focal_points.models import FOCAL_POINTS
from app.institutions.models import INSTITUTIONS
from app.protection_systems.models import PROTECTION_SYSTEMS
from app.records.record_type import RecordType

RECORD_TYPES: tuple[RecordType[Any, Any], ...] = (
    PROTECTION_SYSTEMS,
    INSTITUTIONS,
    EMERGENCY_SERVICES,
    replace(FOCAL_POINTS, name_field="full_name"),
)
BY_PLURAL: dict[str, RecordType[Any, Any]] = {record_type.plural: record_type for record_type in RECORD_TYPES}
BY_TABLE: dict[type[Any], RecordType[Any, Any]] = {record_type.table: record_type for record_type in RECORD_TYPES}
BY_KIND: dict[str, RecordType[Any, Any]] = {record_type.kind: record_type for record_type in RECORD_TYPES}
