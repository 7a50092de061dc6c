"""The delta sync: a full sync for a cursor, ten changes through the app's ORM, then the delta on the wire."""

import argparse
import asyncio
import json
import time
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from app.core.config import Settings
from app.core.db import create_engine, create_sessionmaker
from app.core.types import utcnow
from app.institutions.models import Institution, InstitutionServiceType
from benchmarks.fill import SOURCE
from benchmarks.results import SyncResult
from benchmarks.servers import BenchmarkError, Server, http_request

SYNC_PATH = "/api/v1/sync"


async def apply_changes(url: str) -> dict[str, list[str]]:
    """Ten changes as curators make them: each its own transaction through the app's ORM session, so that each
    takes the next change sequence value (and, on PostgreSQL, sends the NOTIFY) exactly as the app's writes do:
    7 updates (4 names, 3 phone lists), 2 new institutions, 1 soft deletion."""
    engine = create_engine(Settings(database_url=url))
    sessionmaker = create_sessionmaker(engine)
    changed: dict[str, list[str]] = {"updated": [], "created": [], "deleted": []}
    try:
        async with sessionmaker() as session:
            query = select(Institution.id).where(Institution.deleted_at.is_(None))  # type: ignore[union-attr]
            ids = list((await session.scalars(query.order_by(Institution.id).limit(8))).all())
        if len(ids) < 8:
            raise BenchmarkError("fewer than 8 institutions: nothing to change for the delta sync")
        for number, identifier in enumerate(ids[:7]):
            async with sessionmaker() as session:
                record = await session.get(Institution, identifier)
                assert record is not None
                if number < 4:
                    record.name = f"{record.name} (sede {number + 2})"
                else:
                    new_phone = {"number": f"+50222{number:06d}", "kind": "voice", "label": "Nueva línea"}
                    record.phones = [*record.phones, new_phone]
                await session.commit()
                changed["updated"].append(identifier)
        for number in range(2):
            async with sessionmaker() as session:
                record = Institution(
                    name=f"Casa del Migrante Nueva Sede {number + 1}, Ciudad de Guatemala",
                    kind="ngo",
                    country_code="GT",
                    description={
                        "es": "Brinda orientación jurídica gratuita para niñas, niños y adolescentes no acompañados.",
                        "en": "Provides free legal advice for unaccompanied children.",
                    },
                    populations=["unaccompanied_children"],
                    city="Ciudad de Guatemala",
                    admin_area="Guatemala",
                    latitude=14.634 + number / 100,
                    longitude=-90.507,
                    phones=[{"number": f"+50223{number:06d}", "kind": "voice", "label": None}],
                    time_zone="America/Guatemala",
                    languages=["es"],
                    source=SOURCE,
                    is_demo=True,
                    service_type_links=[InstitutionServiceType(service_type_code="legal_assistance")],
                )
                session.add(record)
                await session.commit()
                changed["created"].append(record.id)
        async with sessionmaker() as session:
            record = await session.get(Institution, ids[7])
            assert record is not None
            record.deleted_at = utcnow()
            await session.commit()
            changed["deleted"].append(ids[7])
    finally:
        await engine.dispose()
    return changed


def sync_url(since: str | None, limit: int | None = None) -> str:
    query: dict[str, str | int] = {}
    if since is not None:
        query["since"] = since
    if limit is not None:
        query["limit"] = limit
    return f"{SYNC_PATH}?{urlencode(query)}" if query else SYNC_PATH


def delta_sync(server: "Server", database: str, size: int, url: str, args: argparse.Namespace) -> SyncResult:
    """Sync the whole directory as the mobile app does (pages until has_more is false; keep `next`), make ten
    changes, then ask for `since=<that cursor>` with each Accept-Encoding and measure the answer."""
    print(f"  full sync, pages of {args.sync_limit} ...", flush=True)
    started = time.perf_counter()
    pages = records = wire = 0
    since: str | None = None
    while True:
        reply = http_request(server.port, sync_url(since, args.sync_limit), {"Accept-Encoding": "gzip"}, timeout=120)
        if reply.status != 200:
            raise BenchmarkError(f"GET {SYNC_PATH} (page {pages + 1}) answered {reply.status}: {reply.body[:300]!r}")
        page = json.loads(reply.decoded())
        pages += 1
        records += len(page["changes"])
        wire += reply.wire_bytes
        since = str(page["next"])
        if not page["has_more"]:
            break
        if pages > size // args.sync_limit + 100:  # bounded: the directory holds about `size` records
            raise BenchmarkError(f"the full sync still has more after {pages} pages of {args.sync_limit}")
    full_seconds = time.perf_counter() - started
    print(
        f"  full sync: {pages} pages, {records:,} records, {wire / 1e6:.1f} MB gzip, {full_seconds:.1f} s", flush=True
    )

    changed = asyncio.run(apply_changes(url))
    wanted_upserts = set(changed["updated"]) | set(changed["created"])
    wanted_deletes = set(changed["deleted"])
    delta: dict[str, dict[str, Any]] = {"cursor": {"since": since, "length": len(since)}}
    for encoding in ("br", "gzip", "identity"):
        path = sync_url(since)
        reply = http_request(server.port, path, {"Accept-Encoding": encoding})
        if reply.status != 200:
            raise BenchmarkError(f"GET {SYNC_PATH}?since=... answered {reply.status}: {reply.body[:300]!r}")
        sent_encoding = reply.header("content-encoding") or "identity"
        if sent_encoding != encoding:
            raise BenchmarkError(f"asked for {encoding}, the delta sync came as {sent_encoding}")
        page = json.loads(reply.decoded())
        upserts = {c["id"] for c in page["changes"] if c["op"] == "upsert"}
        deletes = {c["id"] for c in page["changes"] if c["op"] == "delete"}
        if not wanted_upserts <= upserts or not wanted_deletes <= deletes:
            raise BenchmarkError(
                f"the delta sync misses changes: upserts {sorted(wanted_upserts - upserts)}, "
                f"deletions {sorted(wanted_deletes - deletes)}"
            )
        delta[encoding] = {
            "status": reply.status,
            "upserts": len(upserts),
            "deletes": len(deletes),
            "has_more": page["has_more"],
            "body_bytes": len(reply.body),
            "header_bytes": reply.header_bytes,
            "wire_bytes": reply.wire_bytes,
        }
        print(
            f"  delta sync {encoding:<8} {len(upserts)} upserts, {len(deletes)} deletes: body {len(reply.body):,} B"
            f" + headers {reply.header_bytes:,} B = {reply.wire_bytes:,} B",
            flush=True,
        )
    return SyncResult(
        database=database,
        size=size,
        full_sync_pages=pages,
        full_sync_records=records,
        full_sync_seconds=round(full_seconds, 2),
        full_sync_wire_bytes=wire,
        changes_made=changed,
        delta=delta,
    )
