"""Offset pagination shared by every list: {"items", "total", "limit", "offset"}."""

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from app.core.config import get_settings

_settings = get_settings()

T = TypeVar("T")


class PageParams(BaseModel):
    limit: int
    offset: int


async def _page_params(
    limit: Annotated[
        int,
        Query(ge=1, le=_settings.max_page_limit, description="How many items to return at most."),
    ] = _settings.default_page_limit,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


async def _reference_page_params(
    limit: Annotated[
        int,
        Query(ge=1, le=_settings.max_page_limit, description="How many items to return at most."),
    ] = _settings.max_page_limit,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(_page_params)]
# Reference lists (countries, the taxonomy) are short: by default one page holds them all.
ReferencePageDep = Annotated[PageParams, Depends(_reference_page_params)]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="How many items match the filters, over all pages.")
    limit: int
    offset: int
