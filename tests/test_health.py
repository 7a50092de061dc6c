import httpx
from fastapi import FastAPI

from app.core.config import Settings
from app.core.migrations import head_revision
from app.main import create_app


async def test_healthz_answers_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_checks_database_and_migration_head(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migration": head_revision()}


async def test_readyz_is_503_when_the_database_is_unreachable() -> None:
    application: FastAPI = create_app(Settings(database_url="sqlite+aiosqlite:////nonexistent-dir/none.db"))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"] == {
        "status": 503,
        "code": "not_ready",
        "message": "The database is not reachable.",
        "details": [],
    }


async def test_unknown_route_uses_the_error_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
