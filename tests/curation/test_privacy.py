"""Focal points' personal contacts never appear on a public route: every GET of the OpenAPI document is called
with real ids, anonymously and signed in, and no answer may contain a personal e-mail or phone."""

import re
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.proposals.models import Proposal
from tests import factories
from tests.curation.conftest import Account, MakeAccount


async def arrange(session: AsyncSession) -> dict[str, Any]:
    institution = factories.institution(country_code="MX")
    system = factories.protection_system(country_code="MX")
    await factories.add(session, institution, system)
    focal_points = [
        factories.focal_point(country_code="MX", protection_system_id=system.id, institution_id=institution.id),
        factories.focal_point(country_code="GT"),
        factories.focal_point(country_code="MX", status="inactive"),
    ]
    service = factories.emergency_service(country_code="MX", institution_id=institution.id)
    await factories.add(session, *focal_points, service)
    return {"institution": institution, "system": system, "focal_points": focal_points, "service": service}


async def hsds_ids(client: httpx.AsyncClient, paths: list[str]) -> dict[str, str]:
    """For each HSDS route by id, the id of the first item its list answers."""
    ids = {}
    for path in paths:
        if path.startswith("/hsds/") and path.endswith("/{id}"):
            response = await client.get(path.removesuffix("/{id}"))
            assert response.status_code == 200, response.text
            ids[path] = response.json()["contents"][0]["id"]
    return ids


def concrete(path: str, records: dict[str, Any]) -> str:
    """The path with a real value for each parameter; an unknown parameter fails the test, so no route is skipped."""
    values = {
        "id": records["hsds_ids"].get(path),
        "resource": "focal_points",
        "institution_id": records["institution"].id,
        "service_id": records["service"].id,
        "system_id": records["system"].id,
        "focal_point_id": records["focal_points"][0].id,
        "user_id": records["user_id"],
        "code": "legal_assistance" if "/service-types/" in path else "MX",
        "record_type": "institution",
        "record_id": records["institution"].id,
        "proposal_id": records.get("proposal_id"),
    }

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert values.get(name) is not None, f"no value for path parameter {name!r} of {path}"
        return str(values[name])

    return re.sub(r"\{([^}]+)\}", value, path)


async def test_no_public_route_shows_a_personal_contact(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount
) -> None:
    admin: Account = await account("admin")
    viewer: Account = await account("viewer", ["HN"])
    records = await arrange(session) | {"user_id": viewer.id}
    # A change waiting for review, so that the proposals' routes are called with a real id too.
    proposal = Proposal(
        record_type="institution",
        record_id=records["institution"].id,
        action="update",
        payload={"name": "Nombre propuesto"},
        base_version=1,
        country_code="MX",
        author_id="00000000-0000-4000-8000-000000000001",
        author_email="author@example.org",
    )
    await factories.add(session, proposal)
    records["proposal_id"] = proposal.id
    personal = [v for fp in records["focal_points"] for v in (fp.personal_email, fp.personal_phone)]
    assert len(set(personal)) == 6
    openapi = (await client.get("/openapi.json")).json()
    routes = {path: ops["get"] for path, ops in openapi["paths"].items() if "get" in ops}
    # No security requirement, or the empty one among others: signing in is optional.
    public = {path for path, op in routes.items() if not op.get("security") or {} in op["security"]}
    records["hsds_ids"] = await hsds_ids(client, sorted(routes))
    assert {"/api/v1/focal-points", "/api/v1/focal-points/{focal_point_id}"} <= public
    assert "/api/v1/focal-points/{focal_point_id}/private" not in public

    extra_queries = [
        "/api/v1/focal-points?status=inactive",
        "/api/v1/focal-points?country=MX&limit=100",
        f"/api/v1/focal-points?q={records['focal_points'][0].personal_email.split('@')[0]}",
        "/api/v1/countries/MX?lang=en",
    ]
    calls = [(concrete(path, records), who) for path in sorted(routes) for who in ("anonymous", "admin", "viewer")]
    calls += [(url, "anonymous") for url in extra_queries]
    headers = {"anonymous": {}, "admin": admin.headers, "viewer": viewer.headers}

    leaks, statuses = [], {}
    for url, who in calls:
        response = await client.get(url, headers=headers[who])
        statuses[url, who] = response.status_code
        text = response.text + " ".join(f"{k}: {v}" for k, v in response.headers.items())
        is_private_route = url.endswith("/private")
        if not (is_private_route and who == "admin"):
            leaks += [(url, who, value) for value in personal if value in text]

    assert leaks == []
    # An error's body holds no personal contact: every answer must be the one its caller is entitled to.
    public_urls = {concrete(path, records) for path in public} | set(extra_queries)

    def entitled(url: str, who: str) -> set[int]:
        if url in public_urls or who == "admin":
            return {200}
        return {401} if who == "anonymous" else {200, 403}  # a viewer is refused the admin-only routes

    assert {key: status for key, status in statuses.items() if status not in entitled(*key)} == {}
    private_url = concrete("/api/v1/focal-points/{focal_point_id}/private", records)
    assert (statuses[private_url, "anonymous"], statuses[private_url, "viewer"], statuses[private_url, "admin"]) == (
        401,
        403,
        200,
    )


