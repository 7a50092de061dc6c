from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.dependencies import NEVER_CACHED, CuratorUser, client_address
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.pagination import Page, PageDep
from app.reports import repository, service
from app.reports.dependencies import FollowedRecordDep, HandledReportDep, ReportCountriesDep, ReportThrottleDep
from app.reports.models import (
    RecordReports,
    ReportCreate,
    ReportPrivate,
    ReportReceipt,
    ReportStatus,
    ReportUpdate,
)
from app.reports.records import RecordType, reconfirm_by
from app.reports.repository import ReportFilters

router = APIRouter(prefix="/reports", tags=["Reports"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Report wrong data",
    description="Tell the Technical Secretariat that a published record is wrong: the number does not answer, the "
    "place closed or moved, the hours are wrong, or something else (say what in `text`). No sign-in and no "
    "contact data needed: nothing about the sender is kept, not even the address. A few reports per hour are "
    "accepted from one address; past that, 429 with Retry-After.",
    responses=error_responses(413, 422, 429),
)
async def create_report(
    data: ReportCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    throttle: ReportThrottleDep,
    response: Response,
) -> ReportReceipt:
    address = client_address(request, settings.trusted_proxies)
    report = await service.submit(session, settings, throttle, data, address)
    response.headers["Cache-Control"] = "no-store"
    return ReportReceipt.model_validate(report, from_attributes=True)


@router.get(
    "",
    summary="Reports of wrong data (editors, reviewers and administrators)",
    description="Reports from the public, oldest first. Administrators read every country's; editors and reviewers "
    "those of the countries on their account (asking with `country` for another is refused with 403). Never cached.",
    responses=error_responses(401, 403, 422),
    dependencies=[NEVER_CACHED],
)
async def list_reports(
    user: CuratorUser,
    countries: ReportCountriesDep,
    session: SessionDep,
    page: PageDep,
    status: Annotated[ReportStatus | None, Query(description="Only reports in this state.")] = None,
    record_type: Annotated[RecordType | None, Query(description="Only reports about this type of record.")] = None,
    record_id: Annotated[str | None, Query(max_length=64, description="Only reports about this record.")] = None,
) -> Page[ReportPrivate]:
    filters = ReportFilters(countries=countries, status=status, record_type=record_type, record_id=record_id)
    reports, total = await repository.list_reports(session, filters, page)
    return page.page([ReportPrivate.build(r) for r in reports], total)


@router.patch(
    "/{report_id}",
    summary="Resolve or dismiss a report",
    description="Mark a report `resolved` (the record was corrected or confirmed) or `dismissed`, with a note. "
    "Administrators, and editors and reviewers of the report's country. Recorded in the audit trail; 409 when "
    "someone else handled it at the same moment.",
    responses=error_responses(401, 403, 404, 409, 413, 422),
)
async def handle_report(
    data: ReportUpdate, user: CuratorUser, report: HandledReportDep, session: SessionDep
) -> ReportPrivate:
    await service.handle(session, user, report, data)
    return ReportPrivate.build(report)


@router.get(
    "/records/{record_type}/{record_id}",
    summary="A record's open reports and re-confirmation date (signed in)",
    description="The private follow-up of one record, published or not: how many reports about it are open, and "
    "when its data is due to be confirmed again. For accounts that may read the record's country "
    "(administrators, and editors, reviewers and viewers with that country on their account). Never cached.",
    responses=error_responses(401, 403, 404, 422),
    dependencies=[NEVER_CACHED],
)
async def get_record_reports(
    record_type: RecordType,
    record: FollowedRecordDep,
    session: SessionDep,
    settings: SettingsDep,
) -> RecordReports:
    return RecordReports(
        record_type=record_type,
        record_id=record.id,
        country_code=record.country_code,
        open_reports=await repository.open_count(session, record_type, record.id),
        last_verified_at=record.last_verified_at,
        reconfirm_by=reconfirm_by(settings, record_type, record),
    )
