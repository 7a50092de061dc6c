"""Query parameters that every public list takes, with their documentation."""

from datetime import date
from typing import Annotated

from fastapi import Query

from app.core.vocabulary import RecordStatus

StatusQuery = Annotated[
    RecordStatus, Query(description="Record status. Only active records are listed unless you ask otherwise.")
]
VerifiedSinceQuery = Annotated[
    date | None,
    Query(description="Only records whose data was last confirmed on or after this date (YYYY-MM-DD)."),
]
SearchQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="Free-text search over names, acronyms and descriptions in every language. Case and accents "
        "are ignored: `atencion` finds `Atención`, `nino` finds `niño`. Every word must match, as the start of a "
        "word: `psicolog` finds `psicológica`, `albergue` finds `albergues`; punctuation separates words. "
        "The records whose name holds every word come first (see the list's description).",
        examples=["atencion nino"],
    ),
]
# The order of a list searched with `q`, for the list routes' descriptions.
SEARCH_ORDER = (
    "With `q`, the records whose name holds every word of the query come first, then the other matches; each "
    "group in the usual order."
)
LanguageSpokenQuery = Annotated[
    list[str] | None,
    Query(
        alias="language",
        description="Only records where one of these languages is spoken (BCP 47 tags; repeatable, any-of).",
    ),
]
OpenNowQuery = Annotated[
    bool | None,
    Query(
        description="true: only records open at this moment in their own time zone, by their opening hours "
        "(services available 24 hours always are); false: only those closed now. Records whose hours or time zone "
        "are not known match neither (their `open_now` is null).",
    ),
]
