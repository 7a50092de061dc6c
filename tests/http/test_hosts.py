"""A forged Host header never reaches another client, and a server with an allow-list answers no other host."""

import logging
import secrets

import httpx
import pytest
from pydantic import SecretStr

from app.core.config import Settings
from app.main import create_app
from tests.http.conftest import BuildApp

EVIL = {"Host": "evil.example"}
PUBLIC = "https://directory.example.org/rcm"


@pytest.mark.parametrize("path", ["/hsds/", "/directory"])
async def test_an_answer_for_a_forged_host_is_not_served_to_others(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.get(path, headers=EVIL)).status_code == 200
    response = await client.get(path)
    assert response.status_code == 200
    assert "evil.example" not in response.text
    assert "http://testserver/" in response.text


async def test_absolute_urls_come_from_the_public_base_url(build_app: BuildApp) -> None:
    client = (await build_app(public_base_url=PUBLIC)).client
    about = (await client.get("/hsds/", headers=EVIL)).json()
    assert about["profile"] == f"{PUBLIC}/hsds/profile"
    assert about["openapi_url"] == f"{PUBLIC}/openapi.json"
    page = await client.get("/directory", params={"lang": "en"}, headers=EVIL)
    assert f"Printed from {PUBLIC}/directory?lang=en" in page.text
    assert "evil.example" not in page.text


async def test_the_redirect_to_the_home_page_is_relative(client: httpx.AsyncClient) -> None:
    response = await client.get("/directory/", params={"lang": "en"}, headers=EVIL)
    assert response.status_code == 308
    assert response.headers["Location"] == "/directory?lang=en"


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("directory.example.org", 200),
        ("DIRECTORY.example.org:8443", 200),
        ("a.rcm.example", 200),
        ("rcm.example", 400),
        ("evil.example", 400),
        ("user@directory.example.org", 400),
        ("directory.example.org.evil.example", 400),
    ],
)
async def test_only_trusted_hosts_are_answered(build_app: BuildApp, host: str, status: int) -> None:
    client = (await build_app(trusted_hosts=["directory.example.org", "*.rcm.example"])).client
    response = await client.get("/api/v1/countries", headers={"Host": host})
    assert response.status_code == status
    if status == 400:
        error = response.json()["error"]
        assert error["code"] == "invalid_host"
        assert [(d["location"], d["field"]) for d in error["details"]] == [("header", "host")]


@pytest.mark.parametrize(("trusted_hosts", "warned"), [(["*"], True), (["directory.example.org"], False)])
def test_production_warns_when_any_host_is_trusted(
    caplog: pytest.LogCaptureFixture, trusted_hosts: list[str], warned: bool
) -> None:
    key = SecretStr(secrets.token_urlsafe(32))
    with caplog.at_level(logging.WARNING, logger="app.main"):
        create_app(Settings(environment="production", secret_key=key, trusted_hosts=trusted_hosts))
    assert any("TRUSTED_HOSTS" in record.getMessage() for record in caplog.records) is warned


@pytest.mark.parametrize("pattern", ["*example.org", "directory.*", "a.*.example.org"])
def test_a_malformed_host_pattern_is_refused_at_start(pattern: str) -> None:
    with pytest.raises(ValueError, match="TRUSTED_HOSTS"):
        Settings(trusted_hosts=[pattern])
