"""Receiving a report (rate-limited per client, which is not stored) and handling it (audited)."""

import hashlib
import hmac

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from app.audit import repository as audit
from app.audit.models import AuditAction, snapshot
from app.auth.models import User
from app.auth.throttle import LoginThrottle, ThrottleKey
from app.core.config import Settings
from app.core.errors import ConflictError, InvalidParameterError, TooManyRequestsError
from app.core.types import utcnow
from app.reports import repository
from app.reports.models import Report, ReportCreate, ReportUpdate
from app.reports.records import get_published

ENTITY = "report"


def client_key(settings: Settings, address: str) -> str:
    """A keyed hash of the client's address: the counters can tell two clients apart, but nobody who reads them
    can tell which addresses they were (an unkeyed hash of an IPv4 address is undone by trying them all)."""
    secret = settings.secret_key.get_secret_value().encode()
    digest = hmac.new(secret, address[:64].encode(), hashlib.sha256).hexdigest()[:40]
    return f"report:client:{digest}"


async def submit(
    session: AsyncSession, settings: Settings, throttle: LoginThrottle, data: ReportCreate, client_address: str
) -> Report:
    verdict = await throttle.attempt([ThrottleKey(client_key(settings, client_address), settings.reports_per_client)])
    if verdict.retry_after is not None:
        wait = verdict.retry_after
        raise TooManyRequestsError(f"Too many reports from your address: try again in {wait} seconds.", wait)
    record = await get_published(session, data.record_type, data.record_id)
    if record is None:
        raise InvalidParameterError("body", "record_id", f"no published {data.record_type.value} with this id")
    report = Report(
        record_type=data.record_type.value,
        record_id=data.record_id,
        country_code=record.country_code,
        reason=data.reason.value,
        text=data.text,
    )
    return await repository.add(session, report)


async def handle(session: AsyncSession, user: User, report: Report, data: ReportUpdate) -> None:
    """Resolve or dismiss, with a note; the audit trail keeps who did it and what the report said before."""
    before = snapshot(report)
    report.status = data.status.value
    report.note = data.note
    report.handled_by_id = user.id
    report.handled_at = utcnow()
    try:
        await session.flush()
    except StaleDataError:
        raise ConflictError("Someone handled this report meanwhile: read it again.") from None
    await audit.record_event(
        session,
        actor=user,
        entity_type=ENTITY,
        entity_id=report.id,
        action=AuditAction.update,
        before=before,
        after=snapshot(report),
    )
