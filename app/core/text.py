"""Folding text for search: case and accents ignored, so "atencion" finds "Atención" and "nino" finds "niño"."""

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# C0 controls, DEL and C1 controls. Invisible, and dropped by some spreadsheets: "\x01=HYPERLINK(...)" becomes a
# live formula once the \x01 is gone, whatever escape an export put in front of it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Multi-line text keeps its tabs and line breaks (LF, or CR LF as browsers send a textarea); a lone CR is refused.
_CONTROL_IN_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def search_document(parts: Iterable[str | None]) -> str:
    """The folded text a record is searched by: every name, acronym and translation, one line each."""
    return "\n".join(fold(part) for part in parts if part)


def search_terms(query: str) -> list[str]:
    return fold(query).split()


def control_character(value: Any, *, multiline: bool = False) -> str | None:
    """The first control character in `value`, a text or the texts nested in it (list items, dict keys and
    values); None when there is none. Dict keys (language tags) are single-line whatever `multiline` says."""
    if isinstance(value, str):
        match = (_CONTROL_IN_MULTILINE if multiline else _CONTROL).search(value)
        return match.group() if match else None
    if isinstance(value, dict):
        nested = [(key, False) for key in value] + [(item, multiline) for item in value.values()]
    elif isinstance(value, list | tuple):
        nested = [(item, multiline) for item in value]
    else:
        return None
    return next((found for item, lines in nested if (found := control_character(item, multiline=lines))), None)
