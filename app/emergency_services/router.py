from app.core.filters import SEARCH_ORDER
from app.emergency_services import repository
from app.emergency_services.dependencies import LOOKUPS, emergency_service_filters
from app.emergency_services.models import EMERGENCY_SERVICES, EmergencyServicePublic
from app.records.router import Listing, record_router

LISTING = Listing(
    filters=emergency_service_filters,
    list_public=repository.list_public,
    description="Rapid and emergency-response services (hotlines, 24-hour shelters, mobile teams), filtered and "
    "paged, ordered by name. A confidential location shows only its city and area.\n\n"
    "With `near` (and `radius_km`), only services within that distance are listed, nearest first, each with its "
    "`distance_km`; `total` counts those within the radius. Services whose location is confidential are never "
    "listed by distance. Services without coordinates (many hotlines) are left out too: list by `country` to "
    "find national lines.\n\n" + SEARCH_ORDER + " With `near`, `q` only filters: nearest first.",
)
router = record_router(EMERGENCY_SERVICES, LOOKUPS, LISTING, show=EmergencyServicePublic.build)
