from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.i18n import Localizer
from app.core.models import Published, localized_parts
from app.core.types import JSONType
from app.core.validation import CountryCode, HttpUrlText, ShortText, SpanishRequired, patch_of
from app.institutions.models import Institution
from app.records.record_type import RecordType
from app.records.schemas import DescribedPublic, RecordCreate


class ProtectionSystem(Published, table=True):
    """A country's named child-protection system or network."""

    __tablename__ = "protection_system"
    __table_args__ = (
        # Rows of an import are matched by the country's own id for the record.
        Index("ix_protection_system_external_id", "country_code", "external_id", unique=True),
        Index("ix_protection_system_change_seq", "change_seq", "id"),
    )

    country_code: str = Field(foreign_key="country.code", sa_type=String(2), index=True)
    name: str = Field(max_length=300)
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    lead_institution_id: str | None = Field(default=None, foreign_key="institution.id", max_length=36)
    website: str | None = Field(default=None, max_length=500)

    def search_parts(self) -> list[str | None]:
        return [self.name, *localized_parts(self.description)]


class ProtectionSystemPublic(DescribedPublic):
    country_code: str = PydanticField(examples=["MX"])
    name: str = PydanticField(examples=["Sistema Nacional de Protección Integral de Niñas, Niños y Adolescentes"])
    lead_institution_id: str | None
    website: str | None

    @classmethod
    def build(cls, record: ProtectionSystem, localizer: Localizer) -> "ProtectionSystemPublic":
        return cls(
            **cls.published(record),
            **cls.described(record, localizer),
            **cls.as_stored(record, "country_code name lead_institution_id website"),
        )


class ProtectionSystemCreate(RecordCreate):
    country_code: CountryCode = PydanticField(examples=["MX"])
    name: ShortText = PydanticField(examples=["Sistema Nacional de Protección Integral de Niñas, Niños y Adolescentes"])
    description: SpanishRequired = PydanticField(
        description="Text per language (BCP 47 tag -> text); Spanish is required.",
        examples=[{"es": "Coordina la protección de la niñez.", "en": "Coordinates child protection."}],
    )
    lead_institution_id: str | None = PydanticField(default=None, max_length=36)
    website: HttpUrlText | None = None


ProtectionSystemUpdate = patch_of(ProtectionSystemCreate, "ProtectionSystemUpdate")


PROTECTION_SYSTEMS = RecordType(
    table=ProtectionSystem,
    public=ProtectionSystemPublic,
    create=ProtectionSystemCreate,
    update=ProtectionSystemUpdate,
    present=ProtectionSystemPublic.build,
    references={"lead_institution_id": Institution},
)
