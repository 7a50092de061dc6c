from fastapi import APIRouter, Response

from app.auth.dependencies import OPTIONAL_SIGN_IN, OptionalUser
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.filters import SEARCH_ORDER
from app.core.http.etags import set_etag
from app.core.i18n import LocalizerDep, RecordLocalizerDep
from app.core.pagination import Page, PageDep
from app.protection_systems import repository
from app.protection_systems.dependencies import (
    ProtectionSystemFiltersDep,
    PublishedProtectionSystemDep,
    editable_protection_system,
)
from app.protection_systems.models import (
    PROTECTION_SYSTEMS,
    ProtectionSystemPublic,
)
from app.records.dependencies import grant_every_language
from app.records.router import add_write_routes

router = APIRouter(prefix="/protection-systems", tags=["Protection systems"])


@router.get(
    "",
    summary="List protection systems",
    description="Each country's named child-protection systems and networks, ordered by name.\n\n" + SEARCH_ORDER,
    responses=error_responses(422),
)
async def list_protection_systems(
    session: SessionDep, filters: ProtectionSystemFiltersDep, page: PageDep, localizer: LocalizerDep
) -> Page[ProtectionSystemPublic]:
    records, total = await repository.list_public(session, filters, page)
    items = [ProtectionSystemPublic.build(record, localizer) for record in records]
    return page.of(items, total)


@router.get(
    "/{system_id}",
    summary="Get one protection system",
    responses=error_responses(403, 404, 422),
    openapi_extra=OPTIONAL_SIGN_IN,
)
async def get_protection_system(
    system: PublishedProtectionSystemDep, localizer: RecordLocalizerDep, response: Response, user: OptionalUser
) -> ProtectionSystemPublic:
    grant_every_language(localizer, user, system.country_code, response)
    set_etag(response, system.version, localizer)
    return ProtectionSystemPublic.build(system, localizer)


add_write_routes(router, PROTECTION_SYSTEMS, id_param="system_id", editable=editable_protection_system)
