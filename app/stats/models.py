"""The coverage view's answer: per country, what the directory holds and where it has holes; per editor, activity."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

from app.auth.models import Role
from app.reports.records import RecordType


class ResourceCounts(BaseModel):
    institutions: int = 0
    emergency_services: int = 0
    total: int = PydanticField(default=0, description="Institutions plus emergency services.")

    def add(self, other: "ResourceCounts") -> None:
        self.institutions += other.institutions
        self.emergency_services += other.emergency_services
        self.total += other.total


class ServiceTypeCoverage(BaseModel):
    code: str = PydanticField(examples=["emergency_hotline"])
    parent_code: str | None = PydanticField(examples=["emergency_response"])
    direct: ResourceCounts = PydanticField(
        description="Published records tagged with exactly this type. A record with several types counts under "
        "each of them."
    )
    including_subtypes: ResourceCounts = PydanticField(
        description="Published records tagged with this type or any type below it, each record once: what a "
        "public search for this type (`?service_type=`) finds, since a parent type matches its children."
    )


class RecordQuality(BaseModel):
    """Counts over the published, active records of one type. Null: this record type has no such field."""

    published: int = PydanticField(description="Published, active records (not deleted, not past valid_until).")
    not_verified_12_months: int = PydanticField(
        description="Never verified, or last verified before `unverified_before` (365 days ago)."
    )
    missing_coordinates: int | None = PydanticField(description="No stored latitude or longitude.")
    missing_phone: int | None = PydanticField(
        description="No phone number: an empty `phones` list; for focal points, no public (institutional) phone."
    )
    missing_spanish_description: int | None = PydanticField(description="No Spanish (`es`) description text.")
    open_reports: int = PydanticField(
        default=0, description="Reports of wrong data from the public about records of this type, still open."
    )
    reconfirmation_due: int = PydanticField(
        default=0,
        description="Records due or overdue to be confirmed again (as listed by GET /api/v1/reconfirmations).",
    )

    def add(self, other: "RecordQuality") -> None:
        self.published += other.published
        self.not_verified_12_months += other.not_verified_12_months
        self.open_reports += other.open_reports
        self.reconfirmation_due += other.reconfirmation_due
        self.missing_coordinates = _add(self.missing_coordinates, other.missing_coordinates)
        self.missing_phone = _add(self.missing_phone, other.missing_phone)
        self.missing_spanish_description = _add(self.missing_spanish_description, other.missing_spanish_description)


def _add(left: int | None, right: int | None) -> int | None:
    return None if left is None or right is None else left + right


class RecordsQuality(BaseModel):
    institutions: RecordQuality
    emergency_services: RecordQuality
    protection_systems: RecordQuality = PydanticField(
        description="Protection systems have no coordinates and no phone."
    )
    focal_points: RecordQuality = PydanticField(
        description="Only public fields are looked at: the institutional phone. Focal points have no coordinates "
        "and no description."
    )

    def add(self, other: "RecordsQuality") -> None:
        self.institutions.add(other.institutions)
        self.emergency_services.add(other.emergency_services)
        self.protection_systems.add(other.protection_systems)
        self.focal_points.add(other.focal_points)


class ReportedRecord(BaseModel):
    record_type: RecordType
    record_id: str
    open_reports: int = PydanticField(description="Reports about this record nobody has resolved or dismissed yet.")


class CountryCoverage(BaseModel):
    country_code: str = PydanticField(examples=["GT"])
    service_types: list[ServiceTypeCoverage] = PydanticField(
        description="Every service type of the taxonomy, in its display order, with zeros where nothing is published."
    )
    service_types_without_provider: list[str] = PydanticField(
        description="Codes of the service types for which no published institution or emergency service of this "
        "country is tagged with the type or any type below it: the country's gaps.",
        examples=[["family_tracing", "mobile_response_team"]],
    )
    records: RecordsQuality
    reported_records: list[ReportedRecord] = PydanticField(
        default=[], description="Records with open reports of wrong data, the most reported first."
    )


class CoverageTotals(BaseModel):
    """Sums over the countries in the answer (each record belongs to one country, so nothing counts twice)."""

    service_types: list[ServiceTypeCoverage]
    service_types_without_provider: list[str] = PydanticField(
        description="Service types with no provider in any of the countries in the answer."
    )
    records: RecordsQuality


class EditorActivity(BaseModel):
    user_id: str
    email: str
    full_name: str
    role: Role
    countries: list[str] = PydanticField(description="Countries on the account; administrators may edit every country.")
    is_active: bool
    last_activity_at: datetime | None = PydanticField(
        description="Time of the account's latest audit event (any change it made); null if it never made one."
    )
    changes_last_30_days: int = PydanticField(description="Audit events by this account in the last 30 days.")
    changes_last_90_days: int = PydanticField(description="Audit events by this account in the last 90 days.")


class Coverage(BaseModel):
    # Titled apart from the other model named Coverage: client generators name types by title.
    model_config = ConfigDict(title="CoverageReport")

    generated_at: datetime
    unverified_before: datetime = PydanticField(
        description="Records last verified before this moment (365 days before `generated_at`), or never verified, "
        "count as not verified."
    )
    countries: list[CountryCoverage] = PydanticField(
        description="The countries your account may read (administrators: all), narrowed by `country`, by code."
    )
    totals: CoverageTotals
    editors: list[EditorActivity] = PydanticField(
        description="Administrators: every editor and administrator account (with `country`, the editors of those "
        "countries and every administrator), by e-mail. Editors: only their own entry. Viewers: empty."
    )
