from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories

URL = "/api/v1/emergency-services"
SECRET_ADDRESS = "Colonia Reservada, casa 17"


def _today():
    return datetime.now(UTC).date()


async def names(client: httpx.AsyncClient, params: Any = None) -> list[str]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


async def test_list_is_paged_and_ordered_by_name(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, *(factories.emergency_service(name=f"Line {letter}") for letter in "DBEAC"))

    first = (await client.get(URL, params={"limit": 2})).json()
    last = (await client.get(URL, params={"limit": 2, "offset": 4})).json()

    assert set(first) == {"items", "total", "limit", "offset"}
    assert (first["total"], first["limit"], first["offset"]) == (5, 2, 0)
    assert [i["name"] for i in first["items"]] == ["Line A", "Line B"]
    assert (last["total"], [i["name"] for i in last["items"]]) == (5, ["Line E"])


async def test_default_page_limit_is_20(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, *(factories.emergency_service(name=f"Line {n:02d}") for n in range(21)))

    body = (await client.get(URL)).json()

    assert (body["total"], body["limit"], len(body["items"])) == (21, 20, 20)


async def test_filter_by_country(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="In HN", country_code="HN"),
        factories.emergency_service(name="In GT", country_code="GT"),
        factories.emergency_service(name="In SV", country_code="SV"),
    )

    assert await names(client, {"country": "gt"}) == ["In GT"]
    assert await names(client, [("country", "HN"), ("country", "sv")]) == ["In HN", "In SV"]
    assert await names(client, {"country": "US"}) == []


async def test_parent_service_type_matches_its_children(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="Hotline", service_types=("emergency_hotline",)),
        factories.emergency_service(name="Mobile team", service_types=("mobile_response_team",)),
        factories.emergency_service(name="Shelter", service_types=("emergency_shelter",)),
        factories.emergency_service(name="Trafficking line", service_types=("anti_trafficking", "emergency_hotline")),
    )

    assert await names(client, {"service_type": "emergency_response"}) == [
        "Hotline",
        "Mobile team",
        "Trafficking line",
    ]
    assert await names(client, {"service_type": "mobile_response_team"}) == ["Mobile team"]
    assert await names(client, {"service_type": "shelter"}) == ["Shelter"]
    assert await names(client, {"service_type": "violence_response"}) == ["Trafficking line"]
    assert await names(client, [("service_type", "shelter"), ("service_type", "anti_trafficking")]) == [
        "Shelter",
        "Trafficking line",
    ]
    assert await names(client, {"service_type": "legal_assistance"}) == []


async def test_filter_by_language_spoken(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="Spanish and K'iche'", languages=["es", "quc"]),
        factories.emergency_service(name="English", languages=["en"]),
        factories.emergency_service(name="Spanish", languages=["es"]),
    )

    assert await names(client, {"language": "quc"}) == ["Spanish and K'iche'"]
    assert await names(client, {"language": "EN"}) == ["English"]
    assert await names(client, [("language", "en"), ("language", "quc")]) == ["English", "Spanish and K'iche'"]
    assert await names(client, {"language": "mam"}) == []


async def test_filter_by_available_24h(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="Always", available_24h=True),
        factories.emergency_service(name="Office hours", available_24h=False),
    )

    assert await names(client, {"available_24h": "true"}) == ["Always"]
    assert await names(client, {"available_24h": "false"}) == ["Office hours"]
    assert await names(client) == ["Always", "Office hours"]


async def test_status_and_publication_rules(client: httpx.AsyncClient, session: AsyncSession) -> None:
    today = _today()
    await factories.add(
        session,
        factories.emergency_service(name="Active"),
        factories.emergency_service(name="Inactive", status="inactive"),
        factories.emergency_service(name="Deleted", deleted_at=datetime.now(UTC)),
        factories.emergency_service(name="Expired", valid_until=today - timedelta(days=2)),
        factories.emergency_service(name="Valid today", valid_until=today),
    )

    assert await names(client) == ["Active", "Valid today"]
    assert await names(client, {"status": "inactive"}) == ["Inactive"]


