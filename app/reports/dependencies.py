from typing import Annotated

from fastapi import Depends, Path, Request

from app.auth.dependencies import CuratorUser, CurrentUser
from app.auth.models import Role, User
from app.auth.throttle import LoginThrottle
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, found
from app.countries.dependencies import CountryFilterDep
from app.reports import repository
from app.reports.models import Report
from app.reports.records import FollowedRecord, RecordType, get_existing


def may_handle_reports(user: User, country_code: str) -> bool:
    """Who reads and handles the reports of a country: administrators, its editors and its reviewers."""
    return user.may_edit_country(country_code) or user.may_review_country(country_code)


async def _report_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.report_throttle
    return throttle


def scoped_countries(user: User, requested: list[str] | None, what: str) -> list[str] | None:
    """The countries whose follow-up (reports, re-confirmations) the account reads: those asked for, each one it may
    handle (else 403, so that an answer never looks complete when it is not); or all it may handle (None: every
    country, for administrators)."""
    if requested is not None:
        refused = [code for code in requested if not may_handle_reports(user, code)]
        if refused:
            raise ForbiddenError(f"Your account may not read {what} of: {', '.join(refused)}.")
        return requested
    return None if user.role == Role.admin else user.countries


async def _report_countries(user: CuratorUser, requested: CountryFilterDep) -> list[str] | None:
    return scoped_countries(user, requested, "reports")


ReportIdPath = Annotated[str, Path(max_length=64, description="The report's id.")]


async def _handled_report(user: CuratorUser, session: SessionDep, report_id: ReportIdPath) -> Report:
    report = found(await repository.get(session, report_id), f"report with id '{report_id}'")
    if not may_handle_reports(user, report.country_code):
        raise ForbiddenError(f"Your account may not handle reports of country '{report.country_code}'.")
    return report


async def _followed_record(
    user: CurrentUser,
    session: SessionDep,
    record_type: Annotated[RecordType, Path(description="The record's type.")],
    record_id: Annotated[str, Path(max_length=64, description="The record's id.")],
) -> FollowedRecord:
    record = found(await get_existing(session, record_type, record_id), f"{record_type.value} with id '{record_id}'")
    if not user.may_read_country(record.country_code):
        raise ForbiddenError(f"Your account may not read private data of country '{record.country_code}'.")
    return record


ReportThrottleDep = Annotated[LoginThrottle, Depends(_report_throttle)]
ReportCountriesDep = Annotated[list[str] | None, Depends(_report_countries)]
HandledReportDep = Annotated[Report, Depends(_handled_report)]
FollowedRecordDep = Annotated[FollowedRecord, Depends(_followed_record)]
