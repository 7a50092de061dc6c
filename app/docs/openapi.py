"""The OpenAPI document as linters and client generators need it, derived in one place from the routes rather than
repeated on each of them: short operation ids, `security: []` on public operations, the server, and the response
headers and 304s that the middleware and shared helpers add (response cache, pagination, rate limits, ETags)."""

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.core.config import API_PREFIX
from app.core.errors import error_example
from app.core.http.response_cache import CACHE_CONTROL
from app.core.pagination import LINK_DESCRIPTION
from app.core.rate_limit import RATE_LIMIT_DESCRIPTION, RATE_LIMIT_POLICY_DESCRIPTION

METHODS = ("get", "put", "post", "delete", "patch")
ERROR_SCHEMA = "#/components/schemas/ErrorResponse"
# FastAPI's default for a 422 a route does not declare: the app answers those with the one envelope too, so these
# schemas describe nothing it sends.
FASTAPI_VALIDATION_SCHEMA = "#/components/schemas/HTTPValidationError"
NEVER_SENT = ("HTTPValidationError", "ValidationError")
JSON = "application/json"
# A body documented by its media type alone (a spreadsheet, a CSV file) is a file to generators.
FILE_SCHEMA = {"type": "string", "format": "binary"}


def _header(description: str, example: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if example is not None:
        schema["examples"] = [example]
    return {"description": description, "schema": schema}


ETAG = _header(
    "This version of the answer, in its language: send it as If-Match to change the record (any language of the "
    "version will do), or as If-None-Match.",
    '"v3-es"',
)
CACHE = _header("How long the answer may be reused, and revalidated with If-None-Match.", CACHE_CONTROL)
LOCATION = _header("Where the new record is read.", f"{API_PREFIX}/institutions/0b6f3c4e-…")
LINK = _header(LINK_DESCRIPTION, f'<{API_PREFIX}/institutions?limit=20&offset=20>; rel="next"')
RETRY_AFTER = _header("Seconds to wait before trying again.", "600")
RATE_LIMIT = _header(RATE_LIMIT_DESCRIPTION, '"sign-in-client";r=19;t=900, "sign-in-account";r=4;t=900')
RATE_LIMIT_POLICY = _header(RATE_LIMIT_POLICY_DESCRIPTION, '"sign-in-client";q=20;w=900, "sign-in-account";q=5;w=900')
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of the answer you hold: 304 without a body while it is still current (anonymous reads).",
    "schema": {"type": "string"},
}
NOT_MODIFIED = {
    "description": "Not Modified: the ETag in If-None-Match is still current; reuse the answer you hold.",
    "headers": {"ETag": ETAG, "Cache-Control": CACHE},
}


def operation_id(route: APIRoute) -> str:
    """The app's `generate_unique_id_function`: `list_institutions` -> `listInstitutions`, stable as long as the
    route's name is (FastAPI's default appends the path and method)."""
    first, *rest = route.name.split("_")
    return first + "".join(word[:1].upper() + word[1:] for word in rest)


def _check_unique_operation_ids(document: dict[str, Any]) -> None:
    seen: set[str] = set()
    for item in document["paths"].values():
        for method in METHODS:
            if method in item:
                name = item[method]["operationId"]
                if name in seen:
                    raise RuntimeError(f"Two routes are named '{name}': name one of them (`name=` on its decorator).")
                seen.add(name)


def _add_headers(response: dict[str, Any], **headers: dict[str, Any]) -> None:
    response.setdefault("headers", {}).update({name.replace("_", "-"): value for name, value in headers.items()})


def _refine_content(status: str, response: dict[str, Any]) -> None:
    content: dict[str, Any] = response.get("content", {})
    for media_type, media in list(content.items()):
        if media.get("schema", {}).get("$ref") in (ERROR_SCHEMA, FASTAPI_VALIDATION_SCHEMA):
            # Errors are always the JSON envelope, also on routes whose success is text.
            del content[media_type]
            content[JSON] = {"schema": {"$ref": ERROR_SCHEMA}, "example": error_example(int(status))}
        elif not media.get("schema") and media_type != JSON:
            media["schema"] = dict(FILE_SCHEMA)
    if JSON in content and not content[JSON]:
        del content[JSON]


def _refine(document: dict[str, Any], cached_prefixes: tuple[str, ...]) -> None:
    _check_unique_operation_ids(document)
    for path, item in document["paths"].items():
        versioned = any(
            parameter["name"] == "If-Match"
            for method in METHODS
            for parameter in item.get(method, {}).get("parameters", [])
        )
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operation.setdefault("security", [])
            responses: dict[str, Any] = operation["responses"]
            for status, response in responses.items():
                _refine_content(status, response)
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            ok = responses.get("200")
            # A record's version: on the changes that take If-Match, and on the read of the same path.
            if ok is not None and ("If-Match" in names or (method == "get" and versioned)):
                _add_headers(ok, ETag=ETAG)
            if "201" in responses:
                _add_headers(responses["201"], ETag=ETAG, Location=LOCATION)
            if ok is not None and method == "get" and ({"limit", "offset"} <= names or {"page", "per_page"} <= names):
                _add_headers(ok, Link=LINK)
            if "429" in responses:
                _add_headers(responses["429"], Retry_After=RETRY_AFTER)
                # Every answer of a request counted against the limit (a malformed one is refused before).
                for status in ("200", "401", "429"):
                    if status in responses:
                        _add_headers(responses[status], RateLimit=RATE_LIMIT, RateLimit_Policy=RATE_LIMIT_POLICY)
            # `{}` among the requirements: signing in is optional (a public read that answers editors more).
            public = not operation["security"] or {} in operation["security"]
            public_read = method == "get" and public and path.startswith(cached_prefixes)
            if public_read and ok is not None:
                _add_headers(ok, ETag=ETAG, Cache_Control=CACHE)
                operation.setdefault("parameters", []).append(dict(IF_NONE_MATCH))
                responses["304"] = NOT_MODIFIED
    schemas = document.get("components", {}).get("schemas", {})
    for name in NEVER_SENT:
        schemas.pop(name, None)


def install_openapi(app: FastAPI, *, public_base_url: object | None, cached_prefixes: tuple[str, ...]) -> None:
    """Replaces `app.openapi` with the refined document, built once."""
    # Without a trailing slash, which generators would double before every path; "/" when the base is unknown.
    app.servers = [{"url": str(public_base_url or "").rstrip("/") or "/", "description": "This server"}]
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            _refine(document, cached_prefixes)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
