"""The write routes every curated record type has, declared once: POST, PATCH, DELETE and POST …/verify.

Each record type supplies its schemas, its lookup of an editable record and its create/update services; the
routes, their documentation and their error responses are the same for all.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import EditorUser
from app.auth.models import User
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.http.etags import IfMatchDep, set_etag
from app.core.i18n import Localizer, LocalizerDep
from app.curation import service as curation

R = TypeVar("R", bound=Any)

WRITE_ERRORS = error_responses(401, 403, 404, 412, 413, 422, 428)


def add_write_routes(
    router: APIRouter,
    *,
    noun: str,
    entity: str,
    id_param: str,
    create_model: type[BaseModel],
    update_model: type[BaseModel],
    public_model: type[BaseModel],
    present: Callable[[R, Localizer], BaseModel],
    editable: Callable[..., Awaitable[R]],
    create: Callable[[AsyncSession, User, Any], Awaitable[R]],
    update: Callable[[AsyncSession, User, R, Any, list[str]], Awaitable[None]],
) -> None:
    record_path = "/{" + id_param + "}"
    Editable = Depends(editable)

    @router.post(
        "",
        status_code=status.HTTP_201_CREATED,
        name=f"create_{entity}",
        response_model=public_model,
        summary=f"Create {noun}",
        description="Editors may create records of the countries on their account; administrators of any country. "
        "The answer carries the new record's `ETag` and `Location`.",
        responses=error_responses(401, 403, 413, 422),
    )
    async def create_record(
        data: create_model,  # type: ignore[valid-type]
        user: EditorUser,
        session: SessionDep,
        localizer: LocalizerDep,
        response: Response,
    ) -> BaseModel:
        record = await create(session, user, data)
        set_etag(response, record.version)
        response.headers["Location"] = f"{API_PREFIX}{router.prefix}/{record.id}"
        return present(record, localizer)

    @router.patch(
        record_path,
        name=f"update_{entity}",
        response_model=public_model,
        summary=f"Change {noun}",
        description="Send only the fields to change, with `If-Match: <ETag>` from your last GET. Moving a record to "
        "another country needs edit rights on both.",
        responses=WRITE_ERRORS,
    )
    async def update_record(
        data: update_model,  # type: ignore[valid-type]
        user: EditorUser,
        if_match: IfMatchDep,
        session: SessionDep,
        localizer: LocalizerDep,
        response: Response,
        record: Any = Editable,
    ) -> BaseModel:
        await update(session, user, record, data, if_match)
        set_etag(response, record.version)
        return present(record, localizer)

    @router.delete(
        record_path,
        name=f"delete_{entity}",
        status_code=status.HTTP_204_NO_CONTENT,
        summary=f"Delete {noun}",
        description="A soft delete, with `If-Match: <ETag>`: the record leaves the public directory but stays for "
        "the audit trail and for mobile sync.",
        responses=WRITE_ERRORS,
    )
    async def delete_record(
        user: EditorUser, if_match: IfMatchDep, session: SessionDep, record: Any = Editable
    ) -> None:
        await curation.delete(session, user, entity, record, if_match)

    @router.post(
        record_path + "/verify",
        name=f"verify_{entity}",
        response_model=public_model,
        summary=f"Mark {noun} verified",
        description="Records that you confirmed this version of the data today (sets `last_verified_at`), with "
        "`If-Match: <ETag>`.",
        responses=WRITE_ERRORS,
    )
    async def verify_record(
        user: EditorUser,
        if_match: IfMatchDep,
        session: SessionDep,
        localizer: LocalizerDep,
        response: Response,
        record: Any = Editable,
    ) -> BaseModel:
        await curation.verify(session, user, entity, record, if_match)
        set_etag(response, record.version)
        return present(record, localizer)