async def test_public_answers_carry_the_institutional_contact_only(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    records = await arrange(session)
    focal = records["focal_points"][0]

    answers = [
        await client.get(f"/api/v1/focal-points/{focal.id}"),
        await client.get("/api/v1/focal-points", params={"country": "MX"}),
        await client.get("/api/v1/focal-points", params={"q": focal.personal_email.split("@")[0]}),
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200], [answer.text for answer in answers]
    detail, listing, found = (answer.json() for answer in answers)
    listed = listing["items"]

    assert detail["public_contact"] == {"email": focal.public_email, "phone": focal.public_phone}
    assert [item["id"] for item in listed] == [focal.id]
    assert listed[0]["public_contact"] == detail["public_contact"]
    assert not {"personal_contact", "personal_email", "personal_phone"} & detail.keys()
    assert found["total"] == 0


async def test_writes_answer_without_the_personal_contact(client: httpx.AsyncClient, account: MakeAccount) -> None:
    editor = await account("editor", ["GT"])
    body = {
        "full_name": "Persona Focal Nueva",
        "country_code": "GT",
        "public_email": "oficina@example.org",
        "personal_email": "solo.para.la.secretaria@example.org",
        "personal_phone": "+50255550123",
    }

    created = await client.post("/api/v1/focal-points", json=body, headers=editor.headers)

    assert created.status_code == 201, created.text
    assert created.json()["public_contact"]["email"] == "oficina@example.org"
    assert "solo.para.la.secretaria" not in created.text
    assert "+50255550123" not in created.text
    private = await client.get(f"/api/v1/focal-points/{created.json()['id']}/private", headers=editor.headers)
    assert private.status_code == 200, private.text
    assert private.json()["personal_contact"] == {
        "email": "solo.para.la.secretaria@example.org",
        "phone": "+50255550123",
    }


async def test_no_public_route_shows_reports_or_their_counts(client: httpx.AsyncClient, session: AsyncSession) -> None:
    """Reports of wrong data and how many are open are for the TS and the editors: never on a public route."""
    records = await arrange(session) | {"user_id": None}
    secret = "Texto del aviso: solo para la Secretaria"
    for record_type, record in (("institution", records["institution"]), ("emergency_service", records["service"])):
        body = {"record_type": record_type, "record_id": record.id, "reason": "other", "text": secret}
        assert (await client.post("/api/v1/reports", json=body)).status_code == 201
    openapi = (await client.get("/openapi.json")).json()
    public = sorted(path for path, ops in openapi["paths"].items() if "get" in ops and not ops["get"].get("security"))
    records["hsds_ids"] = await hsds_ids(client, public)
    urls = [concrete(path, records) for path in public]
    urls += [
        f"/directory/institutions/{records['institution'].id}",
        f"/directory/emergency-services/{records['service'].id}",
        "/directory/countries/MX",
    ]
    leaks = []
    for url in urls:
        response = await client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        leaks += [(url, word) for word in (secret, "open_reports", "reported_records") if word in response.text]
    assert leaks == []
    assert {"/api/v1/reports", "/api/v1/reconfirmations"}.isdisjoint(public)
