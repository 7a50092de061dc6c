"""The routes every curated record type has, declared once: GET of the list and of one record, and POST, PATCH,
DELETE and POST …/verify.

Each record type's description (RecordType) gives the schemas and the write path; its package gives the lookups of
one record (RecordLookups) and its list (Listing: filters, query, prose); the routes, their documentation and their
error responses are the same for all.
"""

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, Protocol, TypeVar

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import OPTIONAL_SIGN_IN, EditorUser
from app.auth.models import User
from app.core.clock import ClockDep
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.http.etags import IfMatchDep, set_etag
from app.core.i18n import Localizer, LocalizerDep, RecordLocalizerDep
from app.core.models import Published
from app.core.pagination import Page, PageDep, PageParams
from app.core.query import CommonFilters
from app.core.validation import PatchModel
from app.proposals import service as proposals
from app.proposals.models import Proposal, ProposalAction, ProposalPublic
from app.records import service
from app.records.dependencies import (
    RecordLookups,
    grant_every_language,
    translated_reading,
    untranslated,
    untranslated_reading,
)
from app.records.record_type import RecordType, table_noun

R = TypeVar("R", bound=Published)
P = TypeVar("P", bound=BaseModel)
F = TypeVar("F", bound=CommonFilters)
E = TypeVar("E", bound=Callable[..., Any])
R_contra = TypeVar("R_contra", bound=Published, contravariant=True)
P_co = TypeVar("P_co", bound=BaseModel, covariant=True)

# One page of published records, each with its distance from the filters' `near` (None without it), and the total.
Found = tuple[Sequence[tuple[R, float | None]], int]


class Show(Protocol[R_contra, P_co]):
    """A record as the public reads it, in a list (with its distance) or alone, open or not at `now`."""

    def __call__(
        self,
        record: R_contra,
        localizer: Localizer,
        distance_km: float | None = None,
        /,
        *,
        now: datetime | None = None,
    ) -> P_co: ...


WRITE_ERRORS = error_responses(401, 403, 404, 412, 413, 422, 428)
PROPOSED: dict[int | str, dict[str, Any]] = {
    202: {
        "model": ProposalPublic,
        "description": "Proposed: the record's country has review required and you are not an administrator. "
        "Nothing changes publicly until a reviewer or an administrator approves the proposal (`Location`).",
    }
}
REVIEW = (
    " In a country with review required, an editor's write is checked the same way and kept as a proposal: "
    "the answer is 202 with the proposal, and the record changes only when it is approved."
)


async def _proposed(session: SessionDep, user: User, item: Proposal) -> JSONResponse:
    await proposals.submit(session, user, item)
    body = ProposalPublic.build(item).model_dump(mode="json")
    return JSONResponse(
        body, status_code=status.HTTP_202_ACCEPTED, headers={"Location": f"{API_PREFIX}/proposals/{item.id}"}
    )


def _body(model: type[BaseModel]) -> Callable[[E], E]:
    """FastAPI reads the body's schema from the endpoint's signature, where the type checker sees only BaseModel:
    the signature names the record type's own model for `data`."""

    def with_body(endpoint: E) -> E:
        signature = inspect.signature(endpoint)
        parameters = [p.replace(annotation=model) if p.name == "data" else p for p in signature.parameters.values()]
        target: Any = endpoint
        target.__signature__ = signature.replace(parameters=parameters)
        return endpoint

    return with_body


def without_distance(
    list_public: Callable[[AsyncSession, F, PageParams], Awaitable[tuple[Sequence[R], int]]],
) -> Callable[[AsyncSession, F, PageParams], Awaitable[Found[R]]]:
    """The list of a record type that is never searched by distance, in the shape of those that are."""

    async def found(session: AsyncSession, filters: F, page: PageParams) -> Found[R]:
        records, total = await list_public(session, filters, page)
        return [(record, None) for record in records], total

    return found


