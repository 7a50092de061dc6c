"""GET /api/v1/stats/coverage: exact counts on a small arranged directory, gaps, privileges, editors' activity."""

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.types import utcnow
from tests import factories
from tests.curation.conftest import Account, MakeAccount, MakeUser
from tests.curation.resources import INSTITUTIONS

COVERAGE = "/api/v1/stats/coverage"
ALL_TYPES = 21  # the taxonomy loaded by the reference-data migration
COUNTRIES = ["BZ", "CA", "CR", "DO", "GT", "HN", "MX", "NI", "PA", "SV", "US"]
# Counts that exist for each record type; the others are null.
FIELDS = {
    "institutions": ("missing_coordinates", "missing_phone", "missing_spanish_description"),
    "emergency_services": ("missing_coordinates", "missing_phone", "missing_spanish_description"),
    "protection_systems": ("missing_spanish_description",),
    "focal_points": ("missing_phone",),
}


def quality(published: int = 0, not_verified: int = 0, due: int = 0, **missing: int) -> dict[str, int | None]:
    return {
        "published": published,
        "not_verified_12_months": not_verified,
        "open_reports": 0,
        "reconfirmation_due": due,
        **missing,
    }


def empty_records() -> dict[str, dict[str, int | None]]:
    return {
        kind: {
            **quality(),
            **dict.fromkeys(("missing_coordinates", "missing_phone", "missing_spanish_description"), None),
            **dict.fromkeys(fields, 0),
        }
        for kind, fields in FIELDS.items()
    }


async def coverage(client: httpx.AsyncClient, who: Account, **params: Any) -> dict[str, Any]:
    response = await client.get(COVERAGE, params=params, headers=who.headers)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    body: dict[str, Any] = response.json()
    return body


def country(body: dict[str, Any], code: str) -> dict[str, Any]:
    [found] = [entry for entry in body["countries"] if entry["country_code"] == code]
    return found


def by_type(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in entry["service_types"]}


def counts(institutions: int, emergency_services: int) -> dict[str, int]:
    return {
        "institutions": institutions,
        "emergency_services": emergency_services,
        "total": institutions + emergency_services,
    }


async def arrange_directory(session: AsyncSession) -> None:
    """Guatemala with every kind of gap and of record that must not count; one emergency service in Honduras."""
    now = utcnow()
    gone = now - timedelta(days=1)
    await factories.add(
        session,
        # Verified 364 days ago: still within the 12 months. Complete.
        factories.institution(
            country_code="GT",
            service_types=("legal_assistance", "emergency_hotline"),
            last_verified_at=now - timedelta(days=364),
        ),
        # Never verified, no coordinates, no phone, only an English description; tagged with two parent types.
        factories.institution(
            country_code="GT",
            service_types=("emergency_response", "shelter"),
            last_verified_at=None,
            latitude=None,
            longitude=None,
            phones=[],
            description={"en": "English only."},
        ),
        # Deleted, inactive, expired: none of them counts, so their types stay gaps.
        factories.institution(country_code="GT", service_types=("family_tracing",), deleted_at=gone, phones=[]),
        factories.institution(country_code="GT", service_types=("family_reunification",), status="inactive"),
        factories.institution(
            country_code="GT", service_types=("health_care",), valid_until=(now - timedelta(days=2)).date()
        ),
        # Two child types of emergency_response: counted once under the parent. Verified 366 days ago: stale.
        factories.emergency_service(
            country_code="GT",
            service_types=("emergency_hotline", "mobile_response_team"),
            last_verified_at=now - timedelta(days=366),
            phones=[],
        ),
        factories.emergency_service(country_code="GT", service_types=("anti_trafficking",), deleted_at=gone),
        factories.emergency_service(country_code="HN", service_types=("emergency_hotline",)),
        # A blank Spanish text is no Spanish text.
        factories.protection_system(country_code="GT", description={"es": "   ", "en": "National system."}),
        factories.protection_system(country_code="GT", status="inactive", description={"en": "Old."}),
        factories.focal_point(country_code="GT", public_phone=None, last_verified_at=now),
        factories.focal_point(country_code="GT", public_phone=None, deleted_at=gone),
    )


