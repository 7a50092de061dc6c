"""Constrained input types shared by the write schemas."""

import types
import zoneinfo
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.core.errors import InvalidParameterError
from app.core.i18n import LANGUAGE_TAG_PATTERN, is_language_tag, normalize_tag
from app.core.text import control_character

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)]
LanguageTag = Annotated[
    str, StringConstraints(pattern=LANGUAGE_TAG_PATTERN, max_length=35), AfterValidator(normalize_tag)
]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Age = Annotated[int, Field(ge=0, le=120)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# The country's own id for a record: imports match rows by (country_code, external_id).
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
EXTERNAL_ID_DESCRIPTION = "The country's own id for this record, unique within the country; imports match rows by it."


def _valid_time_zone(name: str) -> str:
    if name not in zoneinfo.available_timezones():
        raise ValueError(f"'{name}' is not an IANA time zone (e.g. America/Guatemala)")
    return name


TimeZone = Annotated[str, AfterValidator(_valid_time_zone)]


def _in_utc(value: datetime) -> datetime:
    """The instant in UTC (no offset: UTC). Years 1 and 9999 with a far offset fall outside what a datetime can
    hold once converted, and every comparison with a stored time converts: refused here, naming the parameter."""
    try:
        return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)
    except OverflowError:
        raise ValueError("out of range: the date-time must fall between years 1 and 9999 in UTC") from None


# A date-time parameter: UTC when it has no offset.
UTCDateTimeInput = Annotated[datetime, AfterValidator(_in_utc)]
# A date-time parameter that must say its offset.
AwareDateTimeInput = Annotated[AwareDatetime, AfterValidator(_in_utc)]


def localized(texts: dict[str, str], *, require_spanish: bool, require_english: bool = False) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for tag, text in texts.items():
        if not is_language_tag(tag):
            raise ValueError(f"'{tag}' is not a BCP 47 language tag")
        if text.strip():
            cleaned[normalize_tag(tag)] = text.strip()
    if require_spanish and "es" not in cleaned:
        raise ValueError("a Spanish ('es') text is required")
    if require_english and "en" not in cleaned:
        raise ValueError("an English ('en') text is required")
    return cleaned


@dataclass(frozen=True)
class RequiredLanguages:
    """Marks a text map: a partial update changes it per language and must keep these (see patch_of)."""

    tags: tuple[str, ...]


LocalizedInput = Annotated[
    dict[str, Annotated[str, StringConstraints(max_length=5000)]],
    AfterValidator(lambda texts: localized(texts, require_spanish=False)),
]
SpanishRequired = Annotated[
    dict[str, Annotated[str, StringConstraints(max_length=5000)]],
    AfterValidator(lambda texts: localized(texts, require_spanish=True)),
    RequiredLanguages(("es",)),
]

SpanishAndEnglish = Annotated[
    dict[str, Annotated[str, StringConstraints(max_length=5000)]],
    AfterValidator(lambda texts: localized(texts, require_spanish=True, require_english=True)),
    RequiredLanguages(("es", "en")),
]


def _translations_patch(texts: dict[str, str | None]) -> dict[str, str | None]:
    cleaned: dict[str, str | None] = {}
    for tag, text in texts.items():
        if not is_language_tag(tag):
            raise ValueError(f"'{tag}' is not a BCP 47 language tag")
        cleaned[normalize_tag(tag)] = (text or "").strip() or None
    return cleaned


# The languages of a text map a PATCH changes: the others stay; null (or an empty text) removes a language.
TranslationsPatch = Annotated[
    dict[str, Annotated[str, StringConstraints(max_length=5000)] | None],
    AfterValidator(_translations_patch),
    Field(
        description="Only the languages sent change (BCP 47 tag -> text); `null` removes a language.",
        examples=[{"en": "Protection of migrant children."}],
    ),
]


