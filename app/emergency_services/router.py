from fastapi import APIRouter, Response

from app.auth.dependencies import OPTIONAL_SIGN_IN, OptionalUser
from app.core.clock import ClockDep
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.filters import SEARCH_ORDER
from app.core.http.etags import set_etag
from app.core.i18n import LocalizerDep, RecordLocalizerDep
from app.core.pagination import Page, PageDep
from app.emergency_services import repository
from app.emergency_services.dependencies import (
    EmergencyServiceFiltersDep,
    PublishedEmergencyServiceDep,
    editable_emergency_service,
)
from app.emergency_services.models import (
    EMERGENCY_SERVICES,
    EmergencyServicePublic,
)
from app.records.dependencies import grant_every_language
from app.records.router import add_write_routes

router = APIRouter(prefix="/emergency-services", tags=["Emergency services"])


@router.get(
    "",
    summary="List emergency services",
    description="Rapid and emergency-response services (hotlines, 24-hour shelters, mobile teams), filtered and "
    "paged, ordered by name. A confidential location shows only its city and area.\n\n"
    "With `near` (and `radius_km`), only services within that distance are listed, nearest first, each with its "
    "`distance_km`; `total` counts those within the radius. Services whose location is confidential are never "
    "listed by distance. Services without coordinates (many hotlines) are left out too: list by `country` to "
    "find national lines.\n\n" + SEARCH_ORDER + " With `near`, `q` only filters: nearest first.",
    responses=error_responses(422),
)
async def list_emergency_services(
    session: SessionDep, filters: EmergencyServiceFiltersDep, page: PageDep, localizer: LocalizerDep
) -> Page[EmergencyServicePublic]:
    found, total = await repository.list_public(session, filters, page)
    items = [
        EmergencyServicePublic.build(record, localizer, distance_km, now=filters.now) for record, distance_km in found
    ]
    return page.of(items, total)


@router.get(
    "/{service_id}",
    summary="Get one emergency service",
    responses=error_responses(403, 404, 422),
    openapi_extra=OPTIONAL_SIGN_IN,
)
async def get_emergency_service(
    service: PublishedEmergencyServiceDep,
    localizer: RecordLocalizerDep,
    response: Response,
    now: ClockDep,
    user: OptionalUser,
) -> EmergencyServicePublic:
    grant_every_language(localizer, user, service.country_code, response)
    set_etag(response, service.version, localizer)
    return EmergencyServicePublic.build(service, localizer, now=now)


add_write_routes(router, EMERGENCY_SERVICES, id_param="service_id", editable=editable_emergency_service)
