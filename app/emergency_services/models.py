from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import Column, ForeignKey, Index, String
from sqlmodel import Field, Relationship, SQLModel

from app.core.contact import (
    OPEN_NOW_DESCRIPTION,
    OpeningHours,
    OpeningHoursPublic,
    Phone,
    PhoneInput,
    open_at,
    public_place,
)
from app.core.i18n import TRANSLATIONS_DESCRIPTION, Localizer
from app.core.models import LOCATION_INDEX_COLUMNS, Published, localized_parts
from app.core.types import JSONType
from app.core.validation import (
    EXTERNAL_ID_DESCRIPTION,
    CountryCode,
    ExternalId,
    LanguageTag,
    Latitude,
    Longitude,
    ShortText,
    SpanishRequired,
    TimeZone,
    WriteModel,
    patch_of,
)
from app.core.vocabulary import RecordStatus
from app.institutions.models import Institution
from app.records.record_type import RecordType


class EmergencyServiceServiceType(SQLModel, table=True):
    __tablename__ = "emergency_service_service_type"
    __table_args__ = (Index("ix_emergency_service_service_type_code", "service_type_code", "emergency_service_id"),)

    # Set by the relationship when the owning record is flushed.
    emergency_service_id: str | None = Field(
        default=None,
        sa_column=Column(String(36), ForeignKey("emergency_service.id", ondelete="CASCADE"), primary_key=True),
    )
    service_type_code: str = Field(foreign_key="service_type.code", primary_key=True, sa_type=String(64))


class EmergencyService(Published, table=True):
    """A rapid or emergency-response service: a hotline, a 24-hour shelter, a mobile team."""

    __tablename__ = "emergency_service"
    __table_args__ = (
        # Rows of an import are matched by the country's own id for the record.
        Index("ix_emergency_service_external_id", "country_code", "external_id", unique=True),
        # Covers the public listing and its count: the publication checks need no table row.
        Index("ix_emergency_service_listing", "country_code", "status", "name", "id", "deleted_at", "valid_until"),
        Index("ix_emergency_service_location", *LOCATION_INDEX_COLUMNS),
        Index("ix_emergency_service_change_seq", "change_seq", "id"),
    )

    name: str = Field(max_length=300)
    country_code: str = Field(foreign_key="country.code", sa_type=String(2))
    external_id: str | None = Field(default=None, max_length=64)
    institution_id: str | None = Field(default=None, foreign_key="institution.id", max_length=36, index=True)
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    phones: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    available_24h: bool = Field(default=False, nullable=False)
    opening_hours: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    time_zone: str | None = Field(default=None, max_length=64)
    free_of_charge: bool = Field(default=True, nullable=False)
    coverage_national: bool = Field(default=True, nullable=False)
    coverage_areas: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    languages: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    admin_area: str | None = Field(default=None, max_length=120)
    latitude: float | None = None
    longitude: float | None = None
    location_confidential: bool = Field(default=False, nullable=False)

    service_type_links: list[EmergencyServiceServiceType] = Relationship(
        sa_relationship_kwargs={"lazy": "selectin", "cascade": "all, delete-orphan"}
    )

    @property
    def service_types(self) -> list[str]:
        return sorted(link.service_type_code for link in self.service_type_links)

    def search_parts(self) -> list[str | None]:
        return [self.name, *localized_parts(self.description)]


class Coverage(BaseModel):
    # Titled apart from the other model named Coverage: client generators name types by title.
    model_config = ConfigDict(title="ServiceCoverage")

    national: bool
    admin_areas: list[str] = PydanticField(description="Areas covered when not national.")


