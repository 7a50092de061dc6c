"""The write routes every curated record type has, declared once: POST, PATCH, DELETE and POST …/verify.

Each record type's description (RecordType) gives the schemas and the write path; its router gives the lookup of
an editable record; the routes, their documentation and their error responses are the same for all.
"""

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.auth.dependencies import EditorUser
from app.auth.models import User
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.http.etags import IfMatchDep, set_etag
from app.core.i18n import RecordLocalizerDep
from app.core.models import Published
from app.core.validation import PatchModel
from app.proposals import service as proposals
from app.proposals.models import Proposal, ProposalAction, ProposalPublic
from app.records import service
from app.records.dependencies import grant_every_language
from app.records.record_type import RecordType

R = TypeVar("R", bound=Published)
P = TypeVar("P", bound=BaseModel)
E = TypeVar("E", bound=Callable[..., Any])

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
        body, status_code=status.HTTP_202_ACCEPTED, headers={"Location": f"/api/v1/proposals/{item.id}"}
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


def add_write_routes(
    router: APIRouter, record_type: RecordType[R, P], *, id_param: str, editable: Callable[..., Awaitable[R]]
) -> None:
    record_path = "/{" + id_param + "}"
    kind, noun, present = record_type.kind, record_type.noun, record_type.present

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
        data: BaseModel, user: EditorUser, session: SessionDep, localizer: RecordLocalizerDep, response: Response
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
        grant_every_language(localizer, user, service.country_of(record), response)
        set_etag(response, record.version, localizer)
        response.headers["Location"] = f"{API_PREFIX}{router.prefix}/{record.id}"
        return present(record, localizer)

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
        localizer: RecordLocalizerDep,
        response: Response,
        record: Annotated[R, Depends(editable)],
    ) -> P | JSONResponse:
        changes = await service.check_update(session, user, record_type, record, data, if_match)
        countries = {record.country_code, changes.get("country_code", record.country_code)}  # type: ignore[attr-defined]
        if await proposals.review_needed(session, user, countries):
            item = proposals.proposal(
                user,
                record_type=kind,
                action=ProposalAction.update,
                payload=data.model_dump(mode="json", exclude_unset=True),
                country_code=record.country_code,  # type: ignore[attr-defined]
                record_id=record.id,
                base_version=record.version,
            )
            return await _proposed(session, user, item)
        await service.change(session, user, kind, record, changes)
        grant_every_language(localizer, user, service.country_of(record), response)
        set_etag(response, record.version, localizer)
        return present(record, localizer)

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
        user: EditorUser, if_match: IfMatchDep, session: SessionDep, record: Annotated[R, Depends(editable)]
    ) -> JSONResponse | None:
        service.check_delete(user, record, if_match)
        country = record.country_code  # type: ignore[attr-defined]
        if await proposals.review_needed(session, user, [country]):
            item = proposals.proposal(
                user,
                record_type=kind,
                action=ProposalAction.delete,
                payload={},
                country_code=country,
                record_id=record.id,
                base_version=record.version,
            )
            return await _proposed(session, user, item)
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
        localizer: RecordLocalizerDep,
        response: Response,
        record: Annotated[R, Depends(editable)],
    ) -> P:
        await service.verify(session, user, kind, record, if_match)
        grant_every_language(localizer, user, service.country_of(record), response)
        set_etag(response, record.version, localizer)
        return present(record, localizer)
