from typing import Annotated

from pydantic import BaseModel, EmailStr, StringConstraints
from pydantic import Field as PydanticField
from sqlalchemy import Index, String
from sqlmodel import Field

from app.core.contact import E164_PATTERN
from app.core.models import Published
from app.core.types import JSONType
from app.core.validation import CountryCode, ShortText, patch_of
from app.institutions.models import Institution
from app.protection_systems.models import ProtectionSystem
from app.records.record_type import RecordType
from app.records.schemas import RecordCreate, RecordPublic


class FocalPoint(Published, table=True):
    """The person a country names as contact for one protection system.

    The personal contact is stored here but has no field in any public schema, so it cannot leak by accident.
    """

    __tablename__ = "focal_point"
    __table_args__ = (
        # Rows of an import are matched by the country's own id for the record.
        Index("ix_focal_point_external_id", "country_code", "external_id", unique=True),
        Index("ix_focal_point_change_seq", "change_seq", "id"),
    )

    country_code: str = Field(foreign_key="country.code", sa_type=String(2), index=True)
    protection_system_id: str | None = Field(
        default=None, foreign_key="protection_system.id", max_length=36, index=True
    )
    institution_id: str | None = Field(default=None, foreign_key="institution.id", max_length=36)
    full_name: str = Field(max_length=200)
    position: str | None = Field(default=None, max_length=200)
    topics: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    public_email: str | None = Field(default=None, max_length=254)
    public_phone: str | None = Field(default=None, max_length=20)
    personal_email: str | None = Field(default=None, max_length=254)
    personal_phone: str | None = Field(default=None, max_length=20)

    def search_parts(self) -> list[str | None]:
        return [self.full_name, self.position, *self.topics]


class PublicContact(BaseModel):
    email: str | None = PydanticField(description="The institutional e-mail.", examples=["proteccion@example.org"])
    phone: str | None = PydanticField(description="The institutional phone (E.164).", examples=["+50400000010"])


class FocalPointPublic(RecordPublic):
    """A focal point as the public sees it: only the institutional contact, never the personal one."""

    country_code: str = PydanticField(examples=["HN"])
    protection_system_id: str | None
    institution_id: str | None
    full_name: str
    position: str | None
    topics: list[str]
    public_contact: PublicContact
    demo: bool = PydanticField(description="True for demo data: names and contacts are fictitious.")

    @classmethod
    def build(cls, record: FocalPoint) -> "FocalPointPublic":
        return cls(
            **cls.published(record),
            **cls.as_stored(record, "country_code protection_system_id institution_id full_name position topics"),
            public_contact=PublicContact(email=record.public_email, phone=record.public_phone),
        )


class PersonalContact(BaseModel):
    email: str | None
    phone: str | None


class FocalPointPrivate(FocalPointPublic):
    """A focal point with the personal contact: only for accounts allowed to read its country."""

    personal_contact: PersonalContact

    @classmethod
    def build_private(cls, record: FocalPoint) -> "FocalPointPrivate":
        public = FocalPointPublic.build(record)
        contact = PersonalContact(email=record.personal_email, phone=record.personal_phone)
        return cls(**public.model_dump(), personal_contact=contact)


E164 = Annotated[str, StringConstraints(pattern=E164_PATTERN)]


class FocalPointCreate(RecordCreate):
    country_code: CountryCode = PydanticField(examples=["HN"])
    protection_system_id: str | None = PydanticField(default=None, max_length=36)
    institution_id: str | None = PydanticField(default=None, max_length=36)
    full_name: ShortText = PydanticField(examples=["María Demo Pérez"])
    position: str | None = PydanticField(default=None, max_length=200)
    topics: list[ShortText] = PydanticField(default=[], max_length=30)
    public_email: EmailStr | None = None
    public_phone: E164 | None = None
    personal_email: EmailStr | None = PydanticField(default=None, description="Never published.")
    personal_phone: E164 | None = PydanticField(default=None, description="Never published.")


FocalPointUpdate = patch_of(FocalPointCreate, "FocalPointUpdate")


FOCAL_POINTS = RecordType(
    table=FocalPoint,
    public=FocalPointPublic,
    create=FocalPointCreate,
    update=FocalPointUpdate,
    present=lambda record, _localizer: FocalPointPublic.build(record),
    references={"protection_system_id": ProtectionSystem, "institution_id": Institution},
)
