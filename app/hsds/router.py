"""The Open Referral HSDS 3.0 read API under /hsds: the public directory as organizations, services, locations and
one taxonomy, for tools built for human-service directories. The profile is documented in docs/hsds-profile.md."""

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import asdict, dataclass, is_dataclass, replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import PlainTextResponse, StreamingResponse
from fastapi.types import DecoratedCallable
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import InvalidParameterError, NotFoundError, error_responses, reject_nul_characters
from app.core.snapshots import SnapshotsDep, SnapshotStore
from app.core.urls import public_url
from app.hsds import mapping, service
from app.hsds.dependencies import (
    BuilderDep,
    FullServiceQuery,
    IdPath,
    Paging,
    PagingDep,
    SearchQuery,
    ServiceFiltersDep,
)
from app.hsds.mapping import Builder
from app.hsds.models import (
    HsdsApiInfo,
    HsdsOrganization,
    HsdsPage,
    HsdsService,
    HsdsServiceAtLocation,
    HsdsTaxonomy,
    HsdsTaxonomyTerm,
)

NDJSON = "application/x-ndjson"
PROFILE_FILE = Path(__file__).resolve().parents[2] / "docs" / "hsds-profile.md"

router = APIRouter(prefix="/hsds", tags=["HSDS"], dependencies=[Depends(reject_nul_characters)])


_LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page of items; with format=ndjson, every item, one JSON object per line.",
        "content": {NDJSON: {"schema": {"type": "string"}}},
    },
    **error_responses(422),
}
# The lists of records: with format=ndjson, every item from a file built once per directory version.
_WHOLE_LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **_LIST_RESPONSES,
    200: {
        "description": "A page of items; with format=ndjson, every item, one JSON object per line, built once per "
        "directory version and language and served as a file: ETag (If-None-Match gets 304), one byte range with "
        "`Range` (206; `If-Range` honoured), brotli or gzip as accepted.",
        "content": {NDJSON: {"schema": {"type": "string"}}},
    },
    **error_responses(416),
}
_MARKDOWN: dict[int | str, dict[str, Any]] = {200: {"content": {"text/markdown": {"schema": {"type": "string"}}}}}


_ONE_RESPONSES = error_responses(404, 422)


