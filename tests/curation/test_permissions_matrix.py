"""Who may write what: every role against every write route of every resource, for a record of the account's
country (GT) and of another (HN). The matrix is generated from RESOURCES × ROLES × ROUTES × COUNTRIES."""

from itertools import product
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import snapshot
from app.core.config import Settings
from app.core.types import utcnow
from app.main import create_app
from tests import factories
from tests.curation.conftest import Account, AppClient, MakeAccount
from tests.curation.resources import API, FOCAL_POINTS, INSTITUTIONS, RESOURCES, Resource, Store, etag

ROLES = {
    "admin": ("admin", []),
    "editor_gt": ("editor", ["GT"]),
    "reviewer_gt": ("reviewer", ["GT"]),
    "viewer_gt": ("viewer", ["GT"]),
    "anonymous": None,
}
ROUTES = {"create": ("POST", ""), "update": ("PATCH", ""), "delete": ("DELETE", ""), "verify": ("POST", "/verify")}
COUNTRIES = ["GT", "HN"]
SUCCESS = {"create": 201, "update": 200, "delete": 204, "verify": 200}
ERROR_CODES = {401: "unauthorized", 403: "forbidden"}


def expected_status(role: str, route: str, country: str) -> int:
    if role == "anonymous":
        return 401
    if role in ("viewer_gt", "reviewer_gt") or (role == "editor_gt" and country != "GT"):
        return 403
    return SUCCESS[route]


async def make_role(account: MakeAccount, role: str) -> Account:
    spec = ROLES[role]
    return await account("anonymous") if spec is None else await account(spec[0], spec[1])


async def state(store: Store, resource: Resource, record_id: str) -> dict[str, Any]:
    record = await store.get(resource.model, record_id)
    assert record is not None
    return snapshot(record)


def test_every_write_route_is_in_the_table() -> None:
    """A record type that gains write routes must get a row in RESOURCES, or the matrix would silently skip it.

    Accounts and the admin-only reference data (countries, service types) are not records of one country; imports
    check each row's country (tests/imports); reports and proposals have their own matrices below.
    """
    not_country_records = tuple(
        f"{API}/{name}" for name in ("auth", "users", "countries", "service-types", "imports", "reports", "proposals")
    )
    written = {
        path
        for path, operations in create_app(Settings(environment="test")).openapi()["paths"].items()
        if {"post", "patch", "delete"} & operations.keys() and not path.startswith(not_country_records)
    }
    table = set()
    for resource in RESOURCES:
        id_param = next(p for p in written if p.startswith(resource.path + "/{") and not p.endswith("/verify"))
        table |= {resource.path, id_param, id_param + "/verify"}
    assert written == table


EFFECTS = {"create": "created", "update": "changed", "delete": "deleted", "verify": "verified"}


def expected_outcome(role: str, route: str, country: str) -> tuple[int, str]:
    status = expected_status(role, route, country)
    return status, EFFECTS[route] if status < 400 else "nothing written"


def refusal(response: httpx.Response, unchanged: bool, events: list[Any]) -> str:
    code = response.json()["error"]["code"]
    if code != ERROR_CODES.get(response.status_code):
        return f"error code {code!r}"
    return "nothing written" if unchanged else f"wrote something: {events}"


