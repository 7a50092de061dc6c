"""Reports of wrong data: sent anonymously, rate-limited per address (never stored), read and handled by the
administrators and the editors of the record's country, counted privately."""

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.throttle import LoginThrottleCounter
from app.core.errors import ConflictError
from app.reports import service
from app.reports.models import Report, ReportUpdate
from tests import factories
from tests.curation.conftest import Account, AppClient, MakeAccount
from tests.curation.resources import Store

URL = "/api/v1/reports"


def body(record: Any, record_type: str = "institution", **fields: Any) -> dict[str, Any]:
    return {"record_type": record_type, "record_id": record.id, "reason": "number_does_not_answer", **fields}


async def test_anyone_reports_a_published_record_and_nothing_about_them_is_kept(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account
) -> None:
    record = factories.emergency_service(country_code="HN")
    await factories.add(session, record)
    headers = {"User-Agent": "Cheap phone browser 1.0"}

    response = await client.post(
        URL, json=body(record, "emergency_service", text="Suena ocupado\ntodo el día."), headers=headers
    )

    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt.keys() == {"id", "record_type", "record_id", "reason", "created_at"}
    [stored] = await store.all(Report)
    assert (stored.id, stored.country_code, stored.status, stored.text) == (
        receipt["id"],
        "HN",
        "open",
        "Suena ocupado\ntodo el día.",
    )
    # Neither the address nor the browser is anywhere: not on the report, not in the throttle's counters.
    kept = " ".join(str(value) for value in vars(stored).values())
    counters = [counter.key for counter in await store.all(LoginThrottleCounter) if counter.key.startswith("report:")]
    assert len(counters) == 1
    kept += " ".join(counters)
    assert "127.0.0.1" not in kept
    assert "Cheap phone" not in kept
    listed = await client.get(URL, headers=admin.headers)
    assert [item["id"] for item in listed.json()["items"]] == [receipt["id"]]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"record_id": "no-such-record"}, "record_id"),
        ({"record_type": "focal_point"}, "record_id"),  # the id is an institution's
        ({"record_type": "user"}, "record_type"),
        ({"reason": "rude"}, "reason"),
        ({"text": "x" * 1001}, "text"),
        ({"text": "borrar\x1b[2J"}, "text"),
        ({"text": "nul\x00"}, "text"),
        ({"email": "me@example.org"}, "email"),
    ],
)
async def test_a_bad_report_is_a_422_naming_the_field(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, change: dict[str, Any], field: str
) -> None:
    record = factories.institution()
    await factories.add(session, record)

    response = await client.post(URL, json={**body(record), **change})

    assert response.status_code == 422, response.text
    assert [detail["field"] for detail in response.json()["error"]["details"]] == [field]
    assert await store.all(Report) == []


@pytest.mark.parametrize(
    "fields",
    [{"status": "inactive"}, {"deleted_at": datetime(2026, 1, 1, tzinfo=UTC)}, {"valid_until": datetime(2020, 1, 1)}],
    ids=["inactive", "deleted", "expired"],
)
async def test_only_published_records_can_be_reported(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any]
) -> None:
    record = factories.institution(**fields)
    await factories.add(session, record)
    response = await client.post(URL, json=body(record))
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "record_id"


async def test_reports_are_limited_per_client_address(app_client: AppClient, session: AsyncSession) -> None:
    record = factories.institution()
    await factories.add(session, record)
    client = await app_client(reports_per_client=2, trusted_proxies=1)

    def sent_from(address: str) -> dict[str, str]:
        return {"X-Forwarded-For": address}

    statuses = [
        (await client.post(URL, json=body(record), headers=sent_from("203.0.113.9"))).status_code for _ in "abc"
    ]
    refused = await client.post(URL, json=body(record), headers=sent_from("203.0.113.9"))
    other = await client.post(URL, json=body(record), headers=sent_from("198.51.100.4"))

    assert statuses == [201, 201, 429]
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert other.status_code == 201


async def test_who_reads_the_reports(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, admin: Account
) -> None:
    records = {code: factories.institution(country_code=code) for code in ("GT", "HN")}
    await factories.add(session, *records.values())
    for record in records.values():
        assert (await client.post(URL, json=body(record))).status_code == 201
    editor_gt = await account("editor", ["GT"])

    def countries(response: httpx.Response) -> list[str]:
        assert response.status_code == 200, response.text
        assert response.headers["Cache-Control"] == "private, no-store"
        return [item["country_code"] for item in response.json()["items"]]

    assert countries(await client.get(URL, headers=admin.headers)) == ["GT", "HN"]
    assert countries(await client.get(URL, params={"country": "hn"}, headers=admin.headers)) == ["HN"]
    assert countries(await client.get(URL, headers=editor_gt.headers)) == ["GT"]
    refused = await client.get(URL, params={"country": ["GT", "HN"]}, headers=editor_gt.headers)
    assert refused.status_code == 403
    assert "HN" in refused.json()["error"]["message"]
    assert countries(await client.get(URL, params={"status": "resolved"}, headers=admin.headers)) == []
    assert countries(await client.get(URL, params={"record_type": "focal_point"}, headers=admin.headers)) == []
    by_record = await client.get(URL, params={"record_id": records["HN"].id}, headers=admin.headers)
    assert countries(by_record) == ["HN"]
    paged = (await client.get(URL, params={"limit": 1, "offset": 1}, headers=admin.headers)).json()
    assert (paged["total"], len(paged["items"])) == (2, 1)


