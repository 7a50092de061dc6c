from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, EmailStr
from pydantic import Field as PydanticField
from sqlalchemy import Column, ForeignKey, Index, String, Text, inspect
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
from app.core.models import LOCATION_INDEX_COLUMNS, Published, delimited_codes, localized_parts
from app.core.types import JSONType
from app.core.validation import (
    EXTERNAL_ID_DESCRIPTION,
    Age,
    CountryCode,
    ExternalId,
    HttpUrlText,
    LanguageTag,
    Latitude,
    Longitude,
    ShortText,
    SpanishRequired,
    TimeZone,
    WriteModel,
    patch_of,
)
from app.core.vocabulary import Population, RecordStatus
from app.records.record_type import RecordType

InstitutionKind = StrEnum(
    "InstitutionKind",
    "government ngo international_organization un_agency consulate civil_society faith_based academic other",
)


class InstitutionServiceType(SQLModel, table=True):
    __tablename__ = "institution_service_type"
    __table_args__ = (Index("ix_institution_service_type_code", "service_type_code", "institution_id"),)

    # Set by the relationship when the owning record is flushed.
    institution_id: str | None = Field(
        default=None, sa_column=Column(String(36), ForeignKey("institution.id", ondelete="CASCADE"), primary_key=True)
    )
    service_type_code: str = Field(foreign_key="service_type.code", primary_key=True, sa_type=String(64))


class Institution(Published, table=True):
    __tablename__ = "institution"
    __table_args__ = (
        # Rows of an import are matched by the country's own id for the record.
        Index("ix_institution_external_id", "country_code", "external_id", unique=True),
        # Covers the public listing and its count: the publication checks need no table row.
        Index(
            "ix_institution_listing",
            *("country_code", "status", "name", "id", "deleted_at", "valid_until", "service_type_codes"),
        ),
        Index("ix_institution_location", *LOCATION_INDEX_COLUMNS),
        Index("ix_institution_name", "name", "id"),
        Index("ix_institution_change_seq", "change_seq", "id"),
    )

    name: str = Field(max_length=300)
    acronym: str | None = Field(default=None, max_length=50)
    kind: str = Field(sa_type=String(32), index=True)
    country_code: str = Field(foreign_key="country.code", sa_type=String(2))
    external_id: str | None = Field(default=None, max_length=64)
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    populations: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    min_age: int | None = None
    max_age: int | None = None
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    admin_area: str | None = Field(default=None, max_length=120)
    latitude: float | None = None
    longitude: float | None = None
    location_confidential: bool = Field(default=False, nullable=False)
    phones: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    email: str | None = Field(default=None, max_length=254)
    website: str | None = Field(default=None, max_length=500)
    opening_hours: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    time_zone: str | None = Field(default=None, max_length=64)
    languages: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    emergency_response: bool = Field(default=False, nullable=False)
    nationalities_served: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)

    # The codes of service_type_links as " code code ", kept on flush: in the listing index, the service-type
    # filter and its count read the index alone instead of probing the link table once per candidate row.
    service_type_codes: str = Field(default="", sa_type=Text, nullable=False)

    service_type_links: list[InstitutionServiceType] = Relationship(
        sa_relationship_kwargs={"lazy": "selectin", "cascade": "all, delete-orphan"}
    )

    @property
    def service_types(self) -> list[str]:
        if self._links_loaded():
            return sorted(link.service_type_code for link in self.service_type_links)
        # Lists load the records without their links (one query fewer): the kept copy says the same.
        return self.service_type_codes.split()

    def refresh_derived(self) -> None:
        if self._links_loaded():
            self.service_type_codes = delimited_codes(self.service_types)

    def _links_loaded(self) -> bool:
        return "service_type_links" not in inspect(self).unloaded

    def search_parts(self) -> list[str | None]:
        return [self.name, self.acronym, *localized_parts(self.description)]


