"""The migrations are the only way the schema is built: they must match the models and go down and up again."""

import asyncio
import json
from collections.abc import Callable
from typing import TypeVar

import httpx
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from app.audit.models import AuditEvent
from app.core import migrations
from app.core.config import Settings
from app.main import create_app
from app.tables import metadata
from tests import factories

T = TypeVar("T")


async def _run(url: str, work: Callable[[Connection], T]) -> T:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def _counts(connection: Connection) -> tuple[int, int, str]:
    countries = connection.execute(text("SELECT count(*) FROM country WHERE rcm_member")).scalar_one()
    service_types = connection.execute(text("SELECT count(*) FROM service_type")).scalar_one()
    version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    return countries, service_types, version


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


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
    application = create_app(Settings(database_url=database_url))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
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

    await asyncio.to_thread(migrations.downgrade, database_url, "0012")
    as_text = [{**labelled, "label": "Oficina"}, {**english_only, "label": "Office"}, unlabelled]
    assert await _run(database_url, _phones) == [as_text, [{**labelled, "label": "Oficina"}]]

    await asyncio.to_thread(migrations.upgrade, database_url, "head")
    spanish = {**labelled, "label": {"es": "Oficina"}}
    assert await _run(database_url, _phones) == [
        [spanish, {**english_only, "label": {"es": "Office"}}, unlabelled],
        [spanish],
    ]
