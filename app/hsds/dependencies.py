"""The HSDS query parameters shared by its lists: page, per_page, format, and the service filters."""

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from fastapi import Depends, Path, Query

from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.i18n import LocalizerDep
from app.hsds import service
from app.hsds.repository import ServiceFilters, Window
from app.hsds.service import Builder

_settings = get_settings()


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int
    ndjson: bool

    @property
    def window(self) -> Window:
        """The rows of this page; every row for ndjson, which streams the whole result without pages."""
        if self.ndjson:
            return Window()
        return Window(offset=(self.page - 1) * self.per_page, limit=self.per_page)


async def _paging(
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    per_page: Annotated[
        int, Query(ge=1, le=_settings.max_page_limit, description="How many items a page holds at most.")
    ] = _settings.default_page_limit,
    response_format: Annotated[
        Literal["json", "ndjson"],
        Query(
            alias="format",
            description="`json` (default): one page in the HSDS page shape. `ndjson`: every matching item, one JSON "
            "object per line (application/x-ndjson), without pages; `page` and `per_page` are ignored.",
        ),
    ] = "json",
) -> Paging:
    return Paging(page=page, per_page=per_page, ndjson=response_format == "ndjson")


PagingDep = Annotated[Paging, Depends(_paging)]


async def _builder(session: SessionDep, localizer: LocalizerDep) -> Builder:
    return await service.builder(session, localizer)


BuilderDep = Annotated[Builder, Depends(_builder)]

SearchQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="Free-text search over names, acronyms and descriptions in every language; case and accents "
        "are ignored, every word must match as the start of a word (`psicolog` finds `psicológica`).",
    ),
]
FullServiceQuery = Annotated[
    bool, Query(description="Nest each organization's services fully, instead of their one-to-one fields only.")
]
IdPath = Annotated[str, Path(max_length=64)]


async def _service_filters(
    session: SessionDep,
    build: BuilderDep,
    search: SearchQuery = None,
    taxonomy_term_id: Annotated[
        str | None,
        Query(
            max_length=64,
            description="Only services with this taxonomy term or a term below it (a parent term matches its "
            "children). Unknown ids get 422.",
        ),
    ] = None,
    taxonomy_id: Annotated[
        str | None,
        Query(max_length=64, description="Only services with a term of this taxonomy (this API has one)."),
    ] = None,
    organization_id: Annotated[
        str | None, Query(max_length=64, description="Only the services of this organization.")
    ] = None,
    modified_after: Annotated[
        datetime | None,
        Query(description="Only services modified on or after this date-time (ISO 8601; UTC when no offset)."),
    ] = None,
) -> ServiceFilters:
    return await service.resolve_service_filters(
        session,
        build,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
    )


ServiceFiltersDep = Annotated[ServiceFilters, Depends(_service_filters)]
