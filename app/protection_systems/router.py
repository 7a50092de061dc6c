from fastapi import APIRouter

from app.core.filters import SEARCH_ORDER
from app.protection_systems import repository
from app.protection_systems.dependencies import LOOKUPS
from app.protection_systems.models import PROTECTION_SYSTEMS
from app.records.dependencies import listed
from app.records.router import add_read_routes, add_write_routes, without_distance

router = APIRouter(prefix="/protection-systems", tags=["Protection systems"])

add_read_routes(
    router,
    PROTECTION_SYSTEMS,
    LOOKUPS,
    filters=listed,
    list_public=without_distance(repository.list_public),
    list_description="Each country's named child-protection systems and networks, ordered by name.\n\n" + SEARCH_ORDER,
)
add_write_routes(router, PROTECTION_SYSTEMS, LOOKUPS)