async def test_exact_counts_gaps_and_missing_fields_per_country(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account
) -> None:
    await arrange_directory(session)
    body = await coverage(client, admin)

    assert [entry["country_code"] for entry in body["countries"]] == COUNTRIES
    guatemala = country(body, "GT")
    types = by_type(guatemala)
    assert len(types) == ALL_TYPES
    provided = {
        # code: (direct, including subtypes)
        "legal_assistance": (counts(1, 0), counts(1, 0)),
        "emergency_hotline": (counts(1, 1), counts(1, 1)),
        "mobile_response_team": (counts(0, 1), counts(0, 1)),
        # Its own institution, plus the institution and the emergency service tagged with its children, each once.
        "emergency_response": (counts(1, 0), counts(2, 1)),
        "shelter": (counts(1, 0), counts(1, 0)),
    }
    for code, (direct, including_subtypes) in provided.items():
        assert (types[code]["direct"], types[code]["including_subtypes"]) == (direct, including_subtypes), code
    for code in types.keys() - provided.keys():
        assert (types[code]["direct"], types[code]["including_subtypes"]) == (counts(0, 0), counts(0, 0)), code
    assert types["emergency_hotline"]["parent_code"] == "emergency_response"

    gaps = guatemala["service_types_without_provider"]
    assert set(gaps) == types.keys() - provided.keys()
    # A parent's own provider does not fill its children; deleted, inactive and expired records fill nothing.
    assert {"emergency_shelter", "family_tracing", "family_reunification", "health_care", "anti_trafficking"} <= set(
        gaps
    )
    assert gaps == [code for code in types if code in gaps], "gaps keep the taxonomy order"

    assert guatemala["records"] == {
        # Verified 364 and 366 days ago: due within the notice period, and overdue.
        "institutions": quality(2, 1, 1, missing_coordinates=1, missing_phone=1, missing_spanish_description=1),
        "emergency_services": quality(1, 1, 1, missing_coordinates=0, missing_phone=1, missing_spanish_description=0),
        "protection_systems": quality(
            1, 1, missing_coordinates=None, missing_phone=None, missing_spanish_description=1
        ),
        "focal_points": quality(1, 0, missing_coordinates=None, missing_phone=1, missing_spanish_description=None),
    }

    honduras = country(body, "HN")
    assert by_type(honduras)["emergency_hotline"]["direct"] == counts(0, 1)
    assert by_type(honduras)["emergency_response"]["including_subtypes"] == counts(0, 1)
    assert honduras["records"]["emergency_services"] == quality(
        1, 1, missing_coordinates=0, missing_phone=0, missing_spanish_description=0
    )

    belize = country(body, "BZ")
    assert len(belize["service_types_without_provider"]) == ALL_TYPES
    assert belize["records"] == empty_records()

    totals = body["totals"]
    total_types = by_type(totals)
    assert total_types["emergency_hotline"]["direct"] == counts(1, 2)
    assert total_types["emergency_response"]["including_subtypes"] == counts(2, 2)
    assert set(totals["service_types_without_provider"]) == set(gaps)
    assert totals["records"]["emergency_services"] == quality(
        2, 2, 1, missing_coordinates=0, missing_phone=1, missing_spanish_description=0
    )
    assert totals["records"]["focal_points"] == guatemala["records"]["focal_points"]
    assert body["unverified_before"] < body["generated_at"]


async def test_anonymous_and_invalid_tokens_are_refused(client: httpx.AsyncClient) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = await client.get(COVERAGE, params={"country": "XX"}, headers=headers)
        assert response.status_code == 401, response.text
        assert response.json()["error"]["code"] == "unauthorized"
        assert "countries" not in response.text


@pytest.mark.parametrize("value", ["XX", "GTM", "G"])
async def test_an_unknown_country_is_a_422_naming_the_parameter(
    client: httpx.AsyncClient, admin: Account, value: str
) -> None:
    response = await client.get(COVERAGE, params={"country": ["GT", value]}, headers=admin.headers)
    assert response.status_code == 422, response.text
    [detail] = response.json()["error"]["details"]
    assert (detail["location"], detail["field"]) == ("query", "country")
    assert value.upper() in detail["message"]


async def test_an_editor_sees_only_the_countries_on_their_account(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, editor_gt: Account
) -> None:
    await arrange_directory(session)
    other_editor = await account("editor", ["HN"])

    body = await coverage(client, editor_gt)
    assert [entry["country_code"] for entry in body["countries"]] == ["GT"]
    # The totals are those of Guatemala alone: nothing of Honduras shows through them.
    assert body["totals"]["records"] == country(body, "GT")["records"]
    assert by_type(body["totals"])["emergency_hotline"]["direct"] == counts(1, 1)
    assert [entry["user_id"] for entry in body["editors"]] == [editor_gt.id]
    assert other_editor.id not in str(body)

    # Asking for a country the account may not read is refused, not silently narrowed.
    for requested in (["HN"], ["GT", "HN"]):
        refused = await client.get(COVERAGE, params={"country": requested}, headers=editor_gt.headers)
        assert refused.status_code == 403, refused.text
        assert "HN" in refused.json()["error"]["message"]
    assert [entry["country_code"] for entry in (await coverage(client, editor_gt, country="gt"))["countries"]] == ["GT"]


