"""Answering a sync page: a full snapshot, or the changes since a cursor, paged and never skipping a change."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import GoneError, InvalidParameterError
from app.core.i18n import Localizer
from app.core.models import Published
from app.core.types import utcnow
from app.countries.models import Country, CountryPublic, RecordCounts
from app.registry.record_types import BY_TABLE, RECORD_TYPES
from app.service_types.models import ServiceType, ServiceTypePublic
from app.sync import repository
from app.sync.cursor import InvalidCursorError, SyncCursor
from app.sync.models import AnyPublicRecord, SyncChange, SyncPage
from app.sync.repository import SyncedKind

KINDS = [
    SyncedKind("country", Country, Country.code, per_country=False),
    SyncedKind("service_type", ServiceType, ServiceType.id, per_country=False),
    *(SyncedKind(t.kind, t.table, t.table.id, per_country=True) for t in RECORD_TYPES),
]


def _present(record: Any, localizer: Localizer) -> AnyPublicRecord:
    if isinstance(record, Country):
        return CountryPublic.build(record, RecordCounts(), localizer)
    if isinstance(record, ServiceType):
        return ServiceTypePublic.build(record, localizer)
    public: AnyPublicRecord = BY_TABLE[type(record)].present(record, localizer)
    return public


def _key(kind: SyncedKind, record: Any) -> str:
    return str(getattr(record, kind.key.key))


def parse_cursor(token: str | None, countries: Sequence[str]) -> SyncCursor | None:
    if token is None:
        return None
    try:
        cursor = SyncCursor.decode(token)
    except InvalidCursorError:
        raise InvalidParameterError(
            "query", "since", "not a cursor of this API: send the `next` you were given"
        ) from None
    if tuple(countries) != cursor.countries:
        raise InvalidParameterError(
            "query", "since", "the cursor was made for other countries: sync with the same `country` values"
        )
    return cursor


async def sync_page(
    session: AsyncSession, cursor: SyncCursor | None, countries: Sequence[str], limit: int, localizer: Localizer
) -> SyncPage:
    now = utcnow()
    today = now.date()
    current = await repository.current_seq(session)
    cursor = cursor or SyncCursor(base=-1, day=today, countries=tuple(countries))
    if cursor.base > current or (cursor.upto or 0) > current:
        raise GoneError("This cursor is ahead of the directory (it was restored from a backup): sync from scratch.")
    first_page = cursor.upto is None
    upto = current if cursor.upto is None else cursor.upto
    full = cursor.base < 0
    changes: list[SyncChange] = []

    if first_page and not full and cursor.day is not None:
        for kind in KINDS:
            for key in await repository.expired_since(session, kind, cursor.day, now, countries):
                changes.append(SyncChange(type=kind.name, id=key, op="delete", record=None))
    if first_page and not full and countries:
        # The changes below are of these countries' records only; the records that left them are told here.
        for kind in KINDS:
            if kind.per_country:
                for key in await repository.departed_between(session, kind, countries, cursor.base, upto):
                    changes.append(SyncChange(type=kind.name, id=key, op="delete", record=None))

    position = (cursor.kind, cursor.seq, cursor.id) if not first_page else (0, -1, "")
    kind_index, after_seq, after_key = position
    while kind_index < len(KINDS) and len(changes) < limit:
        kind = KINDS[kind_index]
        visible = repository.visible(kind, countries, now)
        wanted = limit - len(changes)
        records = await repository.changed_records(
            session,
            kind,
            base=cursor.base,
            upto=upto,
            after=(after_seq, after_key),
            limit=wanted,
            only=visible if full else repository.of_countries(kind, countries),
        )
        for record in records:
            key = _key(kind, record)
            if _publicly_visible(kind, record, countries, now):
                changes.append(SyncChange(type=kind.name, id=key, op="upsert", record=_present(record, localizer)))
            else:
                changes.append(SyncChange(type=kind.name, id=key, op="delete", record=None))
        if len(records) < wanted:
            kind_index, after_seq, after_key = kind_index + 1, -1, ""
        else:
            after_seq, after_key = records[-1].change_seq, _key(kind, records[-1])

    if kind_index >= len(KINDS):
        following = SyncCursor(base=upto, day=today, countries=tuple(countries))
        return SyncPage(changes=changes, has_more=False, next=following.encode())
    following = SyncCursor(
        base=cursor.base,
        upto=upto,
        kind=kind_index,
        seq=after_seq,
        id=after_key,
        day=cursor.day,
        countries=tuple(countries),
    )
    return SyncPage(changes=changes, has_more=True, next=following.encode())


def _publicly_visible(kind: SyncedKind, record: Any, countries: Sequence[str], now: datetime) -> bool:
    """The Python twin of repository.visible, for records already loaded (the others are sent as deletions)."""
    if not isinstance(record, Published):
        return True
    in_countries = not countries or not kind.per_country or getattr(record, "country_code", None) in countries
    return record.is_public_at(now) and record.status == "active" and in_countries
