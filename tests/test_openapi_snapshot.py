"""/openapi.json against its published copy (docs/openapi.json): a removed or changed published field fails; an
added one asks for the copy to be updated with `make openapi`."""

import copy
from typing import Any

import pytest

from tests.openapi_snapshot import breaking_changes, current_document, published_document, render


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return current_document()


def test_nothing_published_is_removed_or_changed(document: dict[str, Any]) -> None:
    assert breaking_changes(published_document(), document) == []


def test_the_published_copy_is_current(document: dict[str, Any]) -> None:
    assert render(document) == render(published_document()), (
        "The OpenAPI document changed without breaking clients: run `make openapi` and commit docs/openapi.json."
    )


def _first_schema_with_properties(document: dict[str, Any]) -> tuple[str, str]:
    for name, schema in sorted(document["components"]["schemas"].items()):
        if schema.get("properties"):
            return name, sorted(schema["properties"])[0]
    raise AssertionError("no schema has properties")


def test_the_guard_sees_a_removed_field(document: dict[str, Any]) -> None:
    changed = copy.deepcopy(document)
    name, field = _first_schema_with_properties(changed)
    del changed["components"]["schemas"][name]["properties"][field]
    assert breaking_changes(document, changed) == [f"field removed: {name}.{field}"]


def test_the_guard_sees_a_renamed_field(document: dict[str, Any]) -> None:
    changed = copy.deepcopy(document)
    name, field = _first_schema_with_properties(changed)
    properties = changed["components"]["schemas"][name]["properties"]
    properties[field + "_renamed"] = properties.pop(field)
    assert breaking_changes(document, changed) == [f"field removed: {name}.{field}"]
    # The other way round the same change is only an addition, which clients survive.
    assert breaking_changes(changed, document) == [f"field removed: {name}.{field}_renamed"]


def test_the_guard_sees_a_removed_operation_and_parameter(document: dict[str, Any]) -> None:
    changed = copy.deepcopy(document)
    list_institutions = changed["paths"]["/api/v1/institutions"]["get"]
    list_institutions["parameters"] = [p for p in list_institutions["parameters"] if p["name"] != "country"]
    del changed["paths"]["/api/v1/countries"]["get"]
    assert sorted(breaking_changes(document, changed)) == [
        "operation removed: GET /api/v1/countries",
        "parameter removed: GET /api/v1/institutions query 'country'",
    ]


def test_the_guard_accepts_an_added_optional_field(document: dict[str, Any]) -> None:
    changed = copy.deepcopy(document)
    name, _ = _first_schema_with_properties(changed)
    changed["components"]["schemas"][name]["properties"]["a_new_field"] = {"type": "string"}
    assert breaking_changes(document, changed) == []


def test_the_guard_lets_a_request_field_accept_more_but_not_less(document: dict[str, Any]) -> None:
    texts = {"anyOf": [{"type": "object", "additionalProperties": {"type": "string"}}, {"type": "null"}]}
    nullable = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    nullable_texts = {"anyOf": [{"type": "object", "additionalProperties": nullable}, {"type": "null"}]}
    narrower, wider = copy.deepcopy(document), copy.deepcopy(document)
    narrower["components"]["schemas"]["InstitutionUpdate"]["properties"]["description"] = texts
    wider["components"]["schemas"]["InstitutionUpdate"]["properties"]["description"] = nullable_texts
    assert breaking_changes(narrower, wider) == []
    assert breaking_changes(wider, narrower) == ["field type changed: InstitutionUpdate.description"]