def _route(path: str, **options: Any) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A read whose answer leaves out the properties it has no value for, as HSDS expects, rather than nulls."""
    return router.get(path, response_model_exclude_none=True, **options)


def _ndjson(items: Sequence[BaseModel], response: Response) -> StreamingResponse:
    """Every item, one JSON object per line; the language headers the localizer set go out with them."""

    async def lines() -> AsyncIterator[str]:
        for item in items:
            yield item.model_dump_json(exclude_none=True) + "\n"

    headers = {name: value for name, value in response.headers.items() if name in ("content-language", "vary")}
    return StreamingResponse(lines(), media_type=NDJSON, headers=headers)


def _paged(items: list[Any], total: int, paging: Paging, response: Response) -> Any:
    if paging.ndjson:
        return _ndjson(items, response)
    links = paging.link_header(total)
    if links:
        response.headers["Link"] = links
    return mapping.page_of(items, total, paging.page, paging.per_page)


def _stable(value: object) -> object:
    """`value` in a form whose repr does not depend on the process (sets sorted, dataclasses as sorted items)."""
    if is_dataclass(value) and not isinstance(value, type):
        return _stable(asdict(value))
    if isinstance(value, dict):
        return tuple(sorted((name, _stable(item)) for name, item in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(value))
    return value


@dataclass(frozen=True)
class _Answer:
    """What a list of records answers through: its request (snapshot keys, links), session and response, and the
    snapshots that serve whole lists."""

    request: Request
    session: AsyncSession
    snapshots: SnapshotStore
    response: Response


async def _answer(request: Request, session: SessionDep, snapshots: SnapshotsDep, response: Response) -> _Answer:
    return _Answer(request, session, snapshots, response)


AnswerDep = Annotated[_Answer, Depends(_answer)]


async def _listed(answer: _Answer, build: Builder, paging: Paging, listing: service.Listing[Any]) -> Any:
    """A page of `listing`; with format=ndjson, all of it from its snapshot: built once per directory version,
    language and parameters (as resolved, so that spellings of the same question share one), then served as a
    file."""
    if paging.ndjson:
        route = f"{answer.request.url.path}?{_stable(listing)!r}"
        key = await answer.snapshots.key(route, build.localizer, NDJSON)
        return await answer.snapshots.response(answer.request, key, service.ndjson_snapshot(listing.pages))
    items, total = await listing.page(answer.session, build, paging.window)
    return _paged(items, total, paging, answer.response)


def _in_memory(items: list[Any], paging: Paging, response: Response) -> Any:
    """Paging of a short list built in full (the taxonomy)."""
    window = paging.window
    end = None if window.limit is None else window.offset + window.limit
    return _paged(items[window.offset : end], len(items), paging, response)


# Documented without the trailing slash (clients and linters expect none); the slash keeps answering for links
# published before.
@router.get("/", include_in_schema=False)
@router.get(
    "",
    name="about_hsds",
    summary="About this HSDS API",
    description="The HSDS version this API follows, its profile and its OpenAPI document.",
    response_model_exclude_none=True,
)
async def about(request: Request) -> HsdsApiInfo:
    return HsdsApiInfo(
        version=mapping.HSDS_VERSION,
        profile=public_url(request, request.app.url_path_for("hsds_profile")),
        openapi_url=public_url(request, request.app.openapi_url),
    )


@router.get(
    "/profile",
    name="hsds_profile",
    summary="The HSDS profile of this API",
    description="The profile document (Markdown): how the directory maps to HSDS, and the `rcm_*` extension "
    "properties (translations, confidential locations, country, kind, demo data).",
    response_class=PlainTextResponse,
    responses={**_MARKDOWN, **error_responses(404)},
)
async def profile() -> PlainTextResponse:
    if not PROFILE_FILE.is_file():
        raise NotFoundError("The profile document is not installed with this server: see docs/hsds-profile.md.")
    return PlainTextResponse(PROFILE_FILE.read_text(encoding="utf-8"), media_type="text/markdown; charset=utf-8")


@_route(
    "/services",
    response_model=HsdsPage[HsdsService],
    summary="List services",
    description="Every published, active institution is one service (its service types are its taxonomy terms); "
    "every published, active emergency service is one service. Institutions' services come first, then emergency "
    "services, each by name.",
    responses=_WHOLE_LIST_RESPONSES,
)
async def list_services(
    answer: AnswerDep,
    build: BuilderDep,
    filters: ServiceFiltersDep,
    paging: PagingDep,
    full: Annotated[bool, Query(description="Nest each service fully (phones, schedules, locations...).")] = False,
    minimal: Annotated[
        bool, Query(description="Only `id`, `name`, `status` and `last_modified` of each service.")
    ] = False,
) -> Any:
    return await _listed(answer, build, paging, service.Services(filters, full=full, minimal=minimal))


@_route("/services/{id}", summary="Get one service, fully nested", responses=_ONE_RESPONSES)
async def get_service(session: SessionDep, build: BuilderDep, id: IdPath) -> HsdsService:
    return await service.get_service(session, build, id)


@_route(
    "/organizations",
    response_model=HsdsPage[HsdsOrganization],
    summary="List organizations",
    description="Published, active institutions, then the emergency services that have no published institution "
    "(each stands as its own organization, `rcm_kind` `service`), each by name.",
    responses=_WHOLE_LIST_RESPONSES,
)
async def list_organizations(
    answer: AnswerDep,
    build: BuilderDep,
    paging: PagingDep,
    search: SearchQuery = None,
    full_service: FullServiceQuery = False,
    full: Annotated[bool, Query(description="Nest each organization fully (contacts, phones, locations...).")] = False,
) -> Any:
    listing = service.Organizations(search, full=full, full_service=full_service)
    return await _listed(answer, build, paging, listing)


@_route(
    "/organizations/{id}",
    summary="Get one organization, fully nested",
    description="With its contacts (focal points, by their institutional contact only), phones, locations and "
    "services.",
    responses=_ONE_RESPONSES,
)
async def get_organization(
    session: SessionDep, build: BuilderDep, id: IdPath, full_service: FullServiceQuery = False
) -> HsdsOrganization:
    return await service.get_organization(session, build, id, full_service=full_service)


@_route(
    "/service_at_locations",
    response_model=HsdsPage[HsdsServiceAtLocation],
    summary="List services at their locations",
    description="One entry per service whose place is at least partly public. A confidential location shows "
    "only its city and area.",
    responses=_WHOLE_LIST_RESPONSES,
)
async def list_service_at_locations(
    answer: AnswerDep,
    build: BuilderDep,
    filters: ServiceFiltersDep,
    paging: PagingDep,
    full: Annotated[bool, Query(description="Nest each service fully.")] = False,
    postcode: Annotated[
        str | None, Query(max_length=20, description="Not supported: the directory holds no postal codes.")
    ] = None,
    proximity: Annotated[
        str | None, Query(max_length=20, description=f"Not supported (see `near` in {API_PREFIX} lists).")
    ] = None,
) -> Any:
    for name, value in (("postcode", postcode), ("proximity", proximity)):
        if value is not None:
            raise InvalidParameterError(
                "query", name, f"not supported: the directory holds no postal codes; use `near` on {API_PREFIX} lists"
            )
    listing = service.ServiceAtLocations(replace(filters, with_location=True), full=full)
    return await _listed(answer, build, paging, listing)


@_route("/service_at_locations/{id}", summary="Get one service at its location, fully nested", responses=_ONE_RESPONSES)
async def get_service_at_location(session: SessionDep, build: BuilderDep, id: IdPath) -> HsdsServiceAtLocation:
    return await service.get_service_at_location(session, build, id)


@_route(
    "/taxonomies",
    response_model=HsdsPage[HsdsTaxonomy],
    summary="List taxonomies",
    description="One taxonomy: the directory's service types.",
    responses=_LIST_RESPONSES,
)
async def list_taxonomies(build: BuilderDep, paging: PagingDep, response: Response, search: SearchQuery = None) -> Any:
    return _in_memory(service.list_taxonomies(build, search), paging, response)


@_route("/taxonomies/{id}", summary="Get one taxonomy", responses=_ONE_RESPONSES)
async def get_taxonomy(build: BuilderDep, id: IdPath) -> HsdsTaxonomy:
    return service.get_taxonomy(build, id)


@_route(
    "/taxonomy_terms",
    response_model=HsdsPage[HsdsTaxonomyTerm],
    summary="List taxonomy terms",
    description="The service types, in display order, with `parent_id` linking a term to the broader one.",
    responses=_LIST_RESPONSES,
)
async def list_taxonomy_terms(
    build: BuilderDep,
    paging: PagingDep,
    response: Response,
    search: SearchQuery = None,
    taxonomy_id: Annotated[str | None, Query(max_length=64, description="Only terms of this taxonomy.")] = None,
    top_only: Annotated[bool, Query(description="Only top-level terms (terms without a parent).")] = False,
    parent_id: Annotated[
        str | None, Query(max_length=64, description="Only the terms directly below this term.")
    ] = None,
) -> Any:
    terms = service.list_terms(build, search, taxonomy_id, top_only, parent_id)
    return _in_memory(terms, paging, response)


@_route("/taxonomy_terms/{id}", summary="Get one taxonomy term", responses=_ONE_RESPONSES)
async def get_taxonomy_term(build: BuilderDep, id: IdPath) -> HsdsTaxonomyTerm:
    return service.get_term(build, id)
