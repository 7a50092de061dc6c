"""The public directory as one JSON document (the CSV and XLSX files are written by app.spreadsheets.writer).

The files are built in a worker thread: a large export must not hold up the event loop. The public directory is
written page by page into a snapshot file (app.core.snapshots), never held whole in memory.
"""

import asyncio
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, Field, TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import API_PREFIX
from app.core.i18n import Localizer
from app.core.snapshots import SnapshotWriter
from app.core.types import utcnow
from app.sync import repository as sync_repository
from app.sync import service as sync
from app.sync.cursor import SyncCursor
from app.sync.models import AnyPublicRecord

JSON_MEDIA_TYPE = "application/json"
_SYNC_PAGE = 500
_DATETIME = TypeAdapter(datetime)


class DirectoryDump(BaseModel):
    generated_at: datetime
    sync_cursor: str = Field(
        description=f"Send as `since` to GET {API_PREFIX}/sync to get only what changed after this dump."
    )
    records: dict[str, list[AnyPublicRecord]] = Field(
        description="The public records by type: country, service_type, protection_system, institution, "
        "emergency_service, focal_point (public fields only)."
    )


class _NamedLists:
    """Writes `"a":[...],"b":[...]` an item at a time, items arriving name by name in the names' order; every name
    gets its list, empty or not."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.opened = -1  # the index of the list being written
        self.count = 0

    def _open_until(self, index: int, parts: list[bytes]) -> None:
        while self.opened < index:
            self.opened += 1
            self.count = 0
            parts.append(f'{"]," if self.opened else ""}"{self.names[self.opened]}":['.encode())

    def items(self, named: Sequence[tuple[str, BaseModel]]) -> bytes:
        parts: list[bytes] = []
        for name, item in named:
            self._open_until(self.names.index(name), parts)
            parts.append(b"," if self.count else b"")
            parts.append(item.model_dump_json().encode())
            self.count += 1
        return b"".join(parts)

    def end(self) -> bytes:
        parts: list[bytes] = []
        self._open_until(len(self.names) - 1, parts)
        return b"".join(parts) + b"]"


async def write_directory(session: AsyncSession, localizer: Localizer, writer: SnapshotWriter) -> dict[str, str]:
    """The whole public directory as one DirectoryDump document, written as it is read: the sync's full snapshot,
    page after page (records by type, in the sync's order). Returns the answer's own headers."""
    today = utcnow().date()
    current = await sync_repository.current_seq(session)
    # Every page answers at this one sequence value, which the dump's cursor continues from.
    cursor: SyncCursor | None = SyncCursor(base=-1, upto=current, day=today)
    generated_at = _DATETIME.dump_json(utcnow()).decode()
    following = SyncCursor(base=current, day=today).encode()
    await writer.write(f'{{"generated_at":{generated_at},"sync_cursor":"{following}","records":{{'.encode())
    lists = _NamedLists([kind.name for kind in sync.KINDS])
    while cursor is not None:
        page = await sync.sync_page(session, cursor, [], _SYNC_PAGE, localizer)
        session.expunge_all()  # read once, written once: nothing to keep
        named = [(c.type, c.record) for c in page.changes if c.op == "upsert" and c.record is not None]
        await writer.write(await asyncio.to_thread(lists.items, named))
        cursor = SyncCursor.decode(page.next) if page.has_more else None
    await writer.write(lists.end() + b"}}")
    return {"content-disposition": 'attachment; filename="directory.json"'}
