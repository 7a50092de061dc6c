"""What the routes of every record type take from the request: the record named by the id in the path, the
filters every public list has, and the languages of a record's answer."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from inspect import Parameter, Signature
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Path, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import OptionalUser
from app.auth.models import User
from app.core.clock import ClockDep
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, InvalidParameterError, NotFoundError
from app.core.filters import OpenNowQuery, SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.http.etags import set_etag
from app.core.i18n import Localizer, RecordLocalizerDep
from app.core.models import Published
from app.core.query import CommonFilters
from app.core.vocabulary import RecordStatus
from app.countries.dependencies import CountryFilterDep
from app.records import repository
from app.records.record_type import table_noun
from app.records.service import country_of

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


@dataclass(frozen=True)
class RecordLookups(Generic[R]):
    """The dependencies that load the record whose id is the path parameter `id_param`: `published` for the
    public routes (404 unless published), `editable` for the write routes (404 once deleted)."""

    id_param: str
    published: Callable[..., Awaitable[R]]
    editable: Callable[..., Awaitable[R]]


def record_lookups(table: type[R], id_param: str) -> RecordLookups[R]:
    # FastAPI names the path parameter after the dependency's parameter, and each record type keeps the name its
    # clients know (`institution_id`, `service_id`, ...): the signature FastAPI reads carries that name.
    record_id = Annotated[str, Path(max_length=64, description=f"The {table_noun(table)}'s id.")]
    signature = Signature(
        [
            Parameter("session", Parameter.KEYWORD_ONLY, annotation=SessionDep),
            Parameter(id_param, Parameter.KEYWORD_ONLY, annotation=record_id),
        ]
    )

    async def published_record(session: AsyncSession, **path: str) -> R:
        return await published(session, table, path[id_param])

    async def editable_record(session: AsyncSession, **path: str) -> R:
        return await editable(session, table, path[id_param])

    for lookup in (published_record, editable_record):
        target: Any = lookup
        target.__signature__ = signature
    return RecordLookups(id_param=id_param, published=published_record, editable=editable_record)


# The filters every public list takes. The query parameters of a dependency come before those of the
# dependencies it uses: these are split so that each list documents them in one order (its own filters, status,
# verified_since, q, open_now, country).
async def _searched(
    status: StatusQuery = RecordStatus.active, verified_since: VerifiedSinceQuery = None, q: SearchQuery = None
) -> CommonFilters:
    return CommonFilters(status=status, verified_since=verified_since, q=q)


async def _open_now(open_now: OpenNowQuery = None) -> bool | None:
    return open_now


SearchedDep = Annotated[CommonFilters, Depends(_searched)]


async def listed(searched: SearchedDep, countries: CountryFilterDep, now: ClockDep) -> CommonFilters:
    return replace(searched, countries=countries, now=now)


async def listed_by_hours(
    searched: SearchedDep,
    open_now: Annotated[bool | None, Depends(_open_now)],
    countries: CountryFilterDep,
    now: ClockDep,
) -> CommonFilters:
    """For the types with opening hours: also `open_now`."""
    return replace(searched, countries=countries, now=now, open_now=open_now)


ListedDep = Annotated[CommonFilters, Depends(listed)]
ListedByHoursDep = Annotated[CommonFilters, Depends(listed_by_hours)]


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


def translated_reading(published_record: Callable[..., Awaitable[Published]]) -> Callable[..., Awaitable[Localizer]]:
    """The languages of one published record's answer, for types with translated texts: `lang` (`*` for its
    country's editors), the ETag per language."""

    async def record_language(
        record: Annotated[Published, Depends(published_record)],
        localizer: RecordLocalizerDep,
        response: Response,
        user: OptionalUser,
    ) -> Localizer:
        grant_every_language(localizer, user, country_of(record), response)
        set_etag(response, record.version, localizer)
        return localizer

    return record_language


def untranslated_reading(published_record: Callable[..., Awaitable[Published]]) -> Callable[..., Awaitable[Localizer]]:
    """For types without translated texts: no `lang`, one ETag per version."""

    async def record_language(
        record: Annotated[Published, Depends(published_record)],
        response: Response,
        localizer: Annotated[Localizer, Depends(untranslated)],
    ) -> Localizer:
        set_etag(response, record.version)
        return localizer

    return record_language


async def untranslated(settings: SettingsDep) -> Localizer:
    """The localizer of an answer without translated texts: bound to no response, it sets no Content-Language,
    no Vary and no ETag."""
    return Localizer([], settings.fallback_languages)
