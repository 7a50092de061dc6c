"""The column layout of each resource type: one definition used by the import, the exports and the templates.

A cell is text in the file. Lists are separated by ';'. Phones are `number | kind | label` separated by ';', a
label Spanish text or its languages as JSON.
Booleans are true/false (yes/no, sí/no, 1/0 accepted). Dates are YYYY-MM-DD. Opening hours are the API's JSON.
Descriptions have one column per language (es, en, fr). Headers are accepted in English or Spanish, in any case
and with or without accents.
"""

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from app.core.models import Published
from app.core.text import fold
from app.records.record_type import RecordType
from app.registry.record_types import BY_PLURAL


class ResourceType(StrEnum):
    institutions = "institutions"
    emergency_services = "emergency_services"
    focal_points = "focal_points"
    protection_systems = "protection_systems"


class Kind(StrEnum):
    text = "text"
    number = "number"
    boolean = "boolean"
    date = "date"
    list = "list"
    phones = "phones"
    json = "json"
    localized = "localized"


# What a spreadsheet would read as a formula when the cell is opened: such text is exported with a leading
# apostrophe, which the import removes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# C0 and C1 control characters but line feed and tab: spreadsheet writers drop them (XML cannot hold most), which
# would bring text escaped behind one ("\x01=HYPERLINK(...)") back to a live formula; so they go before the escape.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DESCRIPTION_LANGUAGES = ("es", "en", "fr")
_TRUE = {"true", "yes", "si", "1", "verdadero", "x"}
_FALSE = {"false", "no", "0", "falso"}


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is for the person who fills the sheet."""


@dataclass(frozen=True)
class Column:
    name: str  # the English header, also the canonical one in exports
    spanish: str
    field: str  # the write model's field
    kind: Kind = Kind.text
    help: str = ""
    language: str | None = None  # for Kind.localized: the language of this column's text
    private: bool = False  # personal contact: exported only to accounts that may read it

    def aliases(self) -> set[str]:
        return {
            fold(self.name),
            fold(self.spanish),
            fold(self.name.replace("_", " ")),
            fold(self.spanish.replace("_", " ")),
        }


@dataclass(frozen=True)
class Layout:
    resource: ResourceType
    columns: tuple[Column, ...]
    phone_fields: tuple[str, ...] = ()
    name_field: str = "name"

    @property
    def record_type(self) -> RecordType[Any, Any]:
        return BY_PLURAL[self.resource.value]

    @property
    def entity(self) -> str:
        """The audit trail's entity type."""
        return self.record_type.kind

    @property
    def table(self) -> type[Published]:
        return self.record_type.table

    @property
    def create_model(self) -> type[BaseModel]:
        return self.record_type.create

    @property
    def link(self) -> Callable[[str], Any] | None:
        """The service-type link row, for the types that have them."""
        return self.record_type.link

    @property
    def references(self) -> Mapping[str, type[Published]]:
        """Id column -> the table it names."""
        return self.record_type.references

    def column_for(self, field_name: str) -> Column:
        return next((c for c in self.columns if c.field == field_name), self.columns[0])

    def headers(self, *, private: bool = True) -> list[str]:
        return [c.name for c in self.columns if private or not c.private]


def _col(name: str, spanish: str, field_name: str | None = None, kind: Kind = Kind.text, **extra: Any) -> Column:
    return Column(name=name, spanish=spanish, field=field_name or name, kind=kind, **extra)


_ID = _col(
    "id",
    "id",
    help="The API's id, filled in by exports; empty for new records. A row with it updates that record (and may "
    "give it an external_id).",
)
_EXTERNAL_ID = _col("external_id", "id_externo", help="Your country's own id for the record (required, unique).")
_COUNTRY = _col("country_code", "codigo_pais", help="ISO 3166-1 alpha-2 code, e.g. GT.")
_DESCRIPTIONS = tuple(
    _col(f"description_{tag}", f"descripcion_{tag}", "description", Kind.localized, language=tag)
    for tag in DESCRIPTION_LANGUAGES
)
_PLACE = (
    _col("address", "direccion"),
    _col("city", "ciudad"),
    _col("admin_area", "departamento"),
    _col("latitude", "latitud", kind=Kind.number),
    _col("longitude", "longitud", kind=Kind.number),
    _col("location_confidential", "ubicacion_confidencial", kind=Kind.boolean),
)
_PUBLICATION = (
    _col("status", "estado", help="active or inactive."),
    _col("valid_until", "vigente_hasta", kind=Kind.date),
    _col("source", "fuente"),
)