async def run_case(
    client: httpx.AsyncClient,
    session: AsyncSession,
    store: Store,
    resource: Resource,
    actor: Account,
    route: str,
    country: str,
) -> tuple[int, str]:
    """Send one write and describe what it did to the database, checked against every trace it should leave."""
    method, suffix = ROUTES[route]
    started = utcnow()
    if route == "create":
        body = resource.create_body(country)
        count_before = await store.count(resource.model)
        events_before = await store.events(entity_type=resource.entity_type)
        response = await client.post(resource.url(), json=body, headers=actor.headers)
        created_id = response.json().get("id") if response.status_code == 201 else None
        events = (await store.events(entity_type=resource.entity_type))[len(events_before) :]
        if created_id is None:
            unchanged = await store.count(resource.model) == count_before and events == []
            return response.status_code, refusal(response, unchanged, events)
        stored = await store.get(resource.model, created_id)
        checks = [
            response.headers.get("ETag") == resource.etag(1),
            response.headers.get("Location") == resource.url(created_id),
            response.json()["country_code"] == country,
            await store.count(resource.model) == count_before + 1,
            stored is not None and getattr(stored, resource.text_field) == body[resource.text_field],
            [(e.entity_id, e.action, e.actor_id) for e in events] == [(created_id, "create", actor.id)],
        ]
        return response.status_code, "created" if all(checks) else f"create inconsistent: {checks}"

    record = resource.build(country)
    await factories.add(session, record)
    before = await state(store, resource, record.id)
    json = {resource.text_field: "Valor cambiado"} if route == "update" else None
    response = await client.request(
        method, resource.url(record.id, suffix), json=json, headers=actor.with_if_match(etag(1))
    )
    events = await store.events(entity_id=record.id)
    stored = await store.get(resource.model, record.id)
    if response.status_code >= 400:
        unchanged = snapshot(stored) == before and events == []
        return response.status_code, refusal(response, unchanged, events)
    checks = [
        stored.version == 2,
        [(e.entity_type, e.action, e.actor_id) for e in events] == [(resource.entity_type, route, actor.id)],
    ]
    if route == "update":
        checks.append(getattr(stored, resource.text_field) == "Valor cambiado")
    elif route == "delete":
        checks.append(stored.deleted_at is not None)
        checks.append((await client.get(resource.url(record.id))).status_code == 404)
    else:
        checks.append(stored.verified_by_id == actor.id)
        checks.append(stored.last_verified_at is not None and started <= stored.last_verified_at <= utcnow())
    return response.status_code, EFFECTS[route] if all(checks) else f"{route} inconsistent: {checks}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_role_against_each_write_route_and_country(
    client: httpx.AsyncClient,
    session: AsyncSession,
    store: Store,
    account: MakeAccount,
    resource: Resource,
    role: str,
) -> None:
    """One role, every (route, country) case, each on a record of its own: the whole row of the matrix at once."""
    actor = await make_role(account, role)
    observed = {}
    for route, country in product(ROUTES, COUNTRIES):
        observed[route, country] = await run_case(client, session, store, resource, actor, route, country)
    expected = {
        (route, country): expected_outcome(role, route, country) for route, country in product(ROUTES, COUNTRIES)
    }
    assert observed == expected


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_editor_cannot_move_a_record_to_a_country_not_on_their_account(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, account: MakeAccount, resource: Resource
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)
    before = await state(store, resource, record.id)
    editor = await account("editor", ["GT"])

    response = await client.patch(
        resource.url(record.id), json={"country_code": "HN"}, headers=editor.with_if_match(etag(1))
    )

    assert response.status_code == 403, response.text
    assert "'HN'" in response.json()["error"]["message"]
    assert await state(store, resource, record.id) == before
    assert await store.events(entity_type=resource.entity_type) == []

    both = await account("editor", ["GT", "HN"])
    response = await client.patch(
        resource.url(record.id), json={"country_code": "hn"}, headers=both.with_if_match(etag(1))
    )
    assert response.status_code == 200, response.text
    assert response.json()["country_code"] == "HN"
    assert (await store.get(resource.model, record.id)).country_code == "HN"


async def test_a_refused_caller_learns_that_before_a_missing_if_match(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount
) -> None:
    record = factories.institution(country_code="HN")
    await factories.add(session, record)
    expectations = [
        ("anonymous", [], 401),
        ("viewer", ["HN"], 403),
        ("editor", ["GT"], 403),
        ("editor", ["HN"], 428),
        ("admin", [], 428),
    ]
    observed, expected = {}, {}
    for role, countries, status in expectations:
        actor = await account(role, countries)
        for method, suffix in [("PATCH", ""), ("DELETE", ""), ("POST", "/verify")]:
            json = {"name": "x"} if method == "PATCH" else None
            response = await client.request(
                method, INSTITUTIONS.url(record.id, suffix), json=json, headers=actor.headers
            )
            observed[role, *countries, method + suffix] = response.status_code
            expected[role, *countries, method + suffix] = status
    assert observed == expected


async def test_private_focal_point_contact_by_role_and_country(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount
) -> None:
    records = {country: factories.focal_point(country_code=country) for country in COUNTRIES}
    await factories.add(session, *records.values())
    actors = {role: await make_role(account, role) for role in ROLES}
    observed = {}
    for role, country in product(ROLES, COUNTRIES):
        response = await client.get(FOCAL_POINTS.url(records[country].id, "/private"), headers=actors[role].headers)
        observed[role, country] = response.status_code
        if response.status_code == 200:
            assert response.json()["personal_contact"] == {
                "email": records[country].personal_email,
                "phone": records[country].personal_phone,
            }
            assert response.headers["Cache-Control"] == "private, no-store"
    assert observed == {
        ("admin", "GT"): 200,
        ("admin", "HN"): 200,
        ("editor_gt", "GT"): 200,
        ("editor_gt", "HN"): 403,
        ("reviewer_gt", "GT"): 200,
        ("reviewer_gt", "HN"): 403,
        ("viewer_gt", "GT"): 200,
        ("viewer_gt", "HN"): 403,
        ("anonymous", "GT"): 401,
        ("anonymous", "HN"): 401,
    }


