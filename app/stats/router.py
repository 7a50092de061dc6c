from fastapi import APIRouter

from app.auth.dependencies import NEVER_CACHED, CurrentUser
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.stats import service
from app.stats.dependencies import CoverageScopeDep
from app.stats.models import Coverage

router = APIRouter(prefix="/stats", tags=["Coverage"], dependencies=[NEVER_CACHED])


@router.get(
    "/coverage",
    summary="Coverage of the directory and its gaps (signed in)",
    description="The Technical Secretariat's map of gaps. Per country: published, active institutions and "
    "emergency services per service type (tagged with the type itself, and with the type or any type below it), "
    "the service types no record of the country provides, and per record type how many records were not verified "
    "in the last 12 months or lack coordinates, a phone or a Spanish description, how many reports of wrong "
    "data about them are open and how many are due to be confirmed again; with totals, and the records with open "
    "reports. Per editor, the "
    "latest activity in the audit trail (administrators see every editor, editors only themselves, viewers "
    "nobody).\n\n"
    "Any active account may ask; the answer covers only the countries it may read (administrators: all). "
    "Asking with `country` for a country the account may not read is refused with 403. Never cached.",
    responses=error_responses(401, 403, 422),
)
async def get_coverage(
    user: CurrentUser, scope: CoverageScopeDep, session: SessionDep, settings: SettingsDep
) -> Coverage:
    return await service.coverage(session, settings, user=user, scope=scope)
