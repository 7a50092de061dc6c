import asyncio
import time
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.core.types import utcnow
from app.institutions.models import Institution
from app.sync.cursor import SyncCursor
from tests import factories

URL = "/api/v1/sync"


async def sync_all(client: httpx.AsyncClient, since: str | None = None, **params: Any) -> tuple[list[dict], str]:
    """Every change of one sync, following the pages; and the cursor for the next sync."""
    changes: list[dict] = []
    for _ in range(100):
        query = {**params, **({"since": since} if since else {})}
        response = await client.get(URL, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        changes.extend(page["changes"])
        since = page["next"]
        if not page["has_more"]:
            return changes, since
    raise AssertionError("the sync never finished")


def ids(changes: list[dict], kind: str, op: str = "upsert") -> set[str]:
    return {c["id"] for c in changes if c["type"] == kind and c["op"] == op}


async def test_full_sync_pages_through_every_public_record_once(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    public = [factories.institution() for _ in range(7)]
    hidden = [
        factories.institution(status="inactive"),
        factories.institution(valid_until=date.today() - timedelta(days=2)),
        factories.institution(deleted_at=utcnow()),
    ]
    focal_point = factories.focal_point()
    await factories.add(session, *public, *hidden, factories.emergency_service(), focal_point)

    changes, _ = await sync_all(client, limit=4)

    keys = [(c["type"], c["id"]) for c in changes]
    assert len(keys) == len(set(keys)), "a record was sent twice"
    assert ids(changes, "institution") == {r.id for r in public}
    assert len(ids(changes, "country")) == 11
    assert "emergency_response" in {c["record"]["code"] for c in changes if c["type"] == "service_type"}
    assert len(ids(changes, "emergency_service")) == len(ids(changes, "focal_point")) == 1
    assert all(c["op"] == "upsert" for c in changes)
    focal = str(next(c["record"] for c in changes if c["type"] == "focal_point"))
    assert focal_point.personal_email not in focal
    assert focal_point.personal_phone not in focal


async def test_delta_has_creates_updates_and_tombstones(client: httpx.AsyncClient, session: AsyncSession) -> None:
    updated, deleted, unpublished, untouched = (factories.institution() for _ in range(4))
    await factories.add(session, updated, deleted, unpublished, untouched)
    _, cursor = await sync_all(client)

    created = factories.institution(name="Created later")
    session.add(created)
    updated.name = "Updated name"
    deleted.deleted_at = utcnow()
    unpublished.status = "inactive"
    await session.commit()

    changes, next_cursor = await sync_all(client, since=cursor)
    assert ids(changes, "institution") == {created.id, updated.id}
    assert ids(changes, "institution", "delete") == {deleted.id, unpublished.id}
    assert next(c for c in changes if c["id"] == updated.id)["record"]["name"] == "Updated name"
    assert untouched.id not in {c["id"] for c in changes}

    again, _ = await sync_all(client, since=next_cursor)
    assert again == []


async def test_country_sync_sends_a_tombstone_when_a_record_moves_away(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    moving = factories.institution(country_code="GT")
    await factories.add(session, moving, factories.institution(country_code="HN"))
    first, cursor = await sync_all(client, country="GT")
    assert ids(first, "institution") == {moving.id}

    moving.country_code = "HN"
    await session.commit()
    changes, _ = await sync_all(client, since=cursor, country="GT")
    assert [(c["id"], c["op"]) for c in changes if c["type"] == "institution"] == [(moving.id, "delete")]


async def test_a_country_sync_lists_only_that_countrys_records(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """#10 item 12: a delta sync for BZ, even from a crafted old cursor, names no record of another country, but
    still tells of the records that left BZ."""
    bz_kept, bz_closed, bz_leaving, bz_returning = (factories.institution(country_code="BZ") for _ in range(4))
    gt_changed, gt_deleted, gt_closed, gt_arriving = (factories.institution(country_code="GT") for _ in range(4))
    gt_focal_point = factories.focal_point(country_code="GT", status="inactive")
    await factories.add(
        session, bz_kept, bz_closed, bz_leaving, bz_returning, gt_changed, gt_deleted, gt_closed, gt_arriving
    )
    _, cursor = await sync_all(client, country="BZ")

    bz_closed.status = "inactive"
    bz_leaving.country_code = "GT"
    bz_returning.country_code = "GT"
    gt_changed.name = "Nuevo nombre"
    gt_deleted.deleted_at = utcnow()
    gt_closed.status = "inactive"
    gt_arriving.country_code = "BZ"
    session.add(gt_focal_point)
    await session.commit()
    bz_returning.country_code = "BZ"
    await session.commit()

    changes, _ = await sync_all(client, since=cursor, country="BZ")
    assert ids(changes, "institution", "delete") == {bz_closed.id, bz_leaving.id}
    assert ids(changes, "institution") == {gt_arriving.id, bz_returning.id}
    assert {c["type"] for c in changes} == {"institution"}

    # A crafted cursor from before anything was written: every BZ record, and still no other country's.
    everything_since_the_start = SyncCursor(base=0, day=date.today(), countries=("BZ",)).encode()
    changes, _ = await sync_all(client, since=everything_since_the_start, country="BZ")
    assert ids(changes, "institution", "delete") == {bz_closed.id, bz_leaving.id}
    assert ids(changes, "institution") == {bz_kept.id, gt_arriving.id, bz_returning.id}
    assert not ids(changes, "focal_point", "delete")


async def test_records_that_expire_without_a_change_are_sent_as_deletions(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    expired = factories.institution(valid_until=date.today() - timedelta(days=2))
    await factories.add(session, expired)
    _, cursor = await sync_all(client)
    two_days_ago = SyncCursor(base=SyncCursor.decode(cursor).base, day=date.today() - timedelta(days=2))

    changes, _ = await sync_all(client, since=two_days_ago.encode())
    assert ids(changes, "institution", "delete") == {expired.id}


@pytest.mark.parametrize(
    ("since", "status", "code"),
    [
        ("not-a-cursor", 422, "invalid_parameter"),
        (SyncCursor(base=10**9).encode(), 410, "gone"),
    ],
)
async def test_unusable_cursors_get_a_clear_4xx(client: httpx.AsyncClient, since: str, status: int, code: str) -> None:
    response = await client.get(URL, params={"since": since})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


async def test_a_cursor_is_bound_to_its_countries(client: httpx.AsyncClient) -> None:
    _, cursor = await sync_all(client, country="GT")
    response = await client.get(URL, params={"since": cursor, "country": "HN"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "since"


async def waiting_for_a_lock(engine: AsyncEngine) -> bool:
    """PostgreSQL: whether a connection to this database waits for a lock that another transaction holds."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    # A connection of its own each time: within one transaction, pg_stat_activity keeps showing its first view.
    async with engine.connect() as connection:
        return bool((await connection.execute(text(query))).scalar_one())


async def blocked(racing: asyncio.Task[None], engine: AsyncEngine) -> bool:
    """Whether the writer in `racing`, which has sent its first write, waits for the other one to commit."""
    if engine.dialect.name == "postgresql":
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not racing.done():
            if await waiting_for_a_lock(engine):
                return not racing.done()
            await asyncio.sleep(0.01)
        return False
    # SQLite shows no one waiting for its write lock: a writer that was not blocked would be done by now.
    done, _ = await asyncio.wait({racing}, timeout=0.2)
    return not done


async def test_a_change_committed_after_a_sync_read_is_never_skipped(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """Two writers race; a client syncs while the first is still open. Every change reaches the client."""
    first, second = factories.institution(name="First"), factories.institution(name="Second")
    await factories.add(session, first, second)
    _, cursor = await sync_all(client)

    async with app.state.sessionmaker() as writer_one, app.state.sessionmaker() as writer_two:
        (await writer_one.get(Institution, first.id)).name = "First, changed"  # type: ignore[union-attr]
        await writer_one.flush()  # takes its sequence value now, commits later

        second_writes = asyncio.Event()

        def on_statement(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            if not statement.lstrip().upper().startswith("SELECT"):
                second_writes.set()

        async def second_writer() -> None:
            (await writer_two.get(Institution, second.id)).name = "Second, changed"  # type: ignore[union-attr]
            await writer_two.commit()

        engine = app.state.engine.sync_engine
        event.listen(engine, "before_cursor_execute", on_statement)
        try:
            racing = asyncio.create_task(second_writer())
            await asyncio.wait_for(second_writes.wait(), timeout=10)
        finally:
            event.remove(engine, "before_cursor_execute", on_statement)
        assert await blocked(racing, app.state.engine), "the second writer must wait for the first to commit"

        during, cursor_during = await sync_all(client, since=cursor)
        assert during == []

        await writer_one.commit()
        await asyncio.wait_for(racing, timeout=10)

    after, _ = await sync_all(client, since=cursor_during)
    names = {c["record"]["name"] for c in after if c["type"] == "institution"}
    assert names == {"First, changed", "Second, changed"}
