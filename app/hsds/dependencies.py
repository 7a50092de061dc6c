"""The HSDS query parameters shared by its lists: page, per_page, format, and the service filters."""

import math
from dataclasses import dataclass, field
from typing import Annotated, Literal

from fastapi import Depends, Path, Query, Request

from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.i18n import LocalizerDep
from app.core.pagination import link_header, page_size, page_size_query
from app.core.validation import UTCDateTimeInput
from app.hsds import service
from app.hsds.mapping import Builder
from app.hsds.repository import ServiceFilters, Window


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int
    ndjson: bool
    request: Request = field(compare=False, repr=False)

    @property
    def window(self) -> Window:
        """The rows of this page; every row for ndjson, which streams the whole result without pages."""
        if self.ndjson:
            return Window()
        return Window(offset=(self.page - 1) * self.per_page, limit=self.per_page)

    def link_header(self, total: int) -> str | None:
        """The RFC 8288 links to the first, previous, next and last pages that exist around this one."""
        last = max(math.ceil(total / self.per_page), 1)
        targets: dict[str, dict[str, int]] = {}
        if self.page > 1:
            targets["first"] = {"page": 1}
            targets["prev"] = {"page": min(self.page - 1, last)}
        if self.page < last:
            targets["next"] = {"page": self.page + 1}
            targets["last"] = {"page": last}
        return link_header(self.request, targets, {"per_page": self.per_page}) if targets else None


async def _paging(
    request: Request,
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    per_page: Annotated[int | None, page_size_query("How many items a page holds at most.")] = None,
    response_format: Annotated[
        Literal["json", "ndjson"],
        Query(
            alias="format",
            description="`json` (default): one page in the HSDS page shape. `ndjson`: every matching item, one JSON "
            "object per line (application/x-ndjson), without pages; `page` and `per_page` are ignored.",
        ),
    ] = "json",
) -> Paging:
    size = page_size("per_page", per_page, settings)
    return Paging(page=page, per_page=size, ndjson=response_format == "ndjson", request=request)


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
        UTCDateTimeInput | None,
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
