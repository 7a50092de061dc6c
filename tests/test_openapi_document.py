"""What the OpenAPI document promises client generators and readers (issue #14): short unique operation ids,
unique schema titles, a security requirement on every operation, a server, documented headers on lists and
writes, and an error-code enum that the README's catalogue explains code by code."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.errors import ErrorCode
from tests.openapi_snapshot import METHODS, current_document

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return current_document()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_operation_ids_are_short_unique_and_camel_case(document: dict[str, Any]) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(document)]

    assert len(ids) == len(set(ids))
    assert [name for name in ids if not re.fullmatch(r"[a-z][a-zA-Z0-9]{2,40}", name)] == []
    assert {"listInstitutions", "getInstitution", "createInstitution", "updateInstitution"} <= set(ids)


def test_schema_titles_are_unique(document: dict[str, Any]) -> None:
    titles = [schema.get("title", name) for name, schema in document["components"]["schemas"].items()]
    assert sorted({title for title in titles if titles.count(title) > 1}) == []


def test_every_operation_states_its_security_and_public_ones_need_none(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        assert "security" in operation, (method, path)
        if path.startswith("/hsds") or path in ("/healthz", "/readyz", "/api/v1/auth/token"):
            assert operation["security"] == [], (method, path)
    assert document["servers"] == [{"url": "/", "description": "This server"}]


def test_no_path_ends_with_a_slash(document: dict[str, Any]) -> None:
    assert [path for path in document["paths"] if path.endswith("/")] == []


async def test_the_hsds_entry_point_still_answers_with_its_slash(client: httpx.AsyncClient) -> None:
    with_slash, without = await client.get("/hsds/"), await client.get("/hsds")
    assert with_slash.status_code == without.status_code == 200
    assert with_slash.json() == without.json()


def test_lists_document_their_link_header_and_reads_their_cache_headers(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        ok = operation["responses"].get("200", {})
        schema = ok.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
        if method == "get" and re.search(r"/(Page|HsdsPage)_", schema):
            assert "Link" in ok["headers"], path
        if method == "get" and operation["security"] == [] and path.startswith(("/api/v1", "/hsds")):
            assert {"ETag", "Cache-Control"} <= ok["headers"].keys(), path
            assert "304" in operation["responses"], path
        if "201" in operation["responses"]:
            assert {"ETag", "Location"} <= operation["responses"]["201"]["headers"].keys(), path


def test_sign_in_documents_its_rate_limit_headers(document: dict[str, Any]) -> None:
    responses = document["paths"]["/api/v1/auth/token"]["post"]["responses"]
    for status in ("200", "401", "429"):
        assert {"RateLimit", "RateLimit-Policy"} <= responses[status]["headers"].keys(), status
    assert "Retry-After" in responses["429"]["headers"]


def test_errors_have_examples_with_their_code(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/json", {})
            if status.startswith(("4", "5")) and media.get("schema") == {"$ref": "#/components/schemas/ErrorResponse"}:
                example = media["example"]["error"]
                assert example["status"] == int(status), (method, path, status)
                assert example["code"] in set(ErrorCode), (method, path, status)


def test_the_error_code_enum_is_every_code_and_the_readme_explains_each(document: dict[str, Any]) -> None:
    enum = document["components"]["schemas"]["ErrorBody"]["properties"]["code"]["anyOf"][0]["enum"]
    catalogue = re.findall(r"^\| `(\w+)` \| (\d{3}|other) \|", README.read_text(encoding="utf-8"), flags=re.MULTILINE)

    assert enum == [code.value for code in ErrorCode]
    assert sorted(code for code, _ in catalogue) == sorted(enum)
