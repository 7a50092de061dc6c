"""Request bodies: fields a client must not set, malformed values (each named in the 422), and the size limit.
Every refused body writes nothing."""

import json
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import snapshot
from tests import factories
from tests.curation.conftest import Account, AppClient
from tests.curation.resources import (
    EMERGENCY_SERVICES,
    FOCAL_POINTS,
    INSTITUTIONS,
    PROTECTION_SYSTEMS,
    RESOURCES,
    Resource,
    Store,
    etag,
)

SERVER_FIELDS: dict[str, Any] = {
    "id": "00000000-0000-0000-0000-000000000001",
    "version": 99,
    "created_at": "2020-01-01T00:00:00Z",
    "updated_at": "2020-01-01T00:00:00Z",
    "deleted_at": "2020-01-01T00:00:00Z",
    "last_verified_at": "2020-01-01T00:00:00Z",
    "verified_by_id": "00000000-0000-0000-0000-000000000002",
    "search_text": "texto inventado",
}

# Blank Spanish: missing on a create, removed by a change; either way refused.
NOT_SPANISH = {"es": "", "en": "English only."}
BAD_PHONE = [{"number": "50212345678"}]  # no "+"
ANY_RESOURCE: list[tuple[dict[str, Any], str]] = [
    ({"country_code": "XX"}, "country_code"),
    ({"country_code": "GTM"}, "country_code"),
    ({"country_code": None}, "country_code"),
]
# (fragment of a body, the field the 422 must name); "create only" cases need the rest of a create body.
BAD_VALUES: dict[str, list[tuple[dict[str, Any], str]]] = {
    INSTITUTIONS.name: [
        ({"description": NOT_SPANISH}, "description"),
        ({"description": {"es": "   ", "en": "Blank Spanish."}}, "description"),
        ({"description": {"not a tag!": "x", "es": "x"}}, "description"),
        ({"phones": BAD_PHONE}, "phones.0.number"),
        ({"phones": [{"number": "+502 1234 5678"}]}, "phones.0.number"),
        ({"phones": [{"number": "+0123456789"}]}, "phones.0.number"),
        ({"email": "sin-arroba.example.org"}, "email"),
        ({"website": "not a url"}, "website"),
        ({"website": "ftp://example.org/file"}, "website"),
        ({"latitude": 90.5}, "latitude"),
        ({"longitude": -180.01}, "longitude"),
        ({"latitude": "north"}, "latitude"),
        ({"service_types": ["teleportation"]}, "service_types"),
        ({"service_types": []}, "service_types"),
        ({"nationalities_served": ["XX"]}, "nationalities_served"),
        ({"min_age": 12, "max_age": 5}, "max_age"),
        ({"min_age": -1}, "min_age"),
        ({"languages": ["not a tag"]}, "languages.0"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"kind": "spaceship"}, "kind"),
        ({"name": None}, "name"),
        ({"name": "   "}, "name"),
    ],
    EMERGENCY_SERVICES.name: [
        ({"description": NOT_SPANISH}, "description"),
        ({"phones": BAD_PHONE}, "phones.0.number"),
        ({"phones": []}, "phones"),
        ({"latitude": -91}, "latitude"),
        ({"longitude": 181}, "longitude"),
        ({"service_types": ["teleportation"]}, "service_types"),
        ({"institution_id": "no-such-institution"}, "institution_id"),
        ({"available_24h": None}, "available_24h"),
    ],
    PROTECTION_SYSTEMS.name: [
        ({"description": NOT_SPANISH}, "description"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"lead_institution_id": "no-such-institution"}, "lead_institution_id"),
        ({"name": None}, "name"),
    ],
    FOCAL_POINTS.name: [
        ({"public_email": "no es un correo"}, "public_email"),
        ({"personal_email": "personal@"}, "personal_email"),
        ({"public_phone": "5551234567"}, "public_phone"),
        ({"personal_phone": "+52 55 1234 5678"}, "personal_phone"),
        ({"protection_system_id": "no-such-system"}, "protection_system_id"),
        ({"institution_id": "no-such-institution"}, "institution_id"),
        ({"full_name": ""}, "full_name"),
    ],
}


