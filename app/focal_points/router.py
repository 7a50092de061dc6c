from fastapi import APIRouter, Response

from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.filters import SEARCH_ORDER
from app.core.http.etags import set_etag
from app.core.pagination import Page, PageDep
from app.focal_points import repository
from app.focal_points.dependencies import (
    FocalPointFiltersDep,
    PublishedFocalPointDep,
    ReadableFocalPointDep,
    editable_focal_point,
)
from app.focal_points.models import (
    FOCAL_POINTS,
    FocalPointPrivate,
    FocalPointPublic,
)
from app.records.router import add_write_routes

router = APIRouter(prefix="/focal-points", tags=["Focal points"])


@router.get(
    "",
    summary="List focal points",
    description="The officials each country names as contact for a protection system, with their institutional "
    "contact only. Personal contacts are never published. Ordered by name.\n\n" + SEARCH_ORDER,
    responses=error_responses(422),
)
async def list_focal_points(
    session: SessionDep, filters: FocalPointFiltersDep, page: PageDep
) -> Page[FocalPointPublic]:
    records, total = await repository.list_public(session, filters, page)
    return page.of([FocalPointPublic.build(record) for record in records], total)


@router.get(
    "/{focal_point_id}",
    summary="Get one focal point",
    responses=error_responses(404, 422),
)
async def get_focal_point(focal_point: PublishedFocalPointDep, response: Response) -> FocalPointPublic:
    set_etag(response, focal_point.version)
    return FocalPointPublic.build(focal_point)


@router.get(
    "/{focal_point_id}/private",
    summary="Get one focal point with the personal contact",
    description="For signed-in accounts allowed to read the focal point's country (administrators, and editors "
    "and viewers with that country on their account). Never cached by shared caches.",
    responses=error_responses(401, 403, 404, 422),
)
async def get_focal_point_private(focal_point: ReadableFocalPointDep, response: Response) -> FocalPointPrivate:
    response.headers["Cache-Control"] = "private, no-store"
    set_etag(response, focal_point.version)
    return FocalPointPrivate.build_private(focal_point)


add_write_routes(router, FOCAL_POINTS, id_param="focal_point_id", editable=editable_focal_point)
