from fastapi import APIRouter, Response

from app.auth.dependencies import OPTIONAL_SIGN_IN, OptionalUser
from app.core.clock import ClockDep
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.filters import SEARCH_ORDER
from app.core.http.etags import set_etag
from app.core.i18n import LocalizerDep, RecordLocalizerDep
from app.core.pagination import Page, PageDep
from app.institutions import repository
from app.institutions.dependencies import InstitutionFiltersDep, PublishedInstitutionDep, editable_institution
from app.institutions.models import INSTITUTIONS, InstitutionPublic
from app.records.dependencies import grant_every_language
from app.records.router import add_write_routes

router = APIRouter(prefix="/institutions", tags=["Institutions"])


@router.get(
    "",
    summary="List institutions",
    description="Institutions that support migrant and refugee children, filtered and paged, ordered by name. "
    "Filters combine with AND; repeatable filters match any of their values. Records past their `valid_until` "
    "never show. A confidential location shows only its city and area.\n\n"
    "With `near` (and `radius_km`), only institutions within that distance are listed, nearest first, each with "
    "its `distance_km`; `total` counts those within the radius. Institutions whose location is confidential are "
    "never listed by distance. To find a consulate of your country near you: "
    "`kind=consulate&nationality=HN&near=14.0723,-87.1921&radius_km=100`.\n\n" + SEARCH_ORDER + " With `near`, `q` "
    "only filters: nearest first.",
    responses=error_responses(422),
)
async def list_institutions(
    session: SessionDep, filters: InstitutionFiltersDep, page: PageDep, localizer: LocalizerDep
) -> Page[InstitutionPublic]:
    found, total = await repository.list_public(session, filters, page)
    items = [InstitutionPublic.build(record, localizer, distance_km, now=filters.now) for record, distance_km in found]
    return page.of(items, total)


@router.get(
    "/{institution_id}",
    summary="Get one institution",
    description="The `ETag` header identifies this version of the record: send it as `If-Match` to change it.",
    responses=error_responses(403, 404, 422),
    openapi_extra=OPTIONAL_SIGN_IN,
)
async def get_institution(
    institution: PublishedInstitutionDep,
    localizer: RecordLocalizerDep,
    response: Response,
    now: ClockDep,
    user: OptionalUser,
) -> InstitutionPublic:
    grant_every_language(localizer, user, institution.country_code, response)
    set_etag(response, institution.version, localizer)
    return InstitutionPublic.build(institution, localizer, now=now)


add_write_routes(router, INSTITUTIONS, id_param="institution_id", editable=editable_institution)
