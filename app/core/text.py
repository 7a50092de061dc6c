"""Folding text for search: case and accents ignored, so "atencion" finds "Atención" and "nino" finds "niño"."""

import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def search_document(parts: Iterable[str | None]) -> str:
    """The folded text a record is searched by: every name, acronym and translation, one line each."""
    return "\n".join(fold(part) for part in parts if part)


def search_terms(query: str) -> list[str]:
    return fold(query).split()
