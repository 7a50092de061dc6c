"""Validation against the official HSDS 3.0 schemas copied unchanged in tests/hsds/schemas (see SOURCE.md).

Each file is registered under the address the HSDS OpenAPI document refers to it by, so every `$ref` (between
the schema files, and from openapi.json to them) resolves locally, without the network. An answer of a list is
checked against the very schema openapi.json gives for that path: the HSDS `Page` and its items.

A single service, organization or service_at_location is checked against its top-level schema (service.json...),
whose `$ref`s nest the others. openapi.json names the `compiled/` forms of these three instead: the same schemas
with every reference expanded in place, 2 to 3.5 MB each, which are not copied. The top-level organization.json
has no `services` property, so an organization's services are checked one by one against service.json.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "schemas"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = f"{BASE}openapi.json"
# The property compiled/organization.json (not copied) adds to organization.json: an organization's services.
COMPILED_ONLY_FIELDS = {"services"}
PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


@cache
def registry() -> Registry:
    resources = [
        (f"{BASE}{path.relative_to(SCHEMAS).as_posix()}", _resource(path)) for path in sorted(SCHEMAS.rglob("*.json"))
    ]
    return Registry().with_resources(resources)


def _resource(path: Path) -> Resource[Any]:
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012)


def _pointer(path: str) -> str:
    """The JSON pointer, in openapi.json, of the schema of a GET answer of `path` (e.g. "/services/{id}")."""
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"{OPENAPI}#/paths/{escaped}/get/responses/200/content/application~1json/schema"


def _validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(instance: Any, ref: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(ref).iter_errors(instance)]


# Single objects whose compiled schema is replaced by the top-level one (see above).
TOP_LEVEL = {
    "/services/{id}": "service.json",
    "/organizations/{id}": "organization.json",
    "/service_at_locations/{id}": "service_at_location.json",
}


def assert_answer(path: str, body: Any) -> None:
    """The body is valid against what the HSDS OpenAPI document says GET `path` answers."""
    if path in TOP_LEVEL:
        assert_schema(TOP_LEVEL[path], body)
        for service in body.get("services", []) if path == "/organizations/{id}" else []:
            assert_schema("service.json", service)
        return
    found = errors(body, _pointer(path))
    assert not found, f"GET {path} breaks the HSDS schema: {found[:5]}"


def assert_item(path: str, item: Any) -> None:
    """One item (e.g. an ndjson line) is valid as an item of the page GET `path` answers."""
    found = errors(item, f"{_pointer(path)}/properties/contents/items")
    assert not found, f"an item of GET {path} breaks the HSDS schema: {found[:5]}"


def assert_schema(file: str, instance: Any) -> None:
    found = errors(instance, f"{BASE}{file}")
    assert not found, f"not a valid {file}: {found[:5]}"


@cache
def hsds_property_names() -> frozenset[str]:
    """Every property name the official schemas define, at any depth, plus the page fields."""
    names: set[str] = PAGE_FIELDS | COMPILED_ONLY_FIELDS

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in SCHEMAS.rglob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return frozenset(names)


def foreign_keys(body: Any) -> set[str]:
    """Property names in the body that are neither HSDS names nor the profile's `rcm_*` extensions."""
    found: set[str] = set()
    if isinstance(body, dict):
        for key, value in body.items():
            if key not in hsds_property_names() and not key.startswith("rcm_"):
                found.add(key)
            # The values of the extension objects are keyed by field names and language tags: not properties.
            if not key.startswith("rcm_"):
                found |= foreign_keys(value)
    elif isinstance(body, list):
        for value in body:
            found |= foreign_keys(value)
    return found
