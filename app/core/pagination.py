"""Offset pagination shared by every list: {"items", "total", "limit", "offset"}, and RFC 8288 `Link` headers to
the first, previous, next and last pages, so that a client follows pages without computing offsets.

A page's default and largest size are settings of the app serving the request. A query parameter's declaration is
made once, at import, for every app, so it declares only what never changes (an integer of at least 1): the size
is defaulted and bounded here from the app's settings, and `document_page_limits` writes the same bounds into that
app's OpenAPI document.
"""

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, PrivateAttr

from app.core.config import Settings, SettingsDep

T = TypeVar("T")

LINK_DESCRIPTION = (
    'Links to the other pages (RFC 8288): `rel="first"` and `rel="prev"` past the first page, `rel="next"` and '
    '`rel="last"` before the last one; relative to this server unless it is configured with a public base URL.'
)


# Marks a page-size parameter in the generated schema; the value names the setting that is its default.
_PAGE_SIZE_MARK = "x-page-size-default"
PageSizeDefault = Literal["default_page_limit", "max_page_limit"]


def page_size_query(description: str, default: PageSizeDefault = "default_page_limit") -> Any:
    """A page-size query parameter: absent is None, which `page_size` turns into the app's default."""
    return Query(ge=1, description=description, json_schema_extra={_PAGE_SIZE_MARK: default})


def _default_size(settings: Settings, default: PageSizeDefault) -> int:
    return settings.max_page_limit if default == "max_page_limit" else settings.default_page_limit


def page_size(name: str, value: int | None, settings: Settings, default: PageSizeDefault = "default_page_limit") -> int:
    """The page size asked for, or the app's default; over the app's maximum, the same 422 as any bound."""
    if value is None:
        return _default_size(settings, default)
    maximum = settings.max_page_limit
    if value > maximum:
        raise RequestValidationError(
            [
                {
                    "type": "less_than_equal",
                    "loc": ("query", name),
                    "msg": f"Input should be less than or equal to {maximum}",
                    "input": value,
                    "ctx": {"le": maximum},
                }
            ]
        )
    return value


def document_page_limits(document: dict[str, Any], settings: Settings) -> None:
    """Write the app's page sizes into its OpenAPI document: each marked parameter becomes an integer from 1 to
    max_page_limit with its default."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", ()):
                schema = parameter.get("schema", {})
                if _PAGE_SIZE_MARK in schema:
                    parameter["schema"] = {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": settings.max_page_limit,
                        "default": _default_size(settings, schema[_PAGE_SIZE_MARK]),
                        "title": schema["title"],
                        "description": schema["description"],
                    }


class PageParams(BaseModel):
    limit: int
    offset: int

    def page(self, items: Sequence[T], total: int) -> "Page[T]":
        """This page of `items`, without Link header (`PageRequest.of` adds one)."""
        return Page(items=list(items), total=total, limit=self.limit, offset=self.offset)


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
        return self.page(items, total)


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


LimitQuery = Annotated[int | None, page_size_query("How many items to return at most.")]
ReferenceLimitQuery = Annotated[int | None, page_size_query("How many items to return at most.", "max_page_limit")]
OffsetQuery = Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")]


async def _page_params(
    request: Request, response: Response, settings: SettingsDep, limit: LimitQuery = None, offset: OffsetQuery = 0
) -> PageRequest:
    return _page_request(request, response, page_size("limit", limit, settings), offset)


async def _reference_page_params(
    request: Request,
    response: Response,
    settings: SettingsDep,
    limit: ReferenceLimitQuery = None,
    offset: OffsetQuery = 0,
) -> PageRequest:
    return _page_request(request, response, page_size("limit", limit, settings, "max_page_limit"), offset)


PageDep = Annotated[PageRequest, Depends(_page_params)]
# Reference lists (countries, the taxonomy) are short: by default one page holds them all.
ReferencePageDep = Annotated[PageRequest, Depends(_reference_page_params)]
