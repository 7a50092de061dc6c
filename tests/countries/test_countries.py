from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories

URL = "/api/v1/countries"
RCM_MEMBERS = ["BZ", "CA", "CR", "DO", "GT", "HN", "MX", "NI", "PA", "SV", "US"]


def _today():
    return datetime.now(UTC).date()


async def test_lists_the_eleven_rcm_members_in_one_page(client: httpx.AsyncClient) -> None:
    response = await client.get(URL)

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"items", "total", "limit", "offset"}
    assert (body["total"], body["limit"], body["offset"]) == (11, 100, 0)
    assert [item["code"] for item in body["items"]] == RCM_MEMBERS
    assert all(item["rcm_member"] is True for item in body["items"])
    assert {item["code"]: item["name"] for item in body["items"]}["DO"] == "República Dominicana"


async def test_list_pages_with_limit_and_offset(client: httpx.AsyncClient) -> None:
    body = (await client.get(URL, params={"limit": 3, "offset": 2})).json()

    assert (body["total"], body["limit"], body["offset"]) == (11, 3, 2)
    assert [item["code"] for item in body["items"]] == ["CR", "DO", "GT"]


@pytest.mark.parametrize(
    ("params", "headers", "name", "language"),
    [
        ({}, {}, "México", "es"),
        ({"lang": "en"}, {}, "Mexico", "en"),
        ({"lang": "fr"}, {}, "Mexique", "fr"),
        ({}, {"Accept-Language": "en-US,en;q=0.9"}, "Mexico", "en"),
        ({"lang": "es"}, {"Accept-Language": "en"}, "México", "es"),
        ({"lang": "quc"}, {}, "México", "es"),
    ],
)
async def test_names_are_localized(
    client: httpx.AsyncClient, params: dict[str, str], headers: dict[str, str], name: str, language: str
) -> None:
    listed = await client.get(URL, params=params, headers=headers)
    one = await client.get(f"{URL}/MX", params=params, headers=headers)

    mexico = next(item for item in listed.json()["items"] if item["code"] == "MX")
    assert (mexico["name"], mexico["name_language"]) == (name, language)
    assert (one.json()["name"], one.json()["name_language"]) == (name, language)
    assert one.headers["Content-Language"] == language
    assert listed.headers["Content-Language"] == language


async def test_counts_only_published_active_records(client: httpx.AsyncClient, session: AsyncSession) -> None:
    today = _today()
    gone = {"deleted_at": datetime.now(UTC)}
    expired = {"valid_until": today - timedelta(days=2)}
    inactive = {"status": "inactive"}
    await factories.add(
        session,
        factories.institution(country_code="GT"),
        factories.institution(country_code="GT", valid_until=today),
        factories.institution(country_code="GT", valid_until=today + timedelta(days=30)),
        factories.institution(country_code="GT", **inactive),
        factories.institution(country_code="GT", **gone),
        factories.institution(country_code="GT", **expired),
        factories.institution(country_code="HN"),
        factories.emergency_service(country_code="GT"),
        factories.emergency_service(country_code="GT", **inactive),
        factories.emergency_service(country_code="GT", **gone),
        factories.emergency_service(country_code="GT", **expired),
        factories.emergency_service(country_code="CR"),
        factories.emergency_service(country_code="CR"),
        factories.focal_point(country_code="GT"),
        factories.focal_point(country_code="GT"),
        factories.focal_point(country_code="GT", **inactive),
        factories.focal_point(country_code="GT", **gone),
        factories.focal_point(country_code="GT", **expired),
    )

    counts = {item["code"]: item["counts"] for item in (await client.get(URL)).json()["items"]}
    guatemala = (await client.get(f"{URL}/GT")).json()["counts"]

    expected_gt = {"institutions": 3, "emergency_services": 1, "focal_points": 2}
    assert counts["GT"] == expected_gt
    assert guatemala == expected_gt
    assert counts["HN"] == {"institutions": 1, "emergency_services": 0, "focal_points": 0}
    assert counts["CR"] == {"institutions": 0, "emergency_services": 2, "focal_points": 0}
    assert counts["MX"] == {"institutions": 0, "emergency_services": 0, "focal_points": 0}


async def test_get_one_is_case_insensitive(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{URL}/gt")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "code": "GT",
        "name": "Guatemala",
        "name_language": "es",
        "rcm_member": True,
        "review_required": True,
        "counts": {"institutions": 0, "emergency_services": 0, "focal_points": 0},
    }


async def test_unknown_country_is_404_with_the_error_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{URL}/XX")

    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["status"], error["code"], error["details"]) == (404, "not_found", [])
    assert "'XX'" in error["message"]


@pytest.mark.parametrize("code", ["GTM", "G"])
async def test_a_code_of_the_wrong_length_is_422(client: httpx.AsyncClient, code: str) -> None:
    response = await client.get(f"{URL}/{code}")

    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (422, "invalid_parameter")
    assert [(d["location"], d["field"]) for d in error["details"]] == [("path", "code")]


@pytest.mark.parametrize(("params", "field"), [({"limit": 101}, "limit"), ({"lang": "???"}, "lang")])
async def test_bad_list_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get(URL, params=params)

    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
