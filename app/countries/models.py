from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.changes import Synced
from app.core.i18n import Localizer
from app.core.models import Timestamped
from app.core.types import JSONType
from app.core.validation import CountryCode, PatchModel, SpanishAndEnglish, TranslationsPatch, WriteModel


class Country(Timestamped, Synced, table=True):
    __tablename__ = "country"
    __table_args__ = (Index("ix_country_change_seq", "change_seq", "code"),)

    code: str = Field(primary_key=True, sa_type=String(2), description="ISO 3166-1 alpha-2 code.")
    name: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    rcm_member: bool = Field(default=False, nullable=False)
    # Editors' creates, changes and deletes wait for a reviewer's or an administrator's approval (app.proposals).
    review_required: bool = Field(default=True, nullable=False)


class RecordCounts(BaseModel):
    institutions: int = 0
    emergency_services: int = 0
    focal_points: int = 0


class CountryPublic(BaseModel):
    code: str = PydanticField(examples=["GT"])
    name: str | None = PydanticField(examples=["Guatemala"])
    name_language: str | None = PydanticField(examples=["es"])
    rcm_member: bool
    review_required: bool = PydanticField(
        description="Editors' creates, changes and deletes wait for a reviewer's or an administrator's approval."
    )
    counts: RecordCounts = PydanticField(description="Published, active records of this country.")

    @classmethod
    def build(cls, country: Country, counts: RecordCounts, localizer: Localizer) -> "CountryPublic":
        name, name_language = localizer.pick(country.name)
        return cls(
            code=country.code,
            name=name,
            name_language=name_language,
            rcm_member=country.rcm_member,
            review_required=country.review_required,
            counts=counts,
        )


class CountryCreate(WriteModel):
    code: CountryCode = PydanticField(examples=["CO"])
    name: SpanishAndEnglish = PydanticField(examples=[{"es": "Colombia", "en": "Colombia"}])
    rcm_member: bool = False
    review_required: bool = PydanticField(
        default=True, description="Editors' changes wait for a reviewer's or an administrator's approval."
    )


class CountryUpdate(PatchModel):
    """The code is stable and cannot change. Only the fields sent change."""

    non_nullable = frozenset({"name", "rcm_member", "review_required"})
    translated = {"name": ("es", "en")}

    name: TranslationsPatch | None = None
    rcm_member: bool | None = None
    review_required: bool | None = PydanticField(
        default=None, description="Editors' changes wait for a reviewer's or an administrator's approval."
    )