class InstitutionPublic(BaseModel):
    """An institution as the public sees it. A confidential location shows only its city and area."""

    id: str
    name: str = PydanticField(examples=["Procuraduría de la Niñez y la Adolescencia"])
    acronym: str | None = PydanticField(examples=["PNA"])
    kind: InstitutionKind
    country_code: str = PydanticField(examples=["GT"])
    external_id: str | None = PydanticField(description=EXTERNAL_ID_DESCRIPTION, examples=["GT-0042"])
    description: str | None
    description_language: str | None = PydanticField(examples=["es"])
    service_types: list[str] = PydanticField(examples=[["legal_assistance", "best_interests_determination"]])
    populations: list[Population]
    min_age: int | None = PydanticField(examples=[0])
    max_age: int | None = PydanticField(examples=[17])
    address: str | None = PydanticField(description="Null when the location is confidential.")
    city: str | None
    admin_area: str | None
    latitude: float | None = PydanticField(description="Null when the location is confidential.")
    longitude: float | None = PydanticField(description="Null when the location is confidential.")
    location_confidential: bool
    phones: list[Phone]
    email: str | None
    website: str | None
    opening_hours: OpeningHoursPublic | None
    time_zone: str | None = PydanticField(examples=["America/Guatemala"])
    languages: list[str] = PydanticField(examples=[["es", "en"]])
    emergency_response: bool
    nationalities_served: list[str] = PydanticField(
        description="For a consulate: ISO codes of the nationalities it assists.", examples=[[]]
    )
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
        cls, record: Institution, localizer: Localizer, distance_km: float | None = None, *, now: datetime | None = None
    ) -> "InstitutionPublic":
        description, description_language = localizer.pick(record.description)
        return cls(
            id=record.id,
            name=record.name,
            acronym=record.acronym,
            kind=InstitutionKind(record.kind),
            country_code=record.country_code,
            external_id=record.external_id,
            description=description,
            description_language=description_language,
            service_types=record.service_types,
            populations=[Population(p) for p in record.populations],
            min_age=record.min_age,
            max_age=record.max_age,
            **public_place(record),
            phones=[Phone.localized(phone, localizer) for phone in record.phones],
            email=record.email,
            website=record.website,
            opening_hours=OpeningHoursPublic.localized(record.opening_hours, localizer),
            time_zone=record.time_zone,
            languages=record.languages,
            emergency_response=record.emergency_response,
            nationalities_served=record.nationalities_served,
            status=RecordStatus(record.status),
            valid_until=record.valid_until,
            last_verified_at=record.last_verified_at,
            source=record.source,
            demo=record.is_demo,
            updated_at=record.updated_at,
            version=record.version,
            distance_km=None if distance_km is None else round(distance_km, 1),
            open_now=None if now is None else open_at(record, now),
            translations=localizer.translations(
                description=record.description, phones=record.phones, opening_hours=record.opening_hours
            ),
        )


class InstitutionCreate(WriteModel):
    name: ShortText = PydanticField(examples=["Procuraduría de la Niñez y la Adolescencia"])
    acronym: str | None = PydanticField(default=None, max_length=50, examples=["PNA"])
    kind: InstitutionKind
    country_code: CountryCode = PydanticField(examples=["GT"])
    external_id: ExternalId | None = PydanticField(default=None, description=EXTERNAL_ID_DESCRIPTION)
    description: SpanishRequired = PydanticField(
        description="Text per language (BCP 47 tag -> text); Spanish is required.",
        examples=[{"es": "Protección de la niñez migrante.", "en": "Protection of migrant children."}],
    )
    service_types: list[str] = PydanticField(min_length=1, max_length=30, examples=[["legal_assistance"]])
    populations: list[Population] = []
    min_age: Age | None = None
    max_age: Age | None = None
    address: str | None = PydanticField(default=None, max_length=300)
    city: str | None = PydanticField(default=None, max_length=120)
    admin_area: str | None = PydanticField(default=None, max_length=120)
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    location_confidential: bool = False
    phones: list[PhoneInput] = PydanticField(default=[], max_length=20)
    email: EmailStr | None = None
    website: HttpUrlText | None = None
    opening_hours: OpeningHours | None = None
    time_zone: TimeZone | None = None
    languages: list[LanguageTag] = PydanticField(default=[], max_length=30)
    emergency_response: bool = False
    nationalities_served: list[CountryCode] = PydanticField(default=[], max_length=30)
    status: RecordStatus = RecordStatus.active
    valid_until: date | None = None
    source: str | None = PydanticField(default=None, max_length=300)


InstitutionUpdate = patch_of(InstitutionCreate, "InstitutionUpdate")


INSTITUTIONS = RecordType(
    kind="institution",
    plural="institutions",
    article="an",
    table=Institution,
    public=InstitutionPublic,
    create=InstitutionCreate,
    update=InstitutionUpdate,
    present=InstitutionPublic.build,
    link=lambda code: InstitutionServiceType(service_type_code=code),
    country_lists=("nationalities_served",),
)
