from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.i18n import TRANSLATIONS_DESCRIPTION, Localizer
from app.core.models import Published, localized_parts
from app.core.types import JSONType
from app.core.validation import (
    EXTERNAL_ID_DESCRIPTION,
    CountryCode,
    ExternalId,
    HttpUrlText,
    ShortText,
    SpanishRequired,
    WriteModel,
    patch_of,
)
from app.core.vocabulary import RecordStatus
from app.institutions.models import Institution
from app.records.record_type import RecordType


class ProtectionSystem(Published, table=True):
    """A country's named child-protection system or network."""

    __tablename__ = "protection_system"
    __table_args__ = (
        # Rows of an import are matched by the country's own id for the record.
        Index("ix_protection_system_external_id", "country_code", "external_id", unique=True),
        Index("ix_protection_system_change_seq", "change_seq", "id"),
    )

    country_code: str = Field(foreign_key="country.code", sa_type=String(2), index=True)
    external_id: str | None = Field(default=None, max_length=64)
    name: str = Field(max_length=300)
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    lead_institution_id: str | None = Field(default=None, foreign_key="institution.id", max_length=36)
    website: str | None = Field(default=None, max_length=500)

    def search_parts(self) -> list[str | None]:
        return [self.name, *localized_parts(self.description)]


class ProtectionSystemPublic(BaseModel):
    id: str
    country_code: str = PydanticField(examples=["MX"])
    external_id: str | None = PydanticField(description=EXTERNAL_ID_DESCRIPTION, examples=["GT-0042"])
    name: str = PydanticField(examples=["Sistema Nacional de Protección Integral de Niñas, Niños y Adolescentes"])
    description: str | None
    description_language: str | None = PydanticField(examples=["es"])
    lead_institution_id: str | None
    website: str | None
    status: RecordStatus
    valid_until: date | None
    last_verified_at: datetime | None
    source: str | None
    demo: bool = PydanticField(description="True for demo data.")
    updated_at: datetime
    version: int
    translations: dict[str, Any] | None = PydanticField(
        default=None,
        description=TRANSLATIONS_DESCRIPTION,
        examples=[None],
    )

    @classmethod
    def build(cls, record: ProtectionSystem, localizer: Localizer) -> "ProtectionSystemPublic":
        description, description_language = localizer.pick(record.description)
        return cls(
            id=record.id,
            country_code=record.country_code,
            external_id=record.external_id,
            name=record.name,
            description=description,
            description_language=description_language,
            lead_institution_id=record.lead_institution_id,
            website=record.website,
            status=RecordStatus(record.status),
            valid_until=record.valid_until,
            last_verified_at=record.last_verified_at,
            source=record.source,
            demo=record.is_demo,
            updated_at=record.updated_at,
            version=record.version,
            translations=localizer.translations(description=record.description),
        )


class ProtectionSystemCreate(WriteModel):
    country_code: CountryCode = PydanticField(examples=["MX"])
    external_id: ExternalId | None = PydanticField(default=None, description=EXTERNAL_ID_DESCRIPTION)
    name: ShortText = PydanticField(examples=["Sistema Nacional de Protección Integral de Niñas, Niños y Adolescentes"])
    description: SpanishRequired = PydanticField(
        description="Text per language (BCP 47 tag -> text); Spanish is required.",
        examples=[{"es": "Coordina la protección de la niñez.", "en": "Coordinates child protection."}],
    )
    lead_institution_id: str | None = PydanticField(default=None, max_length=36)
    website: HttpUrlText | None = None
    status: RecordStatus = RecordStatus.active
    valid_until: date | None = None
    source: str | None = PydanticField(default=None, max_length=300)


ProtectionSystemUpdate = patch_of(ProtectionSystemCreate, "ProtectionSystemUpdate")


PROTECTION_SYSTEMS = RecordType(
    kind="protection_system",
    plural="protection_systems",
    table=ProtectionSystem,
    public=ProtectionSystemPublic,
    create=ProtectionSystemCreate,
    update=ProtectionSystemUpdate,
    present=ProtectionSystemPublic.build,
    references={"lead_institution_id": Institution},
)