async def test_a_viewer_sees_their_countries_and_no_editor(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, viewer_gt: Account
) -> None:
    await arrange_directory(session)
    await account("editor", ["GT"])
    body = await coverage(client, viewer_gt)
    assert [entry["country_code"] for entry in body["countries"]] == ["GT"]
    assert body["editors"] == []
    nowhere = await account("viewer", [], name="nowhere")
    empty = await coverage(client, nowhere)
    assert (empty["countries"], empty["editors"]) == ([], [])
    assert empty["totals"]["records"] == empty_records()
    assert len(empty["totals"]["service_types_without_provider"]) == ALL_TYPES


async def test_an_administrator_narrows_countries_and_editors_with_the_filter(
    client: httpx.AsyncClient, account: MakeAccount, make_user: MakeUser, admin: Account, editor_gt: Account
) -> None:
    editor_hn = await account("editor", ["HN", "SV"])
    viewer = await account("viewer", ["GT"])
    # A deactivated editor still shows, marked inactive: their countries may have nobody left to keep them.
    former = await make_user("editor", ["GT"], is_active=False)

    everyone = await coverage(client, admin)
    activity = {entry["user_id"]: entry for entry in everyone["editors"]}
    assert activity.keys() == {admin.id, editor_gt.id, editor_hn.id, former.id}
    assert [activity[who]["is_active"] for who in (former.id, editor_gt.id)] == [False, True]
    assert (activity[admin.id]["role"], activity[admin.id]["countries"]) == ("admin", [])
    assert viewer.id not in str(everyone["editors"])
    emails = [entry["email"] for entry in everyone["editors"]]
    assert emails == sorted(emails)

    body = await coverage(client, admin, country=["sv", "GT"])
    assert [entry["country_code"] for entry in body["countries"]] == ["GT", "SV"]
    assert {entry["user_id"] for entry in body["editors"]} == {admin.id, editor_gt.id, editor_hn.id, former.id}
    body = await coverage(client, admin, country="SV")
    assert {entry["user_id"] for entry in body["editors"]} == {admin.id, editor_hn.id}


async def test_editor_activity_follows_writes_through_the_api(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, admin: Account, editor_gt: Account
) -> None:
    idle = await account("editor", ["GT"], name="idle")
    retired = await account("editor", ["HN"], name="retired")
    now = utcnow()
    # Earlier activity, stored directly: 60 days ago for the GT editor, 200 days ago for the retired one.
    session.add_all(
        [
            AuditEvent(
                occurred_at=now - timedelta(days=days),
                actor_id=who.id,
                actor_email="someone@example.org",
                entity_type="institution",
                entity_id="old",
                action="update",
            )
            for who, days in ((editor_gt, 60), (retired, 200))
        ]
    )
    await session.commit()
    before = await coverage(client, admin, country="GT")

    started = utcnow()
    created = await client.post(INSTITUTIONS.url(), json=INSTITUTIONS.create_body("GT"), headers=editor_gt.headers)
    assert created.status_code == 201, created.text
    finished = utcnow()

    body = await coverage(client, admin)
    activity = {entry["user_id"]: entry for entry in body["editors"]}
    mine = activity[editor_gt.id]
    assert started.isoformat() <= mine["last_activity_at"].replace("Z", "+00:00") <= finished.isoformat()
    assert (mine["changes_last_30_days"], mine["changes_last_90_days"]) == (1, 2)
    assert (mine["role"], mine["countries"], mine["is_active"]) == ("editor", ["GT"], True)
    old = activity[retired.id]
    assert old["last_activity_at"] is not None
    assert (old["changes_last_30_days"], old["changes_last_90_days"]) == (0, 0)
    assert (activity[idle.id]["last_activity_at"], activity[idle.id]["changes_last_90_days"]) == (None, 0)
    # The new record counts at once: signed-in answers are never served from the cache.
    legal = by_type(country(body, "GT"))["legal_assistance"]["direct"]["institutions"]
    assert legal == by_type(country(before, "GT"))["legal_assistance"]["direct"]["institutions"] + 1

    # The editor sees their own entry, with the same figures.
    own = await coverage(client, editor_gt)
    assert own["editors"] == [mine]
