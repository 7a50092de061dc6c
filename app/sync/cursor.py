"""The opaque sync cursor: where a client stands in the change sequence, and in a sync that spans pages."""

import base64
import binascii
import json
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

CURSOR_VERSION: Literal[1] = 1
# change_seq is a 32-bit column: a larger number cannot even be compared with it on PostgreSQL.
MAX_SEQ = 2**31 - 1


class InvalidCursorError(ValueError):
    """The cursor is not one this server made."""


class SyncCursor(BaseModel):
    """`base`: changes after this sequence value are wanted (-1: everything).
    `upto`: set while a sync spans pages, the sequence value the whole sync is answered at.
    `kind` / `seq` / `id`: the last record sent, when a sync spans pages.
    `day`: the UTC date of the sync, to send tombstones for records whose valid_until passed since.
    `countries`: the countries the sync was asked for (empty: all).

    A client sends back what it was given, but it can send anything: the decoded cursor is checked strictly
    (exact types, every key, bounded numbers and texts), so a crafted one is refused rather than reach a query."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    v: Literal[1] = CURSOR_VERSION
    base: int = Field(default=-1, ge=-1, le=MAX_SEQ)
    upto: int | None = Field(default=None, ge=0, le=MAX_SEQ)
    kind: int = Field(default=0, ge=0, le=100)
    seq: int = Field(default=-1, ge=-1, le=MAX_SEQ)
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{0,64}$")] = ""
    day: date | None = None
    countries: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], ...] = Field(default=(), max_length=300)

    def encode(self) -> str:
        raw = json.dumps(self.model_dump(mode="json"), separators=(",", ":"), sort_keys=True).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> "SyncCursor":
        try:
            # A str with characters outside ASCII is no base64: the decoder says so with a ValueError.
            raw = base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4))
            # pydantic's own JSON parser: bounded nesting, no float for an int, an ISO string for the day.
            cursor = cls.model_validate_json(raw)
        except (UnicodeEncodeError, binascii.Error, ValidationError) as error:
            raise InvalidCursorError(str(error)) from None
        if cursor.model_fields_set != set(cls.model_fields):
            raise InvalidCursorError("incomplete cursor")
        return cursor
