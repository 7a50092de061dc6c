from app.core.filters import SEARCH_ORDER
from app.protection_systems import repository
from app.protection_systems.dependencies import LOOKUPS
from app.protection_systems.models import PROTECTION_SYSTEMS
from app.records.dependencies import listed
from app.records.router import Listing, record_router, without_distance

LISTING = Listing(
    filters=listed,
    list_public=without_distance(repository.list_public),
    description="Each country's named child-protection systems and networks, ordered by name.\n\n" + SEARCH_ORDER,
)
router = record_router(PROTECTION_SYSTEMS, LOOKUPS, LISTING)