def merge_translations(
    name: str, stored: Mapping[str, str], patch: Mapping[str, str | None], required: Iterable[str]
) -> dict[str, str]:
    merged = {**stored, **patch}
    texts = {tag: text for tag, text in merged.items() if text is not None}
    missing = [tag for tag in required if tag not in texts]
    if missing:
        needed = " and ".join(f"'{tag}'" for tag in required)
        raise InvalidParameterError(
            "body", name, f"the {needed} texts are required: send a new text instead of removing {missing[0]!r}"
        )
    return texts


class WriteModel(BaseModel):
    """A request body: unknown fields (id, version, timestamps, audit fields) are refused, never stored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    # Fields whose texts may hold line breaks and tabs.
    multiline_fields: ClassVar[frozenset[str]] = frozenset({"description"})

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        # Checked on what was sent, before stripping: every text of every body and import row, nested ones too.
        # (This also keeps out U+0000, which PostgreSQL text cannot hold.)
        found = control_character(value, multiline=info.field_name in cls.multiline_fields)
        if found is not None:
            raise ValueError(f"must not contain control characters (found U+{ord(found):04X})")
        return value


class PatchModel(WriteModel):
    """A partial update: absent fields stay as they are; `null` is refused for the fields listed here."""

    non_nullable: ClassVar[frozenset[str]] = frozenset()
    # Translated text maps (TranslationsPatch fields) -> the languages they must keep.
    translated: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def changes_to(self, record: Any) -> dict[str, Any]:
        """The fields sent, each translated text map merged per language into the record's: a PATCH of the
        English text keeps the Spanish one."""
        changes = self.model_dump(exclude_unset=True)
        for name, required in self.translated.items():
            if changes.get(name) is not None:
                changes[name] = merge_translations(name, getattr(record, name) or {}, changes[name], required)
        return changes

    @field_validator("*", mode="before")
    @classmethod
    def _no_null_for_required(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name in cls.non_nullable:
            raise ValueError("may not be null")
        return value


def _admits_none(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation)


def patch_of(
    create: type[WriteModel],
    name: str,
    *,
    doc: str = "Only the fields sent change. Fields that a record must have may not be set to null.",
    exclude: Collection[str] = (),
) -> type[PatchModel]:
    """The partial update of what `create` describes, so that each field is declared once: every field of
    `create` but `exclude`, optional with its constraints and description; `null` refused where `create` does not
    take it; text maps marked with RequiredLanguages changed per language (TranslationsPatch)."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    non_nullable: set[str] = set()
    translated: dict[str, tuple[str, ...]] = {}
    for field_name, field in create.model_fields.items():
        if field_name in exclude:
            continue
        if not _admits_none(field.annotation):
            non_nullable.add(field_name)
        languages = next((marker.tags for marker in field.metadata if isinstance(marker, RequiredLanguages)), None)
        if languages is not None:
            translated[field_name] = languages
            annotations[field_name] = TranslationsPatch | None
            namespace[field_name] = None
            continue
        constrained: Any = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        annotations[field_name] = constrained if _admits_none(field.annotation) else constrained | None
        # The examples stay with the create schema: a patch sends only some fields.
        namespace[field_name] = Field(default=None, description=field.description)

    def body(ns: dict[str, Any]) -> None:
        ns.update(namespace)
        ns.update(
            __annotations__=annotations,
            __doc__=doc,
            __module__=create.__module__,
            __qualname__=name,
            non_nullable=frozenset(non_nullable),
            translated=translated,
            multiline_fields=create.multiline_fields,
        )

    return types.new_class(name, (PatchModel,), exec_body=body)


def _http_url(value: str) -> str:
    url = HttpUrl(value)
    return str(url)


HttpUrlText = Annotated[str, StringConstraints(max_length=500), AfterValidator(_http_url)]


def check_age_range(min_age: int | None, max_age: int | None) -> None:
    if min_age is not None and max_age is not None and min_age > max_age:
        raise InvalidParameterError("body", "max_age", "must be greater than or equal to min_age")


def check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise InvalidParameterError("body", "longitude", "latitude and longitude go together: give both or neither")
