from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from app.auth.dependencies import AdminUser
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import error_responses, found
from app.core.http.etags import IfMatchDep, set_etag
from app.core.i18n import LocalizerDep
from app.core.pagination import Page, ReferencePageDep
from app.core.urls import set_created
from app.service_types import repository, service
from app.service_types.models import ServiceType, ServiceTypeCreate, ServiceTypePublic, ServiceTypeUpdate

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
    return page.of(items, total)


async def _service_type_from_path(
    session: SessionDep, code: Annotated[str, Path(max_length=64, description="The service type's code.")]
) -> ServiceType:
    return found(await repository.get_by_code(session, code), f"service type with code '{code}'")


ServiceTypeDep = Annotated[ServiceType, Depends(_service_type_from_path)]


@router.get("/{code}", summary="Get one service type", responses=error_responses(404, 422))
async def get_service_type(
    service_type: ServiceTypeDep, localizer: LocalizerDep, response: Response
) -> ServiceTypePublic:
    set_etag(response, service_type.version, localizer)
    return ServiceTypePublic.build(service_type, localizer)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Add a service type (admin)",
    description="Names and descriptions in Spanish and English are required. The code is stable for ever.",
    responses=error_responses(401, 403, 409, 413, 422),
)
async def create_service_type(
    data: ServiceTypeCreate, admin: AdminUser, session: SessionDep, localizer: LocalizerDep, response: Response
) -> ServiceTypePublic:
    service_type = await service.create(session, admin, data)
    set_created(response, f"{API_PREFIX}/service-types/{service_type.code}", service_type.version, localizer)
    return ServiceTypePublic.build(service_type, localizer)


@router.patch(
    "/{code}",
    summary="Change a service type (admin)",
    description="Names, descriptions, parent or position, with `If-Match: <ETag>`.",
    responses=error_responses(401, 403, 404, 412, 413, 422, 428),
)
async def update_service_type(
    data: ServiceTypeUpdate,
    admin: AdminUser,
    service_type: ServiceTypeDep,
    if_match: IfMatchDep,
    session: SessionDep,
    localizer: LocalizerDep,
    response: Response,
) -> ServiceTypePublic:
    await service.update(session, admin, service_type, data, if_match)
    set_etag(response, service_type.version, localizer)
    return ServiceTypePublic.build(service_type, localizer)
