"""The write models as an import runs them: the same results, errors included, for less work per row.

An import validates each row with the API's write model, which costs most of an import's time in two checks: the
one for control characters (a Python call for every field of every row) and the email syntax (email-validator reads
the address a character at a time). Here, a row whose cells hold no control character is validated by the model
minus that check (it would find none), and a plain address (`name@domain`, a domain found valid before) is given the
value the full check gives it; any other row or address goes through the model's own checks, so that its errors are
the model's own.
"""

import re
from functools import cache, lru_cache
from typing import Any, get_args

from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES
from pydantic import BaseModel, EmailStr, ValidatorFunctionWrapHandler, field_validator
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

from app.core.text import control_character
from app.spreadsheets.layouts import Column, Kind

# A subset of the dot-atom local parts email-validator accepts as they are (ASCII: nothing to normalise).
_PLAIN_LOCAL_PART = re.compile(r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*")
_LOCAL_PART_MAX = 64
_ADDRESS_MAX = 254
_CASE_INSENSITIVE = frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)  # lowercased by the check


class PlainCells:
    """Tells whether no text a row's cells give can hold a control character, so that the write model would find
    none: each text value is a part of its cell, but for JSON (opening hours, phone labels), whose escapes may make
    one. Set up once for the sheet's columns."""

    def __init__(self, columns: list[Column | None], multiline: frozenset[str]) -> None:
        used = [(index, column) for index, column in enumerate(columns) if column is not None]
        self.lines = [index for index, column in used if column.field not in multiline]
        self.texts = [index for index, column in used if column.field in multiline]
        self.json = [index for index, column in used if column.kind in (Kind.json, Kind.phones)]

    def __call__(self, cells: list[str]) -> bool:
        if any("\\" in cells[index] for index in self.json):
            return False
        # Joined by a space, so that no control character spans two cells; a multi-line text keeps its breaks.
        lines = " ".join([cells[index] for index in self.lines])
        texts = " ".join([cells[index] for index in self.texts])
        return control_character(lines) is None and control_character(texts, multiline=True) is None


@lru_cache(maxsize=1024)
def _domain(domain: str) -> str | None:
    """The domain as the email check normalises it, None when it is not ASCII or not valid."""
    if not domain.isascii():
        return None
    try:
        _, address = validate_email(f"a@{domain}")
    except PydanticCustomError:
        return None
    return address.partition("@")[2]


def _plain_address(value: Any) -> str | None:
    """What the email check makes of a plain address, or None to let the check itself say."""
    if not isinstance(value, str):
        return None
    local, at, domain = value.partition("@")
    if not at or len(local) > _LOCAL_PART_MAX or not _PLAIN_LOCAL_PART.fullmatch(local):
        return None
    if local.lower() in _CASE_INSENSITIVE:
        return None
    normalised = _domain(domain)
    if normalised is None or len(local) + 1 + max(len(domain), len(normalised)) > _ADDRESS_MAX:
        return None
    return f"{local}@{normalised}"


def _email_fields(model: type[BaseModel]) -> list[str]:
    fields = model.model_fields.items()
    return [name for name, info in fields if EmailStr in (info.annotation, *get_args(info.annotation))]


@cache
def for_plain_rows(model: type[BaseModel]) -> type[BaseModel]:
    """The write model without its check for control characters, for the rows PlainCells finds none in, and with
    plain email addresses taken as the email check would give them."""
    emails = _email_fields(model)

    class Plain(model):  # type: ignore[valid-type,misc]
        # Replaces the inherited validator of this name, so that no field has it.
        @field_validator("__no_field__", mode="before", check_fields=False)
        @classmethod
        def _no_control_characters(cls, value: Any) -> Any:
            return value

        if emails:

            @field_validator(*emails, mode="wrap")
            @classmethod
            def _plain_email(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
                address = _plain_address(value)
                return handler(value) if address is None else address

    return Plain
