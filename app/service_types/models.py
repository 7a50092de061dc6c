from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.changes import Synced
from app.core.i18n import Localizer
from app.core.models import Timestamped, new_id
from app.core.types import JSONType
from app.core.validation import PatchModel, SpanishAndEnglish, TranslationsPatch, WriteModel

SERVICE_TYPE_CODE_PATTERN = r"^[a-z][a-z0-9_]{1,63}$"


class ServiceType(Timestamped, Synced, table=True):
    __tablename__ = "service_type"
    __table_args__ = (Index("ix_service_type_change_seq", "change_seq", "id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    code: str = Field(sa_type=String(64), unique=True, nullable=False)
    parent_code: str | None = Field(default=None, foreign_key="service_type.code", sa_type=String(64))
    name: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    description: dict[str, str] = Field(default_factory=dict, sa_type=JSONType, nullable=False)
    position: int = Field(default=0, nullable=False, description="Display order among siblings.")


class ServiceTypePublic(BaseModel):
    id: str
    code: str = PydanticField(examples=["emergency_response"])
    parent_code: str | None = PydanticField(default=None, examples=[None])
    name: str | None = PydanticField(examples=["Respuesta rápida y de emergencia"])
    name_language: str | None = PydanticField(examples=["es"])
    description: str | None
    description_language: str | None

    @classmethod
    def build(cls, service_type: ServiceType, localizer: Localizer) -> "ServiceTypePublic":
        name, name_language = localizer.pick(service_type.name)
        description, description_language = localizer.pick(service_type.description)
        return cls(
            id=service_type.id,
            code=service_type.code,
            parent_code=service_type.parent_code,
            name=name,
            name_language=name_language,
            description=description,
            description_language=description_language,
        )


class ServiceTypeCreate(WriteModel):
    code: str = PydanticField(pattern=SERVICE_TYPE_CODE_PATTERN, examples=["child_friendly_spaces"])
    parent_code: str | None = PydanticField(default=None, pattern=SERVICE_TYPE_CODE_PATTERN)
    name: SpanishAndEnglish = PydanticField(examples=[{"es": "Espacios amigables", "en": "Child-friendly spaces"}])
    description: SpanishAndEnglish
    position: int = PydanticField(default=0, ge=0, le=10_000)


class ServiceTypeUpdate(PatchModel):
    """The code is stable and cannot change. Only the fields sent change."""

    non_nullable = frozenset({"name", "description", "position"})
    translated = {"name": ("es", "en"), "description": ("es", "en")}

    parent_code: str | None = PydanticField(default=None, pattern=SERVICE_TYPE_CODE_PATTERN)
    name: TranslationsPatch | None = None
    description: TranslationsPatch | None = None
    position: int | None = PydanticField(default=None, ge=0, le=10_000)