async def test_filter_by_verified_since(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="Recent", last_verified_at=datetime(2026, 6, 1, 8, tzinfo=UTC)),
        factories.emergency_service(name="Old", last_verified_at=datetime(2025, 3, 1, tzinfo=UTC)),
        factories.emergency_service(name="Never", last_verified_at=None),
    )

    assert await names(client, {"verified_since": "2026-06-01"}) == ["Recent"]
    assert await names(client, {"verified_since": "2026-06-02"}) == []
    assert await names(client, {"verified_since": "2025-01-01"}) == ["Old", "Recent"]


async def test_search_ignores_case_and_accents(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(
            name="Línea Niñez Segura", description={"es": "Atención psicológica", "en": "Counselling"}
        ),
        factories.emergency_service(name="Other", description={"es": "Albergue", "en": "Night shelter"}),
    )

    assert await names(client, {"q": "linea ninez"}) == ["Línea Niñez Segura"]
    assert await names(client, {"q": "PSICOLOGICA"}) == ["Línea Niñez Segura"]
    assert await names(client, {"q": "night shelter"}) == ["Other"]
    assert await names(client, {"q": "linea shelter"}) == []


async def test_filters_combine_with_and(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="Match", country_code="GT", available_24h=True, languages=["quc"]),
        factories.emergency_service(name="Wrong country", country_code="HN", available_24h=True, languages=["quc"]),
        factories.emergency_service(name="Not 24h", country_code="GT", available_24h=False, languages=["quc"]),
        factories.emergency_service(name="Wrong language", country_code="GT", available_24h=True, languages=["es"]),
    )

    params = {"country": "GT", "available_24h": "true", "language": "quc", "service_type": "emergency_response"}
    body = (await client.get(URL, params=params)).json()

    assert (body["total"], [i["name"] for i in body["items"]]) == (1, ["Match"])


