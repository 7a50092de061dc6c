"""Folding text for search: case and accents ignored, so "atencion" finds "Atención" and "nino" finds "niño"."""

import re
import unicodedata
from collections.abc import Iterable

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
