"""Offset pagination shared by every list: {"items", "total", "limit", "offset"}, and RFC 8288 `Link` headers to
the first, previous, next and last pages, so that a client follows pages without computing offsets."""

from collections.abc import Mapping, Sequence
from typing import Annotated, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, Field, PrivateAttr

from app.core.config import get_settings

_settings = get_settings()

T = TypeVar("T")

LINK_DESCRIPTION = (
    'Links to the other pages (RFC 8288): `rel="first"` and `rel="prev"` past the first page, `rel="next"` and '
    '`rel="last"` before the last one; relative to this server unless it is configured with a public base URL.'
)


class PageParams(BaseModel):
    limit: int
    offset: int


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="How many items match the filters, over all pages.")
    limit: int
    offset: int


class PageRequest(PageParams):
    """The page a client asked for, and the answer it goes with: `of()` builds the page and its Link header."""

    _request: Request = PrivateAttr()
    _response: Response = PrivateAttr()

    def of(self, items: Sequence[T], total: int) -> Page[T]:
        targets: dict[str, dict[str, int]] = {}
        if self.offset > 0:
            targets["first"] = {"offset": 0}
            targets["prev"] = {"offset": max(self.offset - self.limit, 0)}
        if self.offset + self.limit < total:
            targets["next"] = {"offset": self.offset + self.limit}
            # On the grid of the next links, so that following `next` reaches it.
            targets["last"] = {"offset": self.offset + (total - self.offset - 1) // self.limit * self.limit}
        if targets:
            self._response.headers["Link"] = link_header(self._request, targets, {"limit": self.limit})
        return Page(items=list(items), total=total, limit=self.limit, offset=self.offset)


def link_header(request: Request, targets: Mapping[str, Mapping[str, int]], fixed: Mapping[str, int]) -> str:
    """`<url>; rel="…"` for each relation: this request's URL with the relation's and the `fixed` query parameters
    set (every other parameter kept, repeated ones too); relative unless PUBLIC_BASE_URL is set."""
    base = request.app.state.settings.public_base_url
    prefix = str(base or "").rstrip("/") + request.url.path
    links = []
    for rel, replaced in targets.items():
        changed = {**fixed, **replaced}
        kept = [(name, value) for name, value in request.query_params.multi_items() if name not in changed]
        query = urlencode([*kept, *((name, str(value)) for name, value in changed.items())])
        links.append(f'<{prefix}?{query}>; rel="{rel}"')
    return ", ".join(links)


def _page_request(request: Request, response: Response, limit: int, offset: int) -> PageRequest:
    page = PageRequest(limit=limit, offset=offset)
    page._request = request
    page._response = response
    return page


async def _page_params(
    request: Request,
    response: Response,
    limit: Annotated[
        int,
        Query(ge=1, le=_settings.max_page_limit, description="How many items to return at most."),
    ] = _settings.default_page_limit,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")] = 0,
) -> PageRequest:
    return _page_request(request, response, limit, offset)


async def _reference_page_params(
    request: Request,
    response: Response,
    limit: Annotated[
        int,
        Query(ge=1, le=_settings.max_page_limit, description="How many items to return at most."),
    ] = _settings.max_page_limit,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")] = 0,
) -> PageRequest:
    return _page_request(request, response, limit, offset)


PageDep = Annotated[PageRequest, Depends(_page_params)]
# Reference lists (countries, the taxonomy) are short: by default one page holds them all.
ReferencePageDep = Annotated[PageRequest, Depends(_reference_page_params)]
