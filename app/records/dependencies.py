"""The lookups of one record by the id in the path, for the routes of every record type."""

from typing import TypeVar

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.errors import ForbiddenError, InvalidParameterError, NotFoundError
from app.core.i18n import Localizer
from app.core.models import Published
from app.records import repository
from app.records.record_type import table_noun

R = TypeVar("R", bound=Published)


async def published(session: AsyncSession, table: type[R], record_id: str) -> R:
    record = await repository.get_public(session, table, record_id)
    if record is None:
        raise NotFoundError(f"No published {table_noun(table)} with id '{record_id}'.")
    return record


async def editable(session: AsyncSession, table: type[R], record_id: str) -> R:
    record = await repository.get_editable(session, table, record_id)
    if record is None:
        raise NotFoundError(f"No {table_noun(table)} with id '{record_id}'.")
    return record


def grant_every_language(localizer: Localizer, user: User | None, country_code: str, response: Response) -> None:
    """`lang=*` shows every translation, for the editors who may change the record: anonymous callers get 422 (a
    silent fallback would look like missing translations), accounts without the country 403."""
    if not localizer.every_language:
        return
    if user is None:
        raise InvalidParameterError(
            "query", "lang", "'*' (every language) is for editors of the record's country: sign in (again) first"
        )
    if not user.may_edit_country(country_code):
        raise ForbiddenError(f"Your account may not read every language of records of country '{country_code}'.")
    localizer.grant_every_language()
    response.headers["Cache-Control"] = "private, no-store"
