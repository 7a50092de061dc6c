"""The write routes every curated record type has, declared once: POST, PATCH, DELETE and POST …/verify.

Each record type's description (RecordType) gives the schemas and the write path; its router gives the lookup of
an editable record; the routes, their documentation and their error responses are the same for all.
"""

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel

from app.auth.dependencies import EditorUser
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.http_cache import IfMatchDep, set_etag
from app.core.i18n import RecordLocalizerDep
from app.core.models import Published
from app.core.validation import PatchModel
from app.records import service
from app.records.dependencies import grant_every_language
from app.records.record_type import RecordType

R = TypeVar("R", bound=Published)
P = TypeVar("P", bound=BaseModel)
E = TypeVar("E", bound=Callable[..., Any])

WRITE_ERRORS = error_responses(401, 403, 404, 412, 413, 422, 428)


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
        "The answer carries the new record's `ETag` and `Location`.",
        responses=error_responses(401, 403, 413, 422),
    )
    @_body(record_type.create)
    async def create_record(
        data: BaseModel, user: EditorUser, session: SessionDep, localizer: RecordLocalizerDep, response: Response
    ) -> P:
        record = await service.create(session, user, record_type, data)
        grant_every_language(localizer, user, service.country_of(record), response)
        set_etag(response, record.version, localizer)
        response.headers["Location"] = f"/api/v1{router.prefix}/{record.id}"
        return present(record, localizer)

    @router.patch(
        record_path,
        name=f"update_{kind}",
        response_model=record_type.public,
        summary=f"Change {noun}",
        description="Send only the fields to change, with `If-Match: <ETag>` from your last GET. Moving a record to "
        "another country needs edit rights on both.",
        responses=WRITE_ERRORS,
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
    ) -> P:
        await service.update(session, user, record_type, record, data, if_match)
        grant_every_language(localizer, user, service.country_of(record), response)
        set_etag(response, record.version, localizer)
        return present(record, localizer)

    @router.delete(
        record_path,
        name=f"delete_{kind}",
        status_code=status.HTTP_204_NO_CONTENT,
        summary=f"Delete {noun}",
        description="A soft delete, with `If-Match: <ETag>`: the record leaves the public directory but stays for "
        "the audit trail and for mobile sync.",
        responses=WRITE_ERRORS,
    )
    async def delete_record(
        user: EditorUser, if_match: IfMatchDep, session: SessionDep, record: Annotated[R, Depends(editable)]
    ) -> None:
        await service.delete(session, user, kind, record, if_match)

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