async def test_get_one_by_id(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.emergency_service(
        name="Línea 111",
        country_code="HN",
        service_types=("mobile_response_team", "emergency_hotline"),
        phones=[{"number": "+50400000111", "kind": "hotline", "label": {"es": "Línea gratuita", "en": "Free line"}}],
        available_24h=False,
        opening_hours={
            "periods": [{"day": "monday", "opens": "08:00", "closes": "16:00"}],
            "note": {"es": "Cerrado en feriados", "en": "Closed on holidays"},
        },
        time_zone="America/Tegucigalpa",
        free_of_charge=False,
        languages=["es", "en"],
        address="Boulevard de prueba 1",
        admin_area="Francisco Morazán",
    )
    await factories.add(session, record)

    response = await client.get(f"{URL}/{record.id}", params={"lang": "en"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["name"], body["country_code"]) == (record.id, "Línea 111", "HN")
    assert body["service_types"] == ["emergency_hotline", "mobile_response_team"]
    assert body["phones"] == [
        {"number": "+50400000111", "kind": "hotline", "label": "Free line", "label_language": "en"}
    ]
    assert (body["available_24h"], body["free_of_charge"], body["time_zone"]) == (
        False,
        False,
        "America/Tegucigalpa",
    )
    assert body["opening_hours"] == {
        "periods": [{"day": "monday", "opens": "08:00", "closes": "16:00"}],
        "note": "Closed on holidays",
        "note_language": "en",
    }
    assert (body["description"], body["description_language"]) == ("Immediate help line.", "en")
    assert (body["address"], body["city"], body["admin_area"]) == (
        "Boulevard de prueba 1",
        "Tegucigalpa",
        "Francisco Morazán",
    )
    assert (body["latitude"], body["longitude"], body["location_confidential"]) == (14.0723, -87.1921, False)
    assert body["languages"] == ["es", "en"]
    assert (body["status"], body["demo"], body["version"]) == ("active", False, 1)


async def test_coverage_object(client: httpx.AsyncClient, session: AsyncSession) -> None:
    national = factories.emergency_service(name="A national")
    regional = factories.emergency_service(
        name="B regional", coverage_national=False, coverage_areas=["Cortés", "Atlántida"]
    )
    await factories.add(session, national, regional)

    listed = (await client.get(URL)).json()["items"]
    one = (await client.get(f"{URL}/{regional.id}")).json()

    assert [item["coverage"] for item in listed] == [
        {"national": True, "admin_areas": []},
        {"national": False, "admin_areas": ["Cortés", "Atlántida"]},
    ]
    assert one["coverage"] == {"national": False, "admin_areas": ["Cortés", "Atlántida"]}


async def test_confidential_location_shows_only_city_and_area(client: httpx.AsyncClient, session: AsyncSession) -> None:
    hidden = factories.emergency_service(
        name="Safe house",
        service_types=("emergency_shelter",),
        location_confidential=True,
        address=SECRET_ADDRESS,
        city="San Pedro Sula",
        admin_area="Cortés",
        latitude=15.5041,
        longitude=-88.0253,
    )
    await factories.add(session, hidden)

    listed = await client.get(URL)
    one = await client.get(f"{URL}/{hidden.id}")

    for response, body in ((listed, listed.json()["items"][0]), (one, one.json())):
        assert response.status_code == 200, response.text
        assert body["name"] == "Safe house"
        assert (body["city"], body["admin_area"], body["location_confidential"]) == ("San Pedro Sula", "Cortés", True)
        assert (body["address"], body["latitude"], body["longitude"]) == (None, None, None)
        assert SECRET_ADDRESS not in response.text
        assert "15.5041" not in response.text
        assert "-88.0253" not in response.text
    assert await names(client, {"q": "Colonia Reservada"}) == []


@pytest.mark.parametrize(
    ("make_gone"),
    [
        pytest.param(lambda: {"deleted_at": datetime.now(UTC)}, id="deleted"),
        pytest.param(lambda: {"valid_until": _today() - timedelta(days=2)}, id="expired"),
    ],
)
async def test_deleted_and_expired_are_not_found_by_id(
    client: httpx.AsyncClient, session: AsyncSession, make_gone: Any
) -> None:
    gone = factories.emergency_service(**make_gone())
    await factories.add(session, gone)

    response = await client.get(f"{URL}/{gone.id}")

    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (404, "not_found")
    assert gone.id in error["message"]


async def test_unknown_id_is_404(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, factories.emergency_service())

    response = await client.get(f"{URL}/no-such-service")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_lang_falls_back_and_says_so(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.emergency_service(description={"es": "Solo en español y K'iche'", "quc": "Tob'anik"}),
    )

    french = await client.get(URL, params={"lang": "fr"})
    kiche = await client.get(URL, params={"lang": "quc"})

    item = french.json()["items"][0]
    assert (item["description"], item["description_language"]) == ("Solo en español y K'iche'", "es")
    assert french.headers["Content-Language"] == "es"
    item = kiche.json()["items"][0]
    assert (item["description"], item["description_language"]) == ("Tob'anik", "quc")
    assert kiche.headers["Content-Language"] == "quc, es"  # its phone's label is in Spanish (and English)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"service_type": "teleportation"}, "service_type"),
        ({"available_24h": "maybe"}, "available_24h"),
        ({"limit": 1000}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"status": "deleted"}, "status"),
        ({"verified_since": "2026-13-01"}, "verified_since"),
        ({"language": "not a tag"}, "language"),
        ({"q": "x" * 201}, "q"),
    ],
)
async def test_bad_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get(URL, params=params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (422, "invalid_parameter")
    assert [(d["location"], d["field"]) for d in error["details"]] == [("query", field)]
    assert field in error["message"]


async def test_422_names_only_the_unknown_codes(client: httpx.AsyncClient) -> None:
    response = await client.get(URL, params=[("service_type", "shelter"), ("service_type", "teleportation")])
    countries = await client.get(URL, params=[("country", "GT"), ("country", "zz")])

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["message"] == "unknown service-type code(s): teleportation"
    assert countries.status_code == 422
    assert countries.json()["error"]["details"][0]["message"] == "unknown country code(s): ZZ"
