"""The parts of the record types' schemas that they all share, each declared once: what a record shows of its
publication, its translated description and its place, and what a create sends of them. Each type's schemas add
their own fields; each type's Update is derived from its Create (app.core.validation.patch_of)."""

from datetime import date, datetime
from typing import Any, Protocol

from pydantic import BaseModel, Field

from app.core.contact import (
    OPEN_NOW_DESCRIPTION,
    HasHours,
    HasPlace,
    OpeningHours,
    OpeningHoursPublic,
    Phone,
    open_at,
    public_place,
)
from app.core.i18n import TRANSLATIONS_DESCRIPTION, Localizer
from app.core.models import Published
from app.core.validation import (
    EXTERNAL_ID_DESCRIPTION,
    ExternalId,
    LanguageTag,
    Latitude,
    Longitude,
    TimeZone,
    WriteModel,
)
from app.core.vocabulary import RecordStatus

# Stored under the same name as shown.
_PUBLICATION = "id external_id status valid_until last_verified_at source updated_at version"


class RecordPublic(BaseModel):
    """What every record shows of its publication."""

    id: str
    external_id: str | None = Field(description=EXTERNAL_ID_DESCRIPTION, examples=["GT-0042"])
    status: RecordStatus
    valid_until: date | None
    last_verified_at: datetime | None = Field(description="When someone last confirmed this record.")
    source: str | None
    demo: bool = Field(description="True for demo data.")
    updated_at: datetime
    version: int

    @staticmethod
    def as_stored(record: object, names: str) -> dict[str, Any]:
        """The fields named (separated by spaces) shown as the record stores them, under the same names."""
        return {name: getattr(record, name) for name in names.split()}

    @classmethod
    def published(cls, record: Published) -> dict[str, Any]:
        return {**cls.as_stored(record, _PUBLICATION), "demo": record.is_demo}


class Described(Protocol):
    description: dict[str, str]


class DescribedPublic(RecordPublic):
    """A record with a description in several languages: the one that suits the request, and all of them to
    those allowed to ask for every language."""

    description: str | None
    description_language: str | None = Field(examples=["es"])
    translations: dict[str, Any] | None = Field(default=None, description=TRANSLATIONS_DESCRIPTION, examples=[None])

    @staticmethod
    def described(record: Described, localizer: Localizer, **other_texts: Any) -> dict[str, Any]:
        description, description_language = localizer.pick(record.description)
        return {
            "description": description,
            "description_language": description_language,
            "translations": localizer.translations(description=record.description, **other_texts),
        }


class Reachable(Described, HasPlace, HasHours, Protocol):
    phones: list[dict[str, Any]]


class PlacePublic(DescribedPublic):
    """A record people go to or call: its place (a confidential location shows only its city and area), its
    phones and hours, and for a search its distance and whether it is open."""

    demo: bool = Field(description="True for demo data: its contacts are fictitious.")
    address: str | None = Field(description="Null when the location is confidential.")
    city: str | None
    admin_area: str | None
    latitude: float | None = Field(description="Null when the location is confidential.")
    longitude: float | None = Field(description="Null when the location is confidential.")
    location_confidential: bool
    phones: list[Phone]
    opening_hours: OpeningHoursPublic | None
    distance_km: float | None = Field(
        default=None,
        description="Great-circle distance from the `near` point in km, to 0.1 km; null when `near` is not used.",
        examples=[12.3],
    )
    open_now: bool | None = Field(default=None, description=OPEN_NOW_DESCRIPTION, examples=[True])

    @classmethod
    def reachable(
        cls,
        record: Reachable,
        localizer: Localizer,
        distance_km: float | None,
        now: datetime | None,
        *,
        always_open: bool = False,
    ) -> dict[str, Any]:
        # Texts are picked in the order the answer shows them: the Content-Language header lists them so.
        texts = cls.described(record, localizer, phones=record.phones, opening_hours=record.opening_hours)
        phones = [Phone.localized(phone, localizer) for phone in record.phones]
        hours = None if always_open else OpeningHoursPublic.localized(record.opening_hours, localizer)
        return {
            **texts,
            **public_place(record),
            "phones": phones,
            "opening_hours": hours,
            "distance_km": None if distance_km is None else round(distance_km, 1),
            "open_now": None if now is None else open_at(record, now, always_open=always_open),
        }


class RecordCreate(WriteModel):
    """What every create sends of its publication."""

    external_id: ExternalId | None = Field(default=None, description=EXTERNAL_ID_DESCRIPTION)
    status: RecordStatus = RecordStatus.active
    valid_until: date | None = None
    source: str | None = Field(default=None, max_length=300)


class PlaceCreate(RecordCreate):
    """What a create of a record people go to or call sends of its place and hours."""

    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    admin_area: str | None = Field(default=None, max_length=120)
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    location_confidential: bool = False
    opening_hours: OpeningHours | None = None
    time_zone: TimeZone | None = None
    languages: list[LanguageTag] = Field(default=[], max_length=30)