class EmergencyServicePublic(BaseModel):
    """An emergency service as the public sees it. A confidential location shows only its city and area."""

    id: str
    name: str = PydanticField(examples=["Línea de atención a la niñez (demo)"])
    country_code: str = PydanticField(examples=["HN"])
    external_id: str | None = PydanticField(description=EXTERNAL_ID_DESCRIPTION, examples=["GT-0042"])
    institution_id: str | None
    description: str | None
    description_language: str | None = PydanticField(examples=["es"])
    service_types: list[str] = PydanticField(examples=[["emergency_response"]])
    phones: list[Phone]
    available_24h: bool
    opening_hours: OpeningHoursPublic | None = PydanticField(description="Null when available 24/7.")
    time_zone: str | None = PydanticField(examples=["America/Tegucigalpa"])
    free_of_charge: bool
    coverage: Coverage
    languages: list[str] = PydanticField(examples=[["es"]])
    address: str | None = PydanticField(description="Null when the location is confidential.")
    city: str | None
    admin_area: str | None
    latitude: float | None = PydanticField(description="Null when the location is confidential.")
    longitude: float | None = PydanticField(description="Null when the location is confidential.")
    location_confidential: bool
    status: RecordStatus
    valid_until: date | None
    last_verified_at: datetime | None = PydanticField(description="When someone last confirmed this record.")
    source: str | None
    demo: bool = PydanticField(description="True for demo data: its contacts are fictitious.")
    updated_at: datetime
    version: int
    distance_km: float | None = PydanticField(
        default=None,
        description="Great-circle distance from the `near` point in km, to 0.1 km; null when `near` is not used.",
        examples=[12.3],
    )
    open_now: bool | None = PydanticField(default=None, description=OPEN_NOW_DESCRIPTION, examples=[True])
    translations: dict[str, Any] | None = PydanticField(
        default=None,
        description=TRANSLATIONS_DESCRIPTION,
        examples=[None],
    )

    @classmethod
    def build(
        cls,
        record: EmergencyService,
        localizer: Localizer,
        distance_km: float | None = None,
        *,
        now: datetime | None = None,
    ) -> "EmergencyServicePublic":
        description, description_language = localizer.pick(record.description)
        return cls(
            id=record.id,
            name=record.name,
            country_code=record.country_code,
            external_id=record.external_id,
            institution_id=record.institution_id,
            description=description,
            description_language=description_language,
            service_types=record.service_types,
            phones=[Phone.localized(phone, localizer) for phone in record.phones],
            available_24h=record.available_24h,
            opening_hours=None
            if record.available_24h
            else OpeningHoursPublic.localized(record.opening_hours, localizer),
            time_zone=record.time_zone,
            free_of_charge=record.free_of_charge,
            coverage=Coverage(national=record.coverage_national, admin_areas=record.coverage_areas),
            languages=record.languages,
            **public_place(record),
            status=RecordStatus(record.status),
            valid_until=record.valid_until,
            last_verified_at=record.last_verified_at,
            source=record.source,
            demo=record.is_demo,
            updated_at=record.updated_at,
            version=record.version,
            distance_km=None if distance_km is None else round(distance_km, 1),
            open_now=None if now is None else open_at(record, now, always_open=record.available_24h),
            translations=localizer.translations(
                description=record.description, phones=record.phones, opening_hours=record.opening_hours
            ),
        )


class EmergencyServiceCreate(WriteModel):
    name: ShortText = PydanticField(examples=["Línea de atención a la niñez (demo)"])
    country_code: CountryCode = PydanticField(examples=["HN"])
    external_id: ExternalId | None = PydanticField(default=None, description=EXTERNAL_ID_DESCRIPTION)
    institution_id: str | None = PydanticField(default=None, max_length=36)
    description: SpanishRequired = PydanticField(
        description="Text per language (BCP 47 tag -> text); Spanish is required.",
        examples=[{"es": "Línea gratuita de atención inmediata.", "en": "Free line for immediate help."}],
    )
    service_types: list[str] = PydanticField(min_length=1, max_length=30, examples=[["emergency_hotline"]])
    phones: list[PhoneInput] = PydanticField(min_length=1, max_length=20)
    available_24h: bool = False
    opening_hours: OpeningHours | None = None
    time_zone: TimeZone | None = None
    free_of_charge: bool = True
    coverage_national: bool = True
    coverage_areas: list[ShortText] = PydanticField(default=[], max_length=50)
    languages: list[LanguageTag] = PydanticField(default=[], max_length=30)
    address: str | None = PydanticField(default=None, max_length=300)
    city: str | None = PydanticField(default=None, max_length=120)
    admin_area: str | None = PydanticField(default=None, max_length=120)
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    location_confidential: bool = False
    status: RecordStatus = RecordStatus.active
    valid_until: date | None = None
    source: str | None = PydanticField(default=None, max_length=300)


EmergencyServiceUpdate = patch_of(EmergencyServiceCreate, "EmergencyServiceUpdate")


EMERGENCY_SERVICES = RecordType(
    kind="emergency_service",
    plural="emergency_services",
    article="an",
    table=EmergencyService,
    public=EmergencyServicePublic,
    create=EmergencyServiceCreate,
    update=EmergencyServiceUpdate,
    present=EmergencyServicePublic.build,
    link=lambda code: EmergencyServiceServiceType(service_type_code=code),
    references={"institution_id": Institution},
)