_NAME = _col("name", "nombre")
_SERVICE_TYPES = _col("service_types", "tipos_de_servicio", kind=Kind.list)
_PHONES = _col("phones", "telefonos", kind=Kind.phones)
_SCHEDULE = (_col("opening_hours", "horario", kind=Kind.json), _col("time_zone", "zona_horaria"))
_LANGUAGES = _col("languages", "idiomas", kind=Kind.list)
_WEBSITE = _col("website", "sitio_web")


def _layout(
    resource: ResourceType, *columns: Column, phone_fields: tuple[str, ...] = (), name_field: str = "name"
) -> Layout:
    """Every sheet starts with the record's ids and country and ends with its publication."""
    return Layout(
        resource=resource,
        phone_fields=phone_fields,
        name_field=name_field,
        columns=(_ID, _EXTERNAL_ID, _COUNTRY, *columns, *_PUBLICATION),
    )


_ALL_LAYOUTS = (
    _layout(
        ResourceType.institutions,
        _NAME,
        _col("acronym", "siglas"),
        _col("kind", "tipo", help="government, ngo, un_agency, consulate, …"),
        *_DESCRIPTIONS,
        _SERVICE_TYPES,
        _col("populations", "poblaciones", kind=Kind.list),
        _col("min_age", "edad_minima", kind=Kind.number),
        _col("max_age", "edad_maxima", kind=Kind.number),
        *_PLACE,
        _PHONES,
        _col("email", "correo"),
        _WEBSITE,
        *_SCHEDULE,
        _LANGUAGES,
        _col("emergency_response", "respuesta_emergencia", kind=Kind.boolean),
        _col("nationalities_served", "nacionalidades_atendidas", kind=Kind.list),
        phone_fields=("phones",),
    ),
    _layout(
        ResourceType.emergency_services,
        _NAME,
        _col("institution_id", "id_institucion", help="The API id of the institution that runs it."),
        *_DESCRIPTIONS,
        _SERVICE_TYPES,
        _PHONES,
        _col("available_24h", "disponible_24h", kind=Kind.boolean),
        *_SCHEDULE,
        _col("free_of_charge", "gratuito", kind=Kind.boolean),
        _col("coverage_national", "cobertura_nacional", kind=Kind.boolean),
        _col("coverage_areas", "areas_de_cobertura", kind=Kind.list),
        _LANGUAGES,
        *_PLACE,
        phone_fields=("phones",),
    ),
    _layout(
        ResourceType.focal_points,
        _col("full_name", "nombre_completo"),
        _col("position", "cargo"),
        _col("protection_system_id", "id_sistema_proteccion"),
        _col("institution_id", "id_institucion"),
        _col("topics", "temas", kind=Kind.list),
        _col("public_email", "correo_institucional"),
        _col("public_phone", "telefono_institucional"),
        _col("personal_email", "correo_personal", private=True, help="Never published."),
        _col("personal_phone", "telefono_personal", private=True, help="Never published."),
        phone_fields=("public_phone",),
        name_field="full_name",
    ),
    _layout(
        ResourceType.protection_systems,
        _NAME,
        *_DESCRIPTIONS,
        _col("lead_institution_id", "id_institucion_lider"),
        _WEBSITE,
    ),
)
LAYOUTS: dict[ResourceType, Layout] = {layout.resource: layout for layout in _ALL_LAYOUTS}


def match_headers(layout: Layout, headers: Sequence[str]) -> tuple[list[Column | None], list[str]]:
    """The column of each header (None for an unknown one, which is ignored) and the problems found."""
    by_alias = {alias: column for column in layout.columns for alias in column.aliases()}
    matched: list[Column | None] = []
    problems: list[str] = []
    seen: set[str] = set()
    for header in headers:
        column = by_alias.get(fold(header or ""))
        if column is not None and column.name in seen:
            problems.append(f"column '{header}' appears twice")
        if column is not None:
            seen.add(column.name)
        matched.append(column)
    if _EXTERNAL_ID.name not in seen and _ID.name not in seen:
        problems.append("the 'external_id' (id_externo) column is missing")
    if _COUNTRY.name not in seen:
        problems.append("the 'country_code' (codigo_pais) column is missing")
    return matched, problems


