from fastapi import APIRouter

from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.i18n import LocalizerDep
from app.core.pagination import Page, ReferencePageDep
from app.service_types import repository
from app.service_types.models import ServiceTypePublic

router = APIRouter(prefix="/service-types", tags=["Service types"])


@router.get(
    "",
    summary="List service types",
    description="The controlled taxonomy of services, in display order. `parent_code` links a type to the broader "
    "type it belongs to; filtering a list by a parent type also matches its children.",
    responses=error_responses(422),
)
async def list_service_types(
    session: SessionDep, localizer: LocalizerDep, page: ReferencePageDep
) -> Page[ServiceTypePublic]:
    service_types, total = await repository.list_service_types(session, page)
    items = [ServiceTypePublic.build(service_type, localizer) for service_type in service_types]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)
