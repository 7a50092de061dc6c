from fastapi import APIRouter, Response, status

from app.auth.dependencies import AdminUser
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.http.etags import IfMatchDep, set_etag
from app.core.i18n import LocalizerDep
from app.core.pagination import Page, ReferencePageDep
from app.core.urls import set_created
from app.countries import repository, service
from app.countries.dependencies import CountryDep
from app.countries.models import CountryCreate, CountryPublic, CountryUpdate, RecordCounts
from app.stats import repository as stats

router = APIRouter(prefix="/countries", tags=["Countries"])


@router.get(
    "",
    summary="List countries",
    description="The RCM member countries, with how many published institutions, emergency services and focal "
    "points each has.",
    responses=error_responses(422),
)
async def list_countries(session: SessionDep, localizer: LocalizerDep, page: ReferencePageDep) -> Page[CountryPublic]:
    countries, total = await repository.list_countries(session, page)
    counts = await stats.record_counts(session)
    items = [CountryPublic.build(c, counts.get(c.code, RecordCounts()), localizer) for c in countries]
    return page.of(items, total)


@router.get(
    "/{code}",
    summary="Get one country",
    description="One country by its ISO 3166-1 alpha-2 code (case-insensitive), with its record counts.",
    responses=error_responses(404, 422),
)
async def get_country(
    country: CountryDep, session: SessionDep, localizer: LocalizerDep, response: Response
) -> CountryPublic:
    set_etag(response, country.version, localizer)
    counts = await stats.record_counts(session, country.code)
    return CountryPublic.build(country, counts.get(country.code, RecordCounts()), localizer)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Add a country (admin)",
    description="Names in Spanish and English are required.",
    responses=error_responses(401, 403, 409, 413, 422),
)
async def create_country(
    data: CountryCreate, admin: AdminUser, session: SessionDep, localizer: LocalizerDep, response: Response
) -> CountryPublic:
    country = await service.create(session, admin, data)
    set_created(response, f"{API_PREFIX}/countries/{country.code}", country.version, localizer)
    return CountryPublic.build(country, RecordCounts(), localizer)


@router.patch(
    "/{code}",
    summary="Change a country (admin)",
    description="Names, RCM membership or whether editors' changes need review (`review_required`), with "
    "`If-Match: <ETag>`.",
    responses=error_responses(401, 403, 404, 412, 413, 422, 428),
)
async def update_country(
    data: CountryUpdate,
    admin: AdminUser,
    country: CountryDep,
    if_match: IfMatchDep,
    session: SessionDep,
    localizer: LocalizerDep,
    response: Response,
) -> CountryPublic:
    await service.update(session, admin, country, data, if_match)
    set_etag(response, country.version, localizer)
    counts = await stats.record_counts(session, country.code)
    return CountryPublic.build(country, counts.get(country.code, RecordCounts()), localizer)
