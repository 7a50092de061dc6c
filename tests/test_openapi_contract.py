"""Property-based checks of every public operation against the published OpenAPI document (schemathesis)."""

import asyncio
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.databases import PostgresDatabases, SQLiteDatabases
from tests.server import running_server


@pytest.fixture(scope="module")
def api_schema(databases: SQLiteDatabases | PostgresDatabases) -> Iterator[OpenApiSchema]:
    url = asyncio.run(databases.create())
    try:
        with running_server(url) as base_url:
            yield schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    finally:
        asyncio.run(databases.drop(url))


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_every_public_operation_never_fails_and_matches_its_schema(api_schema: OpenApiSchema) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 13

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        check()