async def test_reports_and_reconfirmations_by_role_and_country(
    app_client: AppClient, session: AsyncSession, account: MakeAccount
) -> None:
    """Anyone reports; administrators and the country's editors and reviewers read and handle reports and
    re-confirmations;
    whoever may read the country sees a record's private follow-up."""
    # Every role reports twice: more than the default limit per address.
    client = await app_client(reports_per_client=100)
    records = {country: factories.institution(country_code=country) for country in COUNTRIES}
    await factories.add(session, *records.values())
    actors = {role: await make_role(account, role) for role in ROLES}
    report_ids = {}
    for country, record in records.items():
        sent = await client.post(
            f"{API}/reports", json={"record_type": "institution", "record_id": record.id, "reason": "closed"}
        )
        report_ids[country] = sent.json()["id"]

    def requests(country: str) -> dict[str, tuple[str, str, dict[str, Any] | None]]:
        return {
            "report": (
                "POST",
                "/reports",
                {"record_type": "institution", "record_id": records[country].id, "reason": "moved"},
            ),
            "list reports": ("GET", f"/reports?country={country}", None),
            "handle report": ("PATCH", f"/reports/{report_ids[country]}", {"status": "resolved", "note": "Hecho."}),
            "follow-up": ("GET", f"/reports/records/institution/{records[country].id}", None),
            "reconfirmations": ("GET", f"/reconfirmations?country={country}", None),
        }

    observed = {}
    for role, country in product(ROLES, COUNTRIES):
        for route, (method, path, json) in requests(country).items():
            response = await client.request(method, API + path, json=json, headers=actors[role].headers)
            observed[role, country, route] = response.status_code

    def expected(role: str, country: str, route: str) -> int:
        if route == "report":
            return 201
        if role == "anonymous":
            return 401
        readable = role == "admin" or country == "GT"
        if route == "follow-up":
            return 200 if readable else 403
        return 200 if readable and role != "viewer_gt" else 403

    assert observed == {key: expected(*key) for key in observed}


PROPOSAL_ROUTES = {
    "list": ("GET", "?country={country}", None),
    "read": ("GET", "/{id}", None),
    "approve": ("POST", "/{id}/approve", None),
    "reject": ("POST", "/{id}/reject", {"reason": "Sin confirmar."}),
    "withdraw": ("POST", "/{id}/withdraw", None),
}


def expected_for_proposal(role: str, country: str, route: str) -> int:
    """Administrators decide all; reviewers their countries'; the author reads and withdraws; editors list their
    own (so a list of any country answers, with only theirs); never may the author decide."""
    if role == "anonymous":
        return 401
    if role == "author":
        return 200 if route in ("list", "read", "withdraw") else 403
    if role == "editor_gt":
        return 200 if route == "list" else 403
    deciding = role == "admin" or (role == "reviewer_gt" and country == "GT")
    return 200 if deciding and route != "withdraw" else 403


async def test_proposals_by_role_and_country(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount
) -> None:
    """Each (role, country, route) on a fresh proposal of an editor of that country, with review on (the default
    of every country; the fixture switched it off for the editors' countries)."""
    actors = {role: await make_role(account, role) for role in ROLES}
    admin = actors["admin"]
    authors = {country: await account("editor", [country], name="author") for country in COUNTRIES}
    actors["author"] = authors["GT"]
    for country in COUNTRIES:
        url = f"{API}/countries/{country}"
        tag = (await client.get(url)).headers["ETag"]
        switched = await client.patch(url, json={"review_required": True}, headers=admin.with_if_match(tag))
        assert switched.status_code == 200, switched.text

    async def proposal(country: str) -> str:
        record = factories.institution(country_code=country)
        await factories.add(session, record)
        response = await client.patch(
            INSTITUTIONS.url(record.id), json={"name": "Propuesto"}, headers=authors[country].with_if_match(etag(1))
        )
        assert response.status_code == 202, response.text
        return str(response.json()["id"])

    observed, expected = {}, {}
    for role, country in product(actors, COUNTRIES):
        if role == "author" and country != "GT":
            continue
        for route, (method, path, json) in PROPOSAL_ROUTES.items():
            target = path.format(country=country, id=await proposal(country) if "{id}" in path else "")
            response = await client.request(method, f"{API}/proposals{target}", json=json, headers=actors[role].headers)
            observed[role, country, route] = response.status_code
            expected[role, country, route] = expected_for_proposal(role, country, route)
    assert observed == expected
