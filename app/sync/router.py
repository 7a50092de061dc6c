from typing import Annotated

from fastapi import APIRouter, Query

from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.i18n import LocalizerDep
from app.countries.dependencies import CountryFilterDep
from app.sync import service
from app.sync.models import SyncPage

router = APIRouter(prefix="/sync", tags=["Sync"])


@router.get(
    "",
    summary="Sync the directory for offline use",
    description="Without `since`: the whole public directory (countries, service types, protection systems, "
    "institutions, emergency services, focal points' public fields), optionally of some countries only, in pages. "
    "While `has_more` is true, call again at once with `since=<next>`. When it is false, keep `next`: the next "
    "time you sync, send it as `since` and you get only what changed, with `delete` entries for records deleted, "
    "made inactive, expired, or moved to a country you do not sync. A cursor never skips a change, even one that "
    "was being written while you synced. An unreadable cursor gets 422; one that cannot be answered any more "
    "gets 410: sync from scratch.",
    responses=error_responses(410, 422),
)
async def sync(
    session: SessionDep,
    localizer: LocalizerDep,
    countries: CountryFilterDep,
    since: Annotated[
        str | None, Query(max_length=2000, description="The `next` cursor of your previous sync page.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Changes per page at most.")] = 200,
) -> SyncPage:
    country_codes = countries or []
    cursor = service.parse_cursor(since, country_codes)
    return await service.sync_page(session, cursor, country_codes, limit, localizer)