async def written_state(store: Store, resource: Resource, record_id: str) -> tuple[Any, int, int]:
    """The existing record, how many records there are, and how many audit events."""
    record = await store.get(resource.model, record_id)
    return snapshot(record), await store.count(resource.model), len(await store.events())


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error envelope, or an empty one when the request succeeded (so a failing test shows a diff)."""
    body = response.json() if response.content else {}
    error: dict[str, Any] = body.get("error", {}) if isinstance(body, dict) else {}
    return error


def fields_named(response: httpx.Response) -> list[str]:
    return [detail["field"] for detail in error_of(response).get("details", [])]


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_fields_the_server_owns_are_refused_and_not_stored(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    before = await written_state(store, resource, record.id)

    observed = {}
    for field, value in SERVER_FIELDS.items():
        created = await client.post(
            resource.url(), json={**resource.create_body("GT"), field: value}, headers=admin.headers
        )
        changed = await client.patch(
            resource.url(record.id),
            json={resource.text_field: "Cambio", field: value},
            headers=admin.with_if_match(etag(1)),
        )
        observed[field] = [(r.status_code, fields_named(r)) for r in (created, changed)]

    assert observed == {field: [(422, [field]), (422, [field])] for field in SERVER_FIELDS}
    assert await written_state(store, resource, record.id) == before


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_malformed_values_get_422_naming_the_field_and_write_nothing(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    before = await written_state(store, resource, record.id)
    cases = ANY_RESOURCE + BAD_VALUES[resource.name]

    observed = []
    for fragment, _ in cases:
        created = await client.post(
            resource.url(), json={**resource.create_body("GT"), **fragment}, headers=admin.headers
        )
        changed = await client.patch(resource.url(record.id), json=fragment, headers=admin.with_if_match(etag(1)))
        for response in (created, changed):
            named = fields_named(response)
            in_message = all(f"'{name}'" in error_of(response).get("message", "") for name in named)
            observed.append((fragment, response.request.method, response.status_code, named, in_message))

    expected = [(fragment, method, 422, [field], True) for fragment, field in cases for method in ("POST", "PATCH")]
    assert observed == expected
    assert await written_state(store, resource, record.id) == before


FORMULA_BEHIND_A_CONTROL = '\x01=HYPERLINK("http://example.org")'
# (resource, fragment of a body, the field the 422 must name): C0 (tab and line breaks included outside
# descriptions), DEL and C1 characters, at the top level and nested in lists, objects and language keys.
CONTROL_CHARACTERS: list[tuple[Resource, dict[str, Any], str]] = [
    *((r, {r.text_field: FORMULA_BEHIND_A_CONTROL}, r.text_field) for r in RESOURCES),
    *((r, {r.text_field: "Nombre\x7f"}, r.text_field) for r in RESOURCES),
    *((r, {r.text_field: "Nombre\x85"}, r.text_field) for r in RESOURCES),
    *((r, {r.text_field: "Dos\nlíneas"}, r.text_field) for r in RESOURCES),
    *((r, {"source": "\tfuente"}, "source") for r in RESOURCES),
    (INSTITUTIONS, {"description": {"es": "Texto\x00"}}, "description"),
    (INSTITUTIONS, {"description": {"es": "Texto\rcon CR solo"}}, "description"),
    (INSTITUTIONS, {"description": {"es": "Texto", "e\x1bn": "Text"}}, "description"),
    (INSTITUTIONS, {"phones": [{"number": "+50212345678", "label": "\x01=1+1"}]}, "phones"),
    (INSTITUTIONS, {"opening_hours": {"note": {"es": "Lunes\x0b"}}}, "opening_hours"),
    (INSTITUTIONS, {"acronym": "\u009bPNA"}, "acronym"),
    (INSTITUTIONS, {"address": "Calle 1\x1f"}, "address"),
    (EMERGENCY_SERVICES, {"coverage_areas": ["Norte", "\x02Sur"]}, "coverage_areas"),
    (EMERGENCY_SERVICES, {"description": {"es": "\x03"}}, "description"),
    (PROTECTION_SYSTEMS, {"description": {"es": "Texto\x7f"}}, "description"),
    (FOCAL_POINTS, {"topics": ["niñez", "\x04"]}, "topics"),
    (FOCAL_POINTS, {"position": "Jefa\x9f"}, "position"),
]


async def test_control_characters_are_refused_in_every_text_field(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account
) -> None:
    records = {resource.name: resource.build("GT") for resource in RESOURCES}
    await factories.add(session, *records.values())
    before = {r.name: await written_state(store, r, records[r.name].id) for r in RESOURCES}

    observed = []
    for resource, fragment, _ in CONTROL_CHARACTERS:
        created = await client.post(
            resource.url(), json={**resource.create_body("GT"), **fragment}, headers=admin.headers
        )
        changed = await client.patch(
            resource.url(records[resource.name].id), json=fragment, headers=admin.with_if_match(etag(1))
        )
        observed += [
            (resource.name, fragment, r.request.method, r.status_code, fields_named(r)) for r in (created, changed)
        ]

    expected = [
        (resource.name, fragment, method, 422, [field])
        for resource, fragment, field in CONTROL_CHARACTERS
        for method in ("POST", "PATCH")
    ]
    assert observed == expected
    first = await client.post(
        INSTITUTIONS.url(), json={**INSTITUTIONS.create_body("GT"), "name": "\x01"}, headers=admin.headers
    )
    assert "must not contain control characters (found U+0001)" in error_of(first)["details"][0]["message"]
    assert {r.name: await written_state(store, r, records[r.name].id) for r in RESOURCES} == before


async def test_descriptions_keep_line_breaks_and_tabs(client: httpx.AsyncClient, store: Store, admin: Account) -> None:
    text = "Primera línea\n\tcon sangría\r\nTercera línea (CR LF, como la envía un navegador)"
    body = {**INSTITUTIONS.create_body("GT"), "description": {"es": text}}
    response = await client.post(INSTITUTIONS.url(), json=body, headers=admin.headers)
    assert response.status_code == 201, response.text
    assert (await store.get(INSTITUTIONS.model, response.json()["id"])).description == {"es": text}


async def test_reference_data_names_refuse_control_characters(client: httpx.AsyncClient, admin: Account) -> None:
    country = await client.post(
        "/api/v1/countries",
        json={"code": "CO", "name": {"es": "\x01Colombia", "en": "Colombia"}},
        headers=admin.headers,
    )
    service_type = await client.post(
        "/api/v1/service-types",
        json={
            "code": "child_friendly_spaces",
            "name": {"es": "Espacios", "en": "Spaces\x85"},
            "description": {"es": "Espacios seguros.", "en": "Safe spaces."},
        },
        headers=admin.headers,
    )
    assert [(r.status_code, fields_named(r)) for r in (country, service_type)] == [(422, ["name"]), (422, ["name"])]


async def test_coordinates_go_together(client: httpx.AsyncClient, store: Store, admin: Account) -> None:
    body = {**INSTITUTIONS.create_body("GT"), "latitude": 14.6}
    response = await client.post(INSTITUTIONS.url(), json=body, headers=admin.headers)
    assert response.status_code == 422
    assert fields_named(response) == ["longitude"]
    assert await store.count(INSTITUTIONS.model) == 0


async def test_a_body_that_is_not_a_json_object_is_refused(
    client: httpx.AsyncClient, store: Store, admin: Account
) -> None:
    bodies = [b"{not json", b"null", b"[]", b'"a string"', b""]
    observed = []
    for content in bodies:
        headers = {**admin.headers, "Content-Type": "application/json"}
        response = await client.post(INSTITUTIONS.url(), content=content, headers=headers)
        observed.append((content, response.status_code, error_of(response).get("code")))
    assert observed == [(content, 422, "invalid_parameter") for content in bodies]
    assert await store.count(INSTITUTIONS.model) == 0


def padded(body: dict[str, Any], size: int) -> bytes:
    """`body` as JSON of exactly `size` bytes (trailing whitespace is valid JSON)."""
    encoded = json.dumps(body).encode()
    assert len(encoded) <= size
    return encoded + b" " * (size - len(encoded))


async def test_bodies_over_max_body_bytes_get_413_and_write_nothing(
    app_client: AppClient, store: Store, admin: Account
) -> None:
    client = await app_client(max_body_bytes=2048)
    headers = {**admin.headers, "Content-Type": "application/json"}
    body = INSTITUTIONS.create_body("GT")

    over = await client.post(INSTITUTIONS.url(), content=padded(body, 2049), headers=headers)

    async def stream() -> Any:  # no Content-Length: the limit must hold while reading
        for _ in range(3):
            yield b" " * 1000
        yield json.dumps(body).encode()

    streamed = await client.post(INSTITUTIONS.url(), content=stream(), headers=headers)
    anonymous = await client.post(
        INSTITUTIONS.url(), content=padded(body, 4096), headers={"Content-Type": "application/json"}
    )

    for response in (over, streamed, anonymous):
        assert response.status_code == 413
        assert response.json()["error"]["status"] == 413
        assert response.json()["error"]["code"] == "payload_too_large"
    assert await store.count(INSTITUTIONS.model) == 0
    assert await store.events() == []

    at_limit = await client.post(INSTITUTIONS.url(), content=padded(body, 2048), headers=headers)
    assert at_limit.status_code == 201, at_limit.text


async def test_the_default_limit_is_max_body_bytes(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    huge = {"description": {"es": "a" * 1_000_000}}

    response = await client.patch(INSTITUTIONS.url(record.id), json=huge, headers=admin.with_if_match(etag(1)))

    assert response.status_code == 413
    assert (await store.get(INSTITUTIONS.model, record.id)).version == 1
