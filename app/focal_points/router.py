from fastapi import APIRouter

from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.pagination import Page, PageDep
from app.focal_points import repository
from app.focal_points.dependencies import FocalPointFiltersDep, PublishedFocalPointDep
from app.focal_points.models import FocalPointPublic

router = APIRouter(prefix="/focal-points", tags=["Focal points"])


@router.get(
    "",
    summary="List focal points",
    description="The officials each country names as contact for a protection system, with their institutional "
    "contact only. Personal contacts are never published.",
    responses=error_responses(422),
)
async def list_focal_points(
    session: SessionDep, filters: FocalPointFiltersDep, page: PageDep
) -> Page[FocalPointPublic]:
    records, total = await repository.list_public(session, filters, page)
    return Page(
        items=[FocalPointPublic.build(record) for record in records],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/{focal_point_id}",
    summary="Get one focal point",
    responses=error_responses(404, 422),
)
async def get_focal_point(focal_point: PublishedFocalPointDep) -> FocalPointPublic:
    return FocalPointPublic.build(focal_point)