async def test_an_editor_resolves_a_report_of_their_country_with_a_note_in_the_audit_trail(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, editor_gt: Account
) -> None:
    records = {code: factories.institution(country_code=code) for code in ("GT", "HN")}
    await factories.add(session, *records.values())
    ids = {code: (await client.post(URL, json=body(record))).json()["id"] for code, record in records.items()}

    response = await client.patch(
        f"{URL}/{ids['GT']}", json={"status": "resolved", "note": "Número corregido."}, headers=editor_gt.headers
    )
    other = await client.patch(
        f"{URL}/{ids['HN']}", json={"status": "dismissed", "note": "No."}, headers=editor_gt.headers
    )

    assert response.status_code == 200, response.text
    handled = response.json()
    assert (handled["status"], handled["note"], handled["handled_by_id"]) == (
        "resolved",
        "Número corregido.",
        editor_gt.id,
    )
    assert other.status_code == 403
    [event] = await store.events(entity_type="report")
    assert (event.entity_id, event.action, event.actor_id) == (ids["GT"], "update", editor_gt.id)
    assert (event.before["status"], event.after["status"]) == ("open", "resolved")
    assert (await store.get(Report, ids["HN"])).status == "open"


@pytest.mark.parametrize(
    "change", [{"status": "open", "note": "x"}, {"status": "resolved"}, {"status": "resolved", "note": ""}]
)
async def test_handling_needs_a_decision_and_a_note(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account, change: dict[str, Any]
) -> None:
    record = factories.institution()
    await factories.add(session, record)
    report_id = (await client.post(URL, json=body(record))).json()["id"]
    response = await client.patch(f"{URL}/{report_id}", json=change, headers=admin.headers)
    assert response.status_code == 422, response.text


async def test_the_private_view_counts_open_reports_and_gives_the_reconfirmation_date(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, admin: Account
) -> None:
    record = factories.emergency_service(country_code="GT", last_verified_at=datetime(2026, 5, 31, 12, tzinfo=UTC))
    await factories.add(session, record)
    ids = [(await client.post(URL, json=body(record, "emergency_service"))).json()["id"] for _ in range(3)]
    await client.patch(f"{URL}/{ids[0]}", json={"status": "dismissed", "note": "Duplicado."}, headers=admin.headers)
    private = f"{URL}/records/emergency_service/{record.id}"

    viewer = await account("viewer", ["GT"])
    response = await client.get(private, headers=viewer.headers)

    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.json() == {
        "record_type": "emergency_service",
        "record_id": record.id,
        "country_code": "GT",
        "open_reports": 2,
        "last_verified_at": "2026-05-31T12:00:00Z",
        # Three months, the end of August having no 31st day.
        "reconfirm_by": "2026-08-31T12:00:00Z",
    }
    others = await account("viewer", ["HN"])
    assert (await client.get(private, headers=others.headers)).status_code == 403
    assert (await client.get(private)).status_code == 401
    assert (await client.get(f"{URL}/records/institution/{record.id}", headers=admin.headers)).status_code == 404


async def test_the_coverage_view_counts_open_reports_per_country_and_record(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    for _ in range(2):
        assert (await client.post(URL, json=body(record))).status_code == 201

    response = await client.get("/api/v1/stats/coverage", params={"country": "GT"}, headers=admin.headers)

    [guatemala] = response.json()["countries"]
    assert guatemala["records"]["institutions"]["open_reports"] == 2
    assert guatemala["reported_records"] == [{"record_type": "institution", "record_id": record.id, "open_reports": 2}]
    assert response.json()["totals"]["records"]["institutions"]["open_reports"] == 2


async def test_a_report_handled_by_two_people_at_once_is_a_conflict_for_the_second(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account, editor_gt: Account
) -> None:
    """The race cannot be timed through HTTP: the second handler's read is taken before the first one's write."""
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    report_id = (await client.post(URL, json=body(record))).json()["id"]
    stale = await session.get(Report, report_id)
    assert stale is not None
    first = await client.patch(
        f"{URL}/{report_id}", json={"status": "resolved", "note": "Hecho."}, headers=admin.headers
    )
    assert first.status_code == 200

    with pytest.raises(ConflictError):
        await service.handle(session, editor_gt.user, stale, ReportUpdate(status="dismissed", note="No."))
