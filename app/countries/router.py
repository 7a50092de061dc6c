from fastapi import APIRouter

from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.i18n import LocalizerDep
from app.core.pagination import Page, ReferencePageDep
from app.countries import repository
from app.countries.dependencies import CountryDep
from app.countries.models import CountryPublic, RecordCounts

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
    counts = await repository.record_counts(session)
    items = [CountryPublic.build(c, counts.get(c.code, RecordCounts()), localizer) for c in countries]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/{code}",
    summary="Get one country",
    description="One country by its ISO 3166-1 alpha-2 code (case-insensitive), with its record counts.",
    responses=error_responses(404, 422),
)
async def get_country(country: CountryDep, session: SessionDep, localizer: LocalizerDep) -> CountryPublic:
    counts = await repository.record_counts(session, country.code)
    return CountryPublic.build(country, counts.get(country.code, RecordCounts()), localizer)
