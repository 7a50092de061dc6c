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

# A word: letters and digits of any script. Everything else (spaces, punctuation, symbols) separates words, as the
# SQLite full-text tokenizer (unicode61) does; PostgreSQL's parser then sees nothing but words either.
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a text: "Ak'alab', niños" gives ["ak", "alab", "ninos"]."""
    return _WORD.findall(fold(text))


def search_document(parts: Iterable[str | None]) -> str:
    """The text a record is searched by and the full-text indexes read: every name, acronym and translation, one
    line each, as folded words between single spaces."""
    return "\n".join(line for part in parts if part and (line := " ".join(words(part))))


def search_terms(query: str) -> list[str]:
    return words(query)


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
