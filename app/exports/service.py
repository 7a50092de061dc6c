"""The public directory as one JSON document (the CSV and XLSX files are written by app.spreadsheets.writer).

The files are built in a worker thread: a large export must not hold up the event loop.
"""

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.i18n import Localizer
from app.core.types import utcnow
from app.sync import service as sync
from app.sync.models import AnyPublicRecord

JSON_MEDIA_TYPE = "application/json"
_SYNC_PAGE = 1000


class DirectoryDump(BaseModel):
    generated_at: datetime
    sync_cursor: str = Field(
        description="Send as `since` to GET /api/v1/sync to get only what changed after this dump."
    )
    records: dict[str, list[AnyPublicRecord]] = Field(
        description="The public records by type: country, service_type, protection_system, institution, "
        "emergency_service, focal_point (public fields only)."
    )


async def directory(session: AsyncSession, localizer: Localizer) -> DirectoryDump:
    """The whole public directory: the sync's full snapshot, every page of it, in this one transaction."""
    records: dict[str, list[AnyPublicRecord]] = {kind.name: [] for kind in sync.KINDS}
    cursor = None
    while True:
        page = await sync.sync_page(session, cursor, [], _SYNC_PAGE, localizer)
        for change in page.changes:
            if change.op == "upsert" and change.record is not None:
                records[change.type].append(change.record)
        if not page.has_more:
            return DirectoryDump(generated_at=utcnow(), sync_cursor=page.next, records=records)
        cursor = sync.parse_cursor(page.next, [])
