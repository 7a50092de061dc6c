from datetime import datetime
from enum import StrEnum

from pydantic import EmailStr
from pydantic import Field as PydanticField
from sqlalchemy import Column, ForeignKey, Index, String, Text, inspect
from sqlmodel import Field, Relationship, SQLModel

from app.core.contact import PhoneInput
from app.core.i18n import Localizer
from app.core.models import LOCATION_INDEX_COLUMNS, Located, Published, delimited_codes, localized_parts
from app.core.types import JSONType
from app.core.validation import Age, CountryCode, HttpUrlText, ShortText, SpanishRequired, patch_of
from app.core.vocabulary import Population
from app.records.record_type import RecordType
from app.records.schemas import PlaceCreate, PlacePublic

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


class Institution(Published, Located, table=True):
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
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    populations: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    min_age: int | None = None
    max_age: int | None = None
    email: str | None = Field(default=None, max_length=254)
    website: str | None = Field(default=None, max_length=500)
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


class InstitutionPublic(PlacePublic):
    """An institution as the public sees it. A confidential location shows only its city and area."""

    name: str = PydanticField(examples=["Procuraduría de la Niñez y la Adolescencia"])
    acronym: str | None = PydanticField(examples=["PNA"])
    kind: InstitutionKind
    country_code: str = PydanticField(examples=["GT"])
    service_types: list[str] = PydanticField(examples=[["legal_assistance", "best_interests_determination"]])
    populations: list[Population]
    min_age: int | None = PydanticField(examples=[0])
    max_age: int | None = PydanticField(examples=[17])
    email: str | None
    website: str | None
    time_zone: str | None = PydanticField(examples=["America/Guatemala"])
    languages: list[str] = PydanticField(examples=[["es", "en"]])
    emergency_response: bool
    nationalities_served: list[str] = PydanticField(
        description="For a consulate: ISO codes of the nationalities it assists.", examples=[[]]
    )

    @classmethod
    def build(
        cls, record: Institution, localizer: Localizer, distance_km: float | None = None, *, now: datetime | None = None
    ) -> "InstitutionPublic":
        return cls(
            **cls.published(record),
            **cls.reachable(record, localizer, distance_km, now),
            **cls.as_stored(
                record,
                "name acronym kind country_code service_types populations min_age max_age email website time_zone "
                "languages emergency_response nationalities_served",
            ),
        )


class InstitutionCreate(PlaceCreate):
    name: ShortText = PydanticField(examples=["Procuraduría de la Niñez y la Adolescencia"])
    acronym: str | None = PydanticField(default=None, max_length=50, examples=["PNA"])
    kind: InstitutionKind
    country_code: CountryCode = PydanticField(examples=["GT"])
    description: SpanishRequired = PydanticField(
        description="Text per language (BCP 47 tag -> text); Spanish is required.",
        examples=[{"es": "Protección de la niñez migrante.", "en": "Protection of migrant children."}],
    )
    service_types: list[str] = PydanticField(min_length=1, max_length=30, examples=[["legal_assistance"]])
    populations: list[Population] = []
    min_age: Age | None = None
    max_age: Age | None = None
    phones: list[PhoneInput] = PydanticField(default=[], max_length=20)
    email: EmailStr | None = None
    website: HttpUrlText | None = None
    emergency_response: bool = False
    nationalities_served: list[CountryCode] = PydanticField(default=[], max_length=30)


InstitutionUpdate = patch_of(InstitutionCreate, "InstitutionUpdate")


INSTITUTIONS = RecordType(
    article="an",
    table=Institution,
    public=InstitutionPublic,
    create=InstitutionCreate,
    update=InstitutionUpdate,
    present=InstitutionPublic.build,
    link=lambda code: InstitutionServiceType(service_type_code=code),
    country_lists=("nationalities_served",),
)
