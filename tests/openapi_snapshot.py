"""The published OpenAPI document, kept in docs/openapi.json: the contract with the mobile app's generated clients.

`python -m tests.openapi_snapshot` (or `make openapi`) rewrites the copy after an additive change; it refuses
while the change breaks what was published (see `breaking_changes`).
"""

import json
import sys
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.docs.openapi import NEVER_SENT
from app.main import create_app

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def current_document() -> dict[str, Any]:
    document: dict[str, Any] = create_app(Settings(environment="test")).openapi()
    # Through JSON, so tuples and other Python-only shapes compare as a client reads them.
    loaded: dict[str, Any] = json.loads(json.dumps(document))
    return loaded


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def published_document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return loaded


def _operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """By method and path; a path with a trailing slash is the same one without (the app answers both)."""
    return {
        f"{method.upper()} {path.rstrip('/') or '/'}": operation
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if method in METHODS
    }


def _parameters(operation: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(parameter["in"], parameter["name"]): parameter for parameter in operation.get("parameters", [])}


def _shape(schema: dict[str, Any]) -> Any:
    """What a client's generated type depends on: the reference, the type, or the alternatives of a property
    (alternatives that are all one plain type, such as a known set of strings or any string, are that type)."""
    alternatives = schema.get("anyOf") or schema.get("oneOf") or []
    types = {alternative.get("type") for alternative in alternatives if "$ref" not in alternative}
    if alternatives and len(types) == 1 and all("$ref" not in alternative for alternative in alternatives):
        return types.pop()
    for key in ("$ref", "type", "anyOf", "oneOf", "allOf"):
        if key in schema:
            return schema[key]
    return None


# What does not change which values a schema allows.
_ANNOTATIONS = ("title", "description", "examples", "default")


def _accepts(new: dict[str, Any], old: dict[str, Any], schemas: tuple[dict[str, Any], dict[str, Any]]) -> bool:
    """Whether `new` allows every value `old` allows, for the widenings a request field may go through: more
    alternatives, maps whose values gain alternatives (a PATCH's `null` for one language), and a schema of objects
    replaced by one that takes the same fields, each accepting at least as much, and requires no more of them.
    `schemas` are the new and old documents' schemas, which `$ref`s name."""
    new = {key: value for key, value in new.items() if key not in _ANNOTATIONS}
    old = {key: value for key, value in old.items() if key not in _ANNOTATIONS}
    if new == old:
        return True
    if "anyOf" in old:
        return all(_accepts(new, alternative, schemas) for alternative in old["anyOf"])
    if "anyOf" in new:
        return any(_accepts(alternative, old, schemas) for alternative in new["anyOf"])
    if "$ref" in new or "$ref" in old:
        new_schemas, old_schemas = schemas
        new_object = new_schemas.get(new.get("$ref", "").rsplit("/", 1)[-1], new)
        old_object = old_schemas.get(old.get("$ref", "").rsplit("/", 1)[-1], old)
        old_fields, new_fields = old_object.get("properties", {}), new_object.get("properties", {})
        return (
            old_fields.keys() <= new_fields.keys()
            and set(new_object.get("required", [])) <= set(old_object.get("required", []))
            and all(_accepts(new_fields[name], field, schemas) for name, field in old_fields.items())
        )
    rest = ("additionalProperties", "items")
    return (
        new.get("type") == old.get("type")
        and {k: v for k, v in new.items() if k not in rest} == {k: v for k, v in old.items() if k not in rest}
        and all(_accepts(new.get(key, {}), old.get(key, {}), schemas) for key in rest)
    )


def _response_schemas(document: dict[str, Any]) -> set[str]:
    """Names of the schemas that answers name directly."""
    return {
        reference.rsplit("/", 1)[-1]
        for operation in _operations(document).values()
        for response in operation.get("responses", {}).values()
        for media in response.get("content", {}).values()
        for reference in [media.get("schema", {}).get("$ref", "")]
        if reference
    }


def _request_schemas(document: dict[str, Any]) -> set[str]:
    """Names of the schemas that clients send (a new required field there breaks them)."""
    names = set()
    for operation in _operations(document).values():
        for media in operation.get("requestBody", {}).get("content", {}).values():
            reference = media.get("schema", {}).get("$ref", "")
            if reference:
                names.add(reference.rsplit("/", 1)[-1])
    return names


def _body_schema(operation: dict[str, Any]) -> str:
    for media in operation.get("requestBody", {}).get("content", {}).values():
        reference: str = media.get("schema", {}).get("$ref", "")
        if reference:
            return reference.rsplit("/", 1)[-1]
    return ""


def _renamed_bodies(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
    """FastAPI names a form body's schema after its operation (`Body_<operationId>`): when the operation id
    changes, so does that name. Such a schema is compared under its new name, through the operation."""
    new_operations = _operations(new)
    renamed = {}
    for key, operation in _operations(old).items():
        before = _body_schema(operation)
        after = _body_schema(new_operations.get(key, {}))
        if before.startswith("Body_") and after.startswith("Body_") and before != after:
            renamed[before] = after
    return renamed


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What a client generated from `old` would lose or fail on with `new`: removed operations, parameters,
    schemas and fields, a field whose type changed, and a new required parameter or request field.

    FastAPI's default 422 schemas (NEVER_SENT) are not compared: the app never answered with them.
    Operation ids are not compared: a client calls an operation by method and path, and a renamed id renames only
    the generated function (short ids replaced FastAPI's long ones once)."""
    problems = []
    renamed = _renamed_bodies(old, new)
    new_operations = _operations(new)
    for key, operation in _operations(old).items():
        if key not in new_operations:
            problems.append(f"operation removed: {key}")
            continue
        old_parameters, new_parameters = _parameters(operation), _parameters(new_operations[key])
        for name in old_parameters.keys() - new_parameters.keys():
            problems.append(f"parameter removed: {key} {name[0]} '{name[1]}'")
        for name in new_parameters.keys() - old_parameters.keys():
            if new_parameters[name].get("required"):
                problems.append(f"required parameter added: {key} {name[0]} '{name[1]}'")
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    sent = _request_schemas(old)
    only_sent = sent - _response_schemas(old)
    for name, schema in old_schemas.items():
        if name in NEVER_SENT:
            continue
        new_name = renamed.get(name, name)
        if new_name not in new_schemas:
            problems.append(f"schema removed: {name}")
            continue
        old_properties = schema.get("properties", {})
        new_properties = new_schemas[new_name].get("properties", {})
        for field, field_schema in old_properties.items():
            if field not in new_properties:
                problems.append(f"field removed: {name}.{field}")
            elif _shape(field_schema) != _shape(new_properties[field]) and not (
                name in only_sent and _accepts(new_properties[field], field_schema, (new_schemas, old_schemas))
            ):
                problems.append(f"field type changed: {name}.{field}")
        if name in sent:
            for field in set(new_schemas[new_name].get("required", [])) - set(schema.get("required", [])):
                problems.append(f"required request field added: {name}.{field}")
    return problems


def main() -> int:
    document = current_document()
    problems = breaking_changes(published_document(), document) if SNAPSHOT.exists() else []
    if problems:
        print("Refusing to update docs/openapi.json: the change breaks published clients:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    SNAPSHOT.write_text(render(document), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
