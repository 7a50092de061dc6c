"""Value objects for how to reach a service: phones, opening hours and its place (with the confidentiality rule)."""

from datetime import datetime
from typing import Annotated, Any, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.core.i18n import LocalizedText, Localizer
from app.core.local_time import record_time_zone
from app.core.opening_hours import is_open
from app.core.validation import localized
from app.core.vocabulary import PhoneKind, Weekday

E164_PATTERN = r"^\+[1-9][0-9]{6,14}$"
HH_MM_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"


def _label_texts(label: str | dict[str, str] | None) -> dict[str, str] | None:
    """A label per language; a plain string is the Spanish one (as clients sent labels before they had
    languages). Stored as the map, or absent when it has no text."""
    texts = localized({"es": label} if isinstance(label, str) else label or {}, require_spanish=False)
    return texts or None


PhoneLabelText = Annotated[str, StringConstraints(max_length=120)]


class PhoneInput(BaseModel):
    """A phone as written: its label in one or more languages."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field(pattern=E164_PATTERN, description="E.164 number, e.g. +50212345678.", examples=["+50400000001"])
    kind: PhoneKind = PhoneKind.voice
    label: Annotated[PhoneLabelText | dict[str, PhoneLabelText] | None, AfterValidator(_label_texts)] = Field(
        default=None,
        description="Text per language (BCP 47 tag -> text), or a plain text taken as Spanish. A change of the "
        "phones sends every phone, each label with all its languages (read them with `lang=*`).",
        examples=[{"es": "Línea de emergencia (demo)", "en": "Emergency line (demo)"}],
    )


class Phone(BaseModel):
    """A phone as read: its label in the language asked for, when it has one in any."""

    number: str = Field(pattern=E164_PATTERN, description="E.164 number, e.g. +50212345678.", examples=["+50400000001"])
    kind: PhoneKind = PhoneKind.voice
    label: str | None = Field(default=None, max_length=120, examples=["Línea de emergencia (demo)"])
    label_language: str | None = Field(default=None, examples=["es"])

    @classmethod
    def localized(cls, stored: dict[str, Any], localizer: Localizer) -> "Phone":
        label, label_language = localizer.pick(stored.get("label"))
        return cls(
            number=stored["number"],
            kind=stored.get("kind", PhoneKind.voice),
            label=label,
            label_language=label_language,
        )


class OpeningPeriod(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: Weekday
    opens: str = Field(pattern=HH_MM_PATTERN, examples=["08:00"])
    closes: str = Field(
        pattern=HH_MM_PATTERN,
        examples=["16:00"],
        description="Earlier than `opens` when the period runs past midnight.",
    )


class OpeningHours(BaseModel):
    """A weekly schedule as stored: periods plus a note per language."""

    model_config = ConfigDict(extra="forbid")

    periods: list[OpeningPeriod] = []
    note: LocalizedText = {}

    @field_validator("periods")
    @classmethod
    def _no_empty_periods(cls, periods: list[OpeningPeriod]) -> list[OpeningPeriod]:
        for period in periods:
            if period.opens == period.closes:
                raise ValueError(f"{period.day}: opens and closes at the same time")
        return periods


class OpeningHoursPublic(BaseModel):
    periods: list[OpeningPeriod]
    note: str | None = None
    note_language: str | None = None

    @classmethod
    def localized(cls, stored: dict[str, Any] | None, localizer: Localizer) -> "OpeningHoursPublic | None":
        if not stored:
            return None
        hours = OpeningHours.model_validate(stored)
        note, note_language = localizer.pick(hours.note)
        return cls(periods=hours.periods, note=note, note_language=note_language)


class HasPlace(Protocol):
    address: str | None
    city: str | None
    admin_area: str | None
    latitude: float | None
    longitude: float | None
    location_confidential: bool


def public_place(record: HasPlace) -> dict[str, Any]:
    """The place fields the public may see: a confidential location shows only its city and area."""
    hidden = record.location_confidential
    return {
        "address": None if hidden else record.address,
        "city": record.city,
        "admin_area": record.admin_area,
        "latitude": None if hidden else record.latitude,
        "longitude": None if hidden else record.longitude,
        "location_confidential": hidden,
    }


OPEN_NOW_DESCRIPTION = (
    "Whether it is open at the moment of the answer, in its own time zone (`time_zone`, else its country's when the "
    "country has one), by its opening hours; true for services available 24 hours. Null when that cannot be told "
    "(no opening hours, or no time zone for a country with several), and in answers other than the lists and "
    "reads of institutions and emergency services (writes, sync, which answer the same all day): read "
    "`opening_hours` there."
)


class HasHours(Protocol):
    opening_hours: dict[str, Any] | None
    time_zone: str | None
    country_code: str


def open_at(record: HasHours, now: datetime, *, always_open: bool = False) -> bool | None:
    return is_open(
        record.opening_hours, record_time_zone(record.time_zone, record.country_code), now, always_open=always_open
    )
