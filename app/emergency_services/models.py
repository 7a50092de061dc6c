from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import Column, ForeignKey, Index, String
from sqlmodel import Field, Relationship, SQLModel

from app.core.contact import OpeningHoursPublic, PhoneInput
from app.core.i18n import Localizer
from app.core.models import LOCATION_INDEX_COLUMNS, Located, Published, localized_parts
from app.core.types import JSONType
from app.core.validation import CountryCode, ShortText, SpanishRequired, patch_of
from app.institutions.models import Institution
from app.records.record_type import RecordType
from app.records.schemas import PlaceCreate, PlacePublic


class EmergencyServiceServiceType(SQLModel, table=True):
    __tablename__ = "emergency_service_service_type"
    __table_args__ = (Index("ix_emergency_service_service_type_code", "service_type_code", "emergency_service_id"),)

    # Set by the relationship when the owning record is flushed.
    emergency_service_id: str | None = Field(
        default=None,
        sa_column=Column(String(36), ForeignKey("emergency_service.id", ondelete="CASCADE"), primary_key=True),
    )
    service_type_code: str = Field(foreign_key="service_type.code", primary_key=True, sa_type=String(64))


class EmergencyService(Published, Located, table=True):
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
    institution_id: str | None = Field(default=None, foreign_key="institution.id", max_length=36, index=True)
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    available_24h: bool = Field(default=False, nullable=False)
    free_of_charge: bool = Field(default=True, nullable=False)
    coverage_national: bool = Field(default=True, nullable=False)
    coverage_areas: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)

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


class EmergencyServicePublic(PlacePublic):
    """An emergency service as the public sees it. A confidential location shows only its city and area."""

    name: str = PydanticField(examples=["Línea de atención a la niñez (demo)"])
    country_code: str = PydanticField(examples=["HN"])
    institution_id: str | None
    service_types: list[str] = PydanticField(examples=[["emergency_response"]])
    available_24h: bool
    opening_hours: OpeningHoursPublic | None = PydanticField(description="Null when available 24/7.")
    time_zone: str | None = PydanticField(examples=["America/Tegucigalpa"])
    free_of_charge: bool
    coverage: Coverage
    languages: list[str] = PydanticField(examples=[["es"]])

    @classmethod
    def build(
        cls,
        record: EmergencyService,
        localizer: Localizer,
        distance_km: float | None = None,
        *,
        now: datetime | None = None,
    ) -> "EmergencyServicePublic":
        return cls(
            **cls.published(record),
            **cls.reachable(record, localizer, distance_km, now, always_open=record.available_24h),
            **cls.as_stored(
                record,
                "name country_code institution_id service_types available_24h time_zone free_of_charge languages",
            ),
            coverage=Coverage(national=record.coverage_national, admin_areas=record.coverage_areas),
        )


class EmergencyServiceCreate(PlaceCreate):
    name: ShortText = PydanticField(examples=["Línea de atención a la niñez (demo)"])
    country_code: CountryCode = PydanticField(examples=["HN"])
    institution_id: str | None = PydanticField(default=None, max_length=36)
    description: SpanishRequired = PydanticField(
        description="Text per language (BCP 47 tag -> text); Spanish is required.",
        examples=[{"es": "Línea gratuita de atención inmediata.", "en": "Free line for immediate help."}],
    )
    service_types: list[str] = PydanticField(min_length=1, max_length=30, examples=[["emergency_hotline"]])
    phones: list[PhoneInput] = PydanticField(min_length=1, max_length=20)
    available_24h: bool = False
    free_of_charge: bool = True
    coverage_national: bool = True
    coverage_areas: list[ShortText] = PydanticField(default=[], max_length=50)


EmergencyServiceUpdate = patch_of(EmergencyServiceCreate, "EmergencyServiceUpdate")


EMERGENCY_SERVICES = RecordType(
    article="an",
    table=EmergencyService,
    public=EmergencyServicePublic,
    create=EmergencyServiceCreate,
    update=EmergencyServiceUpdate,
    present=EmergencyServicePublic.build,
    link=lambda code: EmergencyServiceServiceType(service_type_code=code),
    references={"institution_id": Institution},
)
