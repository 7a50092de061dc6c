from typing import Annotated

from fastapi import APIRouter, Query

from app.audit import repository
from app.audit.models import AuditEventPublic
from app.audit.repository import AuditFilters
from app.auth.dependencies import AdminUser
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.pagination import Page, PageDep
from app.core.validation import AwareDateTimeInput

router = APIRouter(prefix="/audit-events", tags=["Audit trail"])


@router.get(
    "",
    summary="The audit trail (admin)",
    description="Every change (create, update, delete, verify, account changes): who, when, what, and the "
    "fields before and after. Newest first.",
    responses=error_responses(401, 403, 422),
)
async def list_audit_events(
    admin: AdminUser,
    session: SessionDep,
    page: PageDep,
    entity_type: Annotated[
        str | None, Query(max_length=40, description="institution, emergency_service, focal_point, user, …")
    ] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    user_id: Annotated[str | None, Query(max_length=64, description="The account that made the change.")] = None,
    since: Annotated[
        AwareDateTimeInput | None, Query(description="On or after this time (ISO 8601 with offset).")
    ] = None,
    until: Annotated[AwareDateTimeInput | None, Query(description="Before this time (ISO 8601 with offset).")] = None,
) -> Page[AuditEventPublic]:
    filters = AuditFilters(entity_type=entity_type, entity_id=entity_id, actor_id=user_id, since=since, until=until)
    events, total = await repository.list_events(session, filters, page)
    items = [AuditEventPublic.build(event) for event in events]
    return page.of(items, total)
