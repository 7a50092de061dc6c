from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.dependencies import NEVER_CACHED, CuratorUser
from app.core.clock import ClockDep
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.pagination import Page, PageDep
from app.reconfirmations import repository
from app.reconfirmations.dependencies import ReconfirmationCountriesDep
from app.reconfirmations.models import Reconfirmation
from app.reports.records import RecordType, record_types

router = APIRouter(prefix="/reconfirmations", tags=["Re-confirmation"], dependencies=[NEVER_CACHED])


@router.get(
    "",
    summary="Records due to be confirmed again (editors, reviewers and administrators)",
    description="Published records whose data was last confirmed (POST …/verify), or never confirmed since they "
    "were created, longer ago than the re-check interval of their type (RECONFIRM_MONTHS_*: 12 months, 3 for "
    "emergency services), or that will be within RECONFIRM_NOTICE_DAYS (30); the longest unconfirmed first. "
    "Confirming a record takes it off the list. Administrators see every country; editors and reviewers the "
    "countries on their account (asking with `country` for another is refused with 403). Never cached.",
    responses=error_responses(401, 403, 422),
)
async def list_reconfirmations(
    user: CuratorUser,
    countries: ReconfirmationCountriesDep,
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    now: ClockDep,
    record_type: Annotated[list[RecordType] | None, Query(description="Only these record types (repeatable).")] = None,
) -> Page[Reconfirmation]:
    items, total = await repository.due_records(
        session, settings, countries=countries, record_types=record_types(record_type), now=now, page=page
    )
    return page.page(items, total)
