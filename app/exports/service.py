"""Writing records in the import layout, as CSV or XLSX, and the public directory as one JSON document.

The files are built in a worker thread: a large export must not hold up the event loop.
"""

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import API_PREFIX
from app.core.i18n import Localizer
from app.core.types import utcnow
from app.imports.layouts import Column, Layout, cell_value, template_notes
from app.sync import service as sync
from app.sync.models import AnyPublicRecord

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_MEDIA_TYPE = "application/json"
_SYNC_PAGE = 1000


def columns_for(layout: Layout, *, private: bool) -> list[Column]:
    """The layout's columns; without `private`, the personal-contact columns are left out."""
    return [column for column in layout.columns if private or not column.private]


def table(columns: Sequence[Column], records: Sequence[Any]) -> list[list[Any]]:
    return [[cell_value(column, record) for column in columns] for record in records]


def write_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM (so that spreadsheets read the accents right) and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]], layout: Layout | None = None) -> bytes:
    """An XLSX workbook: the data sheet, and with `layout` a second sheet documenting every column."""
    from openpyxl import Workbook  # heavy: loaded only when an XLSX is asked for
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: Any) -> Any:
        # XML cannot hold most control characters: they are dropped rather than failing the whole export.
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(list(headers))
    for row in rows:
        sheet.append([cell(value) for value in row])
    if layout is not None:
        notes = workbook.create_sheet("columns")
        notes.append(["header (English)", "header (Spanish)", "kind", "notes"])
        for note in template_notes(layout):
            notes.append(list(note))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class DirectoryDump(BaseModel):
    generated_at: datetime
    sync_cursor: str = Field(
        description=f"Send as `since` to GET {API_PREFIX}/sync to get only what changed after this dump."
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
