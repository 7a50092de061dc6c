from typing import Literal

from pydantic import BaseModel, Field

from app.countries.models import CountryPublic
from app.emergency_services.models import EmergencyServicePublic
from app.focal_points.models import FocalPointPublic
from app.institutions.models import InstitutionPublic
from app.protection_systems.models import ProtectionSystemPublic
from app.service_types.models import ServiceTypePublic

RecordKind = Literal["country", "service_type", "protection_system", "institution", "emergency_service", "focal_point"]
AnyPublicRecord = (
    CountryPublic
    | ServiceTypePublic
    | ProtectionSystemPublic
    | InstitutionPublic
    | EmergencyServicePublic
    | FocalPointPublic
)


class SyncChange(BaseModel):
    type: RecordKind
    id: str = Field(description="The record's id (a country's code).")
    op: Literal["upsert", "delete"] = Field(
        description="`upsert`: store this record (new or changed). `delete`: drop it if you have it (deleted, made "
        "inactive, expired, or moved out of the countries you sync)."
    )
    record: AnyPublicRecord | None = Field(description="The public record, for `upsert`; null for `delete`.")


class SyncPage(BaseModel):
    changes: list[SyncChange]
    has_more: bool = Field(description="True: call again at once with `since=next` to get the rest of this sync.")
    next: str = Field(
        description="An opaque cursor. While `has_more`, the next page of this sync; then, what to send as `since` "
        "the next time you sync, to get only what changed."
    )