@dataclass(frozen=True, kw_only=True)
class Listing(Generic[R, F]):
    """What a record type's public reads need of it: the dependency reading the list's query (`filters`), the
    query on the database (`list_public`), and what the list and the single record's route say
    (`description`, `get_description`); `translated`: whether its records have texts in several languages (`lang`,
    `Accept-Language`, `lang=*` for editors)."""

    filters: Callable[..., Awaitable[F]]
    list_public: Callable[[AsyncSession, F, PageParams], Awaitable[Found[R]]]
    description: str
    get_description: str | None = None
    translated: bool = True


def record_router(
    record_type: RecordType[R, P], lookups: RecordLookups[R], listing: Listing[R, F], *, show: Show[R, P] | None = None
) -> APIRouter:
    """The routes of a record type, under its plural (`/emergency-services`): list, get, create, change, delete
    and verify. `show`: the public model's builder when it takes the distance and the moment (by default the
    record type's `present`)."""
    words = record_type.plural.replace("_", " ")
    router = APIRouter(prefix="/" + words.replace(" ", "-"), tags=[words.capitalize()])
    add_read_routes(router, record_type, lookups, listing, show=show)
    add_write_routes(router, record_type, lookups)
    return router


def add_read_routes(
    router: APIRouter,
    record_type: RecordType[R, P],
    lookups: RecordLookups[R],
    listing: Listing[R, F],
    *,
    show: Show[R, P] | None = None,
) -> None:
    record_type_show = record_type.present

    def present(record: R, localizer: Localizer, distance_km: float | None = None, *, now: datetime | None = None) -> P:
        return record_type_show(record, localizer)

    shown = show or present
    translated, list_public = listing.translated, listing.list_public
    language = _list_language if translated else untranslated
    record_language = (translated_reading if translated else untranslated_reading)(lookups.published)

    @router.get(
        "",
        name=f"list_{record_type.plural}",
        response_model=_page_of(record_type.public),
        summary=f"List {record_type.plural.replace('_', ' ')}",
        description=listing.description,
        responses=error_responses(422),
    )
    async def list_records(
        session: SessionDep,
        chosen: Annotated[F, Depends(listing.filters)],
        page: PageDep,
        localizer: Annotated[Localizer, Depends(language)],
    ) -> Page[P]:
        found, total = await list_public(session, chosen, page)
        return page.of([shown(record, localizer, distance_km, now=chosen.now) for record, distance_km in found], total)

    @router.get(
        "/{" + lookups.id_param + "}",
        name=f"get_{record_type.kind}",
        response_model=record_type.public,
        summary=f"Get one {table_noun(record_type.table)}",
        description=listing.get_description,
        responses=error_responses(403, 404, 422) if translated else error_responses(404, 422),
        openapi_extra=OPTIONAL_SIGN_IN if translated else None,
    )
    async def get_record(
        record: Annotated[R, Depends(lookups.published)],
        localizer: Annotated[Localizer, Depends(record_language)],
        now: ClockDep,
    ) -> P:
        return shown(record, localizer, now=now)


def _page_of(item: type[BaseModel]) -> Any:
    """`Page[item]`, of a model known only at run time (a type checker reads only static arguments)."""
    generic: Any = Page
    return generic[item]


async def _list_language(localizer: LocalizerDep) -> Localizer:
    return localizer


