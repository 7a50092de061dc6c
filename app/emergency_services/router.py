from fastapi import APIRouter

from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.i18n import LocalizerDep
from app.core.pagination import Page, PageDep
from app.emergency_services import repository
from app.emergency_services.dependencies import EmergencyServiceFiltersDep, PublishedEmergencyServiceDep
from app.emergency_services.models import EmergencyServicePublic

router = APIRouter(prefix="/emergency-services", tags=["Emergency services"])


@router.get(
    "",
    summary="List emergency services",
    description="Rapid and emergency-response services (hotlines, 24-hour shelters, mobile teams), filtered and "
    "paged, ordered by name. A confidential location shows only its city and area.",
    responses=error_responses(422),
)
async def list_emergency_services(
    session: SessionDep, filters: EmergencyServiceFiltersDep, page: PageDep, localizer: LocalizerDep
) -> Page[EmergencyServicePublic]:
    records, total = await repository.list_public(session, filters, page)
    items = [EmergencyServicePublic.build(record, localizer) for record in records]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/{service_id}",
    summary="Get one emergency service",
    responses=error_responses(404, 422),
)
async def get_emergency_service(
    service: PublishedEmergencyServiceDep, localizer: LocalizerDep
) -> EmergencyServicePublic:
    return EmergencyServicePublic.build(service, localizer)
