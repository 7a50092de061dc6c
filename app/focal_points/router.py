from fastapi import Response

from app.core.errors import error_responses
from app.core.filters import SEARCH_ORDER
from app.core.http.etags import set_etag
from app.focal_points import repository
from app.focal_points.dependencies import LOOKUPS, ReadableFocalPointDep, focal_point_filters
from app.focal_points.models import FOCAL_POINTS, FocalPointPrivate
from app.records.router import Listing, record_router, without_distance

LISTING = Listing(
    filters=focal_point_filters,
    list_public=without_distance(repository.list_public),
    description="The officials each country names as contact for a protection system, with their institutional "
    "contact only. Personal contacts are never published. Ordered by name.\n\n" + SEARCH_ORDER,
    # Names and institutional contacts: nothing to translate.
    translated=False,
)
router = record_router(FOCAL_POINTS, LOOKUPS, LISTING)


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