def add_write_routes(router: APIRouter, record_type: RecordType[R, P], lookups: RecordLookups[R]) -> None:
    record_path = "/{" + lookups.id_param + "}"
    kind, noun, present = record_type.kind, record_type.noun, record_type.present

    async def answering(user: EditorUser, localizer: RecordLocalizerDep, response: Response) -> Callable[[R], P]:
        """How a write answers: with the record as its editor sees it, in every language when asked, and its new
        ETag."""

        def written(record: R) -> P:
            grant_every_language(localizer, user, service.country_of(record), response)
            set_etag(response, record.version, localizer)
            return present(record, localizer)

        return written

    async def propose(
        session: SessionDep, user: User, action: ProposalAction, record: R, payload: dict[str, Any]
    ) -> JSONResponse:
        item = proposals.proposal(
            user,
            record_type=kind,
            action=action,
            payload=payload,
            country_code=service.country_of(record),
            record_id=record.id,
            base_version=record.version,
        )
        return await _proposed(session, user, item)

    @router.post(
        "",
        status_code=status.HTTP_201_CREATED,
        name=f"create_{kind}",
        response_model=record_type.public,
        summary=f"Create {noun}",
        description="Editors may create records of the countries on their account; administrators of any country. "
        "The answer carries the new record's `ETag` and `Location`." + REVIEW,
        responses={**PROPOSED, **error_responses(401, 403, 413, 422)},
    )
    @_body(record_type.create)
    async def create_record(
        data: BaseModel,
        user: EditorUser,
        session: SessionDep,
        written: Annotated[Callable[[R], P], Depends(answering)],
        response: Response,
    ) -> P | JSONResponse:
        country = data.model_dump()["country_code"]
        if await proposals.review_needed(session, user, [country]):
            await service.check_create(session, user, record_type, data)
            payload = data.model_dump(mode="json")
            action = ProposalAction.create
            return await _proposed(
                session,
                user,
                proposals.proposal(user, record_type=kind, action=action, payload=payload, country_code=country),
            )
        record = await service.create(session, user, record_type, data)
        response.headers["Location"] = f"{API_PREFIX}{router.prefix}/{record.id}"
        return written(record)

    @router.patch(
        record_path,
        name=f"update_{kind}",
        response_model=record_type.public,
        summary=f"Change {noun}",
        description="Send only the fields to change, with `If-Match: <ETag>` from your last GET. Moving a record to "
        "another country needs edit rights on both." + REVIEW,
        responses={**PROPOSED, **WRITE_ERRORS},
    )
    @_body(record_type.update)
    async def update_record(
        data: PatchModel,
        user: EditorUser,
        if_match: IfMatchDep,
        session: SessionDep,
        written: Annotated[Callable[[R], P], Depends(answering)],
        record: Annotated[R, Depends(lookups.editable)],
    ) -> P | JSONResponse:
        changes = await service.check_update(session, user, record_type, record, data, if_match)
        country = service.country_of(record)
        if await proposals.review_needed(session, user, {country, changes.get("country_code", country)}):
            payload = data.model_dump(mode="json", exclude_unset=True)
            return await propose(session, user, ProposalAction.update, record, payload)
        await service.change(session, user, kind, record, changes)
        return written(record)

    @router.delete(
        record_path,
        name=f"delete_{kind}",
        status_code=status.HTTP_204_NO_CONTENT,
        response_model=None,
        summary=f"Delete {noun}",
        description="A soft delete, with `If-Match: <ETag>`: the record leaves the public directory but stays for "
        "the audit trail and for mobile sync." + REVIEW,
        responses={**PROPOSED, **WRITE_ERRORS},
    )
    async def delete_record(
        user: EditorUser, if_match: IfMatchDep, session: SessionDep, record: Annotated[R, Depends(lookups.editable)]
    ) -> JSONResponse | None:
        service.check_delete(user, record, if_match)
        if await proposals.review_needed(session, user, [service.country_of(record)]):
            return await propose(session, user, ProposalAction.delete, record, {})
        await service.delete(session, user, kind, record, if_match)
        return None

    @router.post(
        record_path + "/verify",
        name=f"verify_{kind}",
        response_model=record_type.public,
        summary=f"Mark {noun} verified",
        description="Records that you confirmed this version of the data today (sets `last_verified_at`), with "
        "`If-Match: <ETag>`.",
        responses=WRITE_ERRORS,
    )
    async def verify_record(
        user: EditorUser,
        if_match: IfMatchDep,
        session: SessionDep,
        written: Annotated[Callable[[R], P], Depends(answering)],
        record: Annotated[R, Depends(lookups.editable)],
    ) -> P:
        await service.verify(session, user, kind, record, if_match)
        return written(record)
