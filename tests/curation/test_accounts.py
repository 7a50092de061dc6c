"""The `account` fixture signs in on each test's own app: a token never outlives the test that obtained it."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from app.core.config import Settings
from app.main import create_app
from tests.curation.conftest import MakeAccount


@pytest.fixture(params=["first", "second"])
async def app(database_url: str, request: pytest.FixtureRequest) -> AsyncIterator[FastAPI]:
    """The test's app with a signing key of its own, as a test of other settings has: another app's tokens fail."""
    key = SecretStr(f"the signing key of the {request.param} app")
    application = create_app(Settings(database_url=database_url, environment="test", secret_key=key))
    async with application.router.lifespan_context(application):
        yield application


async def test_an_accounts_token_is_valid_on_the_app_of_its_test(
    client: httpx.AsyncClient, account: MakeAccount
) -> None:
    admin = await account("admin")

    response = await client.get("/api/v1/auth/me", headers=admin.headers)

    assert response.status_code == 200, response.text
    assert response.json()["id"] == admin.id
