from app.core.filters import SEARCH_ORDER
from app.institutions import repository
from app.institutions.dependencies import LOOKUPS, institution_filters
from app.institutions.models import INSTITUTIONS, InstitutionPublic
from app.records.router import Listing, record_router

LISTING = Listing(
    filters=institution_filters,
    list_public=repository.list_public,
    description="Institutions that support migrant and refugee children, filtered and paged, ordered by name. "
    "Filters combine with AND; repeatable filters match any of their values. Records past their `valid_until` "
    "never show. A confidential location shows only its city and area.\n\n"
    "With `near` (and `radius_km`), only institutions within that distance are listed, nearest first, each with "
    "its `distance_km`; `total` counts those within the radius. Institutions whose location is confidential are "
    "never listed by distance. To find a consulate of your country near you: "
    "`kind=consulate&nationality=HN&near=14.0723,-87.1921&radius_km=100`.\n\n" + SEARCH_ORDER + " With `near`, `q` "
    "only filters: nearest first.",
    get_description="The `ETag` header identifies this version of the record: send it as `If-Match` to change it.",
)
router = record_router(INSTITUTIONS, LOOKUPS, LISTING, show=InstitutionPublic.build)
