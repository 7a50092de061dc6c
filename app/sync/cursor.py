"""The opaque sync cursor: where a client stands in the change sequence, and in a sync that spans pages."""

import base64
import binascii
import json
from dataclasses import asdict, dataclass, field
from datetime import date

CURSOR_VERSION = 1


class InvalidCursorError(ValueError):
    """The cursor is not one this server made."""


@dataclass(frozen=True)
class SyncCursor:
    """`base`: changes after this sequence value are wanted (-1: everything).
    `upto`: set while a sync spans pages, the sequence value the whole sync is answered at.
    `kind` / `seq` / `id`: the last record sent, when a sync spans pages.
    `day`: the UTC date of the sync, to send tombstones for records whose valid_until passed since.
    `countries`: the countries the sync was asked for (empty: all)."""

    base: int = -1
    upto: int | None = None
    kind: int = 0
    seq: int = -1
    id: str = ""
    day: date | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)

    def encode(self) -> str:
        payload = {"v": CURSOR_VERSION, **asdict(self), "day": self.day.isoformat() if self.day else None}
        raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> "SyncCursor":
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            payload = json.loads(raw)
            if not isinstance(payload, dict) or payload.pop("v", None) != CURSOR_VERSION:
                raise InvalidCursorError("unknown cursor version")
            day = payload.pop("day", None)
            countries = payload.pop("countries", [])
            cursor = cls(**payload, day=date.fromisoformat(day) if day else None, countries=tuple(countries))
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
            raise InvalidCursorError(str(error)) from None
        if not (isinstance(cursor.base, int) and isinstance(cursor.seq, int) and isinstance(cursor.id, str)):
            raise InvalidCursorError("malformed cursor")
        if cursor.upto is not None and not isinstance(cursor.upto, int):
            raise InvalidCursorError("malformed cursor")
        return cursor
