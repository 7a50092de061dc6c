"""The migrations are the only way the schema is built: they must match the models and go down and up again."""

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import httpx
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.audit.models import AuditEvent
from app.core import migrations
from app.core.config import Settings
from app.core.search import include_object
from app.main import create_app
from app.tables import metadata
from tests import factories

T = TypeVar("T")
WORDS = ("Alfa", "Beta", "Gamma")


async def _run(url: str, work: Callable[[Connection], T]) -> T:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def _differences(connection: Connection) -> list[object]:
    # The full-text indexes are migration-made objects beside the models (app.core.search), as in migrations/env.py.
    opts = {"compare_type": True, "include_object": include_object}
    context = MigrationContext.configure(connection, opts=opts)
    return list(compare_metadata(context, metadata))


def _counts(connection: Connection) -> tuple[int, int, str]:
    countries = connection.execute(text("SELECT count(*) FROM country WHERE rcm_member")).scalar_one()
    service_types = connection.execute(text("SELECT count(*) FROM service_type")).scalar_one()
    version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    return countries, service_types, version


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


@asynccontextmanager
async def _client(database_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, async_sessionmaker[AsyncSession]]]:
    application = create_app(Settings(database_url=database_url))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client, application.state.sessionmaker


async def test_models_and_migrations_agree(database_url: str) -> None:
    assert await _run(database_url, _differences) == []


async def test_reference_data_ships_with_the_migrations(database_url: str) -> None:
    countries, service_types, version = await _run(database_url, _counts)
    assert countries == 11
    assert service_types >= 17
    assert version == migrations.head_revision()


async def test_downgrade_to_base_and_upgrade_again(database_url: str) -> None:
    await asyncio.to_thread(migrations.downgrade, database_url, "base")
    assert await _run(database_url, _tables) <= {"alembic_version"}

    await asyncio.to_thread(migrations.upgrade, database_url, "head")
    assert await _run(database_url, _differences) == []
    countries, _, version = await _run(database_url, _counts)
    assert (countries, version) == (11, migrations.head_revision())


async def test_readyz_reports_a_schema_behind_head(database_url: str) -> None:
    revision = "0001"
    await asyncio.to_thread(migrations.downgrade, database_url, revision)
    async with _client(database_url) as (client, _):
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "not_ready"
    assert revision in response.json()["error"]["message"]


def _departures(connection: Connection) -> list[tuple[str, str, str, int]]:
    query = "SELECT record_type, record_id, country_code, change_seq FROM country_departure ORDER BY record_type"
    return [tuple(row) for row in connection.execute(text(query))]  # type: ignore[misc]


async def test_country_departures_are_backfilled_from_the_audit_trail(database_url: str, session: AsyncSession) -> None:
    moved, stayed = factories.institution(country_code="HN"), factories.institution(country_code="GT")
    await factories.add(session, moved, stayed)
    audit = {"actor_id": "00000000-0000-0000-0000-000000000001", "actor_email": "a@example.org", "action": "update"}
    session.add_all(
        [
            AuditEvent(
                **audit,
                entity_type="institution",
                entity_id=moved.id,
                before={"country_code": "GT"},
                after={"country_code": "HN"},
            ),
            AuditEvent(
                **audit,
                entity_type="institution",
                entity_id=stayed.id,
                before={"country_code": "GT", "name": "a"},
                after={"country_code": "GT", "name": "b"},
            ),
        ]
    )
    await session.commit()
    await session.close()

    await asyncio.to_thread(migrations.downgrade, database_url, "0008")
    await asyncio.to_thread(migrations.upgrade, database_url, "head")

    assert await _run(database_url, _departures) == [("institution", moved.id, "GT", moved.change_seq)]


async def test_the_search_migration_rewrites_documents_and_builds_the_index(database_url: str, backend: str) -> None:
    """Records stored before 0013 (documents with punctuation, a gap in the rowids) are found by the index after
    the upgrade, and the indexes go away on downgrade."""
    records = [factories.institution(name=f"Casa d'{word}", description={"es": "Refugio."}) for word in WORDS]
    async with _client(database_url) as (_, sessionmaker), sessionmaker() as session:
        await factories.add(session, *records)
    alfa, beta, _ = records
    await asyncio.to_thread(migrations.downgrade, database_url, "0008")
    assert not {"institution_search"} & await _run(database_url, _tables)

    def as_0008_stored_them(connection: Connection) -> None:
        old_document = {"id": alfa.id, "text": "casa d'alfa\nrefugio."}
        connection.execute(text("UPDATE institution SET search_text = :text WHERE id = :id"), old_document)
        connection.execute(text("DELETE FROM institution_service_type WHERE institution_id = :id"), {"id": beta.id})
        connection.execute(text("DELETE FROM institution WHERE id = :id"), {"id": beta.id})
        connection.commit()

    await _run(database_url, as_0008_stored_them)
    await asyncio.to_thread(migrations.upgrade, database_url, "head")

    async with _client(database_url) as (client, _):
        listed = await client.get("/api/v1/institutions", params={"q": "casa refugio"})
        assert [item["name"] for item in listed.json()["items"]] == ["Casa d'Alfa", "Casa d'Gamma"]
        for word, expected in (("d'alfa", ["Casa d'Alfa"]), ("beta", []), ("gamma", ["Casa d'Gamma"])):
            listed = await client.get("/api/v1/institutions", params={"q": word})
            assert [item["name"] for item in listed.json()["items"]] == expected
    document = await _run(
        database_url,
        lambda c: c.execute(text("SELECT search_text FROM institution WHERE id = :id"), {"id": alfa.id}).scalar_one(),
    )
    assert document == "casa d alfa\nrefugio"
    if backend == "sqlite":
        # FTS5 compares its index with the records' documents and raises if they differ.
        await _run(
            database_url,
            lambda c: c.execute(
                text("INSERT INTO institution_search(institution_search, rank) VALUES ('integrity-check', 1)")
            ),
        )


def _phones(connection: Connection) -> list[object]:
    rows = connection.execute(text("SELECT phones FROM institution UNION ALL SELECT phones FROM emergency_service"))
    return [phones if isinstance(phones, list) else json.loads(phones) for (phones,) in rows]


async def test_phone_labels_go_to_spanish_text_and_back_to_a_map(database_url: str, session: AsyncSession) -> None:
    labelled = {"number": "+50200000001", "kind": "voice", "label": {"es": "Oficina", "en": "Office"}}
    english_only = {"number": "+50200000002", "kind": "voice", "label": {"en": "Office"}}
    unlabelled = {"number": "+50200000003", "kind": "hotline", "label": None}
    await factories.add(
        session,
        factories.institution(phones=[labelled, english_only, unlabelled]),
        factories.emergency_service(phones=[labelled]),
    )
    await session.commit()
    await session.close()

    await asyncio.to_thread(migrations.downgrade, database_url, "0015")
    as_text = [{**labelled, "label": "Oficina"}, {**english_only, "label": "Office"}, unlabelled]
    assert await _run(database_url, _phones) == [as_text, [{**labelled, "label": "Oficina"}]]

    await asyncio.to_thread(migrations.upgrade, database_url, "head")
    spanish = {**labelled, "label": {"es": "Oficina"}}
    assert await _run(database_url, _phones) == [
        [spanish, {**english_only, "label": {"es": "Office"}}, unlabelled],
        [spanish],
    ]
