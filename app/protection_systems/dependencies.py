from app.protection_systems.models import ProtectionSystem
from app.records import dependencies as records

LOOKUPS = records.record_lookups(ProtectionSystem, "system_id")
