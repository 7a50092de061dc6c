"""Property-based checks of every operation against the published OpenAPI document (schemathesis):
no 5xx, documented statuses and content types, bodies that match their schemas; anonymous and as an admin."""

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.databases import PostgresDatabases, SQLiteDatabases
from tests.server import running_server

ADMIN_EMAIL = "contract.admin@example.org"
ADMIN_PASSWORD = "contract-test-password"


@dataclass(frozen=True)
class Server:
    schema: OpenApiSchema
    admin_token: str


@pytest.fixture(scope="module")
def server(databases: SQLiteDatabases | PostgresDatabases) -> Iterator[Server]:
    url = asyncio.run(databases.create())
    try:
        with running_server(url, admin=(ADMIN_EMAIL, ADMIN_PASSWORD)) as base_url:
            token = httpx.post(
                f"{base_url}/api/v1/auth/token", data={"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
            ).json()["access_token"]
            yield Server(schemathesis.openapi.from_url(f"{base_url}/openapi.json"), token)
    finally:
        asyncio.run(databases.drop(url))


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _check_every_operation(server: Server, *, methods: set[str], headers: dict[str, str], examples: int) -> int:
    operations = [result.ok() for result in server.schema.get_all_operations()]
    checked = 0
    for operation in operations:
        if operation.method.upper() not in methods:
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
        checked += 1
    return checked


def test_every_read_operation_never_fails_and_matches_its_schema(server: Server) -> None:
    assert _check_every_operation(server, methods={"GET"}, headers={}, examples=40) >= 15


def test_every_operation_as_an_admin_never_fails_and_matches_its_schema(server: Server) -> None:
    headers = {"Authorization": f"Bearer {server.admin_token}"}
    checked = _check_every_operation(server, methods={"GET", "POST", "PATCH", "DELETE"}, headers=headers, examples=25)
    assert checked >= 30