# Reading cells ---------------------------------------------------------------------------------------------------


def unescape(text: str) -> str:
    """Undo the export's formula escape: "'=x" is the text "=x"."""
    if len(text) > 1 and text[0] == ESCAPE and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _boolean(text: str) -> bool:
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellError("expected true or false (sí/no)")


def _phones(text: str) -> list[dict[str, Any]]:
    phones: list[dict[str, Any]] = []
    for item in text.split(";"):
        if not item.strip():
            continue
        parts = [part.strip() for part in item.split("|")]
        if len(parts) > 3:
            raise CellError("a phone is 'number | kind | label', separated from the next by ';'")
        phone: dict[str, Any] = {"number": parts[0].replace(" ", "")}
        if len(parts) > 1 and parts[1]:
            phone["kind"] = parts[1]
        if len(parts) > 2 and parts[2]:
            phone["label"] = _phone_label(parts[2])
        phones.append(phone)
    return phones


def _phone_label(text: str) -> str | dict[str, Any]:
    """A plain label (Spanish), or its languages as JSON: {"es": "Oficina", "en": "Office"}."""
    if not text.startswith("{"):
        return text
    try:
        labels = json.loads(text)
    except ValueError:
        labels = None
    if not isinstance(labels, dict):
        raise CellError('a phone label in several languages is JSON as in the API, e.g. {"es": "...", "en": "..."}')
    return labels


def read_cell(column: Column, raw: str) -> Any:
    """The value of a non-empty cell for the write model, or CellError. Formulas are refused, never evaluated."""
    if raw.startswith("="):
        raise CellError("formulas are not accepted: type the value itself (or start the cell with an apostrophe)")
    text = unescape(raw)
    if column.kind is Kind.text:  # most columns: tested first, for the import's hundreds of thousands of cells
        return text
    if column.kind is Kind.boolean:
        return _boolean(text)
    if column.kind is Kind.list:
        return [item.strip() for item in text.split(";") if item.strip()]
    if column.kind is Kind.phones:
        return _phones(text)
    if column.kind is Kind.json:
        try:
            return json.loads(text)
        except ValueError:
            raise CellError('expected JSON as in the API, e.g. {"periods": [...], "note": {"es": "..."}}') from None
    return text


# Writing cells ---------------------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text as a spreadsheet cell may hold it: control characters (but line feed and tab) removed, then text a
    spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection advice). Idempotent."""
    text = _CONTROL_CHARACTERS.sub("", text)
    return ESCAPE + text if text.startswith(FORMULA_STARTS) else text


def _phone_text(phone: dict[str, Any]) -> str:
    """`number | kind | label`: a label only in Spanish as its text (what an import reads a plain label as),
    any other as its languages in JSON, so that a file exported and imported again changes nothing."""
    parts = [str(phone.get("number", "")), str(phone.get("kind") or "voice")]
    labels: dict[str, str] = phone.get("label") or {}
    if list(labels) == ["es"]:
        parts.append(labels["es"])
    elif labels:
        parts.append(json.dumps(labels, ensure_ascii=False))
    return " | ".join(parts)


def cell_value(column: Column, record: Any) -> str | int | float | None:
    """The cell for `record` in `column`: numbers stay numbers, text as stored (the writers escape every text)."""
    if column.kind is Kind.localized:
        texts: dict[str, str] = getattr(record, column.field) or {}
        value: Any = texts.get(column.language or "")
    else:
        value = getattr(record, column.field)
    if value is None or value == [] or value == {}:
        return None
    if column.kind is Kind.number and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if column.kind is Kind.boolean:
        return "true" if value else "false"
    if column.kind is Kind.list:
        text = "; ".join(str(item) for item in value)
    elif column.kind is Kind.phones:
        text = "; ".join(_phone_text(phone) for phone in value)
    elif column.kind is Kind.json:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    elif column.kind is Kind.date:
        text = value.isoformat()
    else:
        text = str(value)
    return text


def template_notes(layout: Layout) -> list[tuple[str, str, str, str]]:
    """(English header, Spanish header, kind, help) per column: the template's second sheet / comment lines."""
    return [(c.name, c.spanish, c.kind.value, c.help) for c in layout.columns]
