from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories

URL = "/api/v1/institutions"


async def names(client: httpx.AsyncClient, **params: object) -> list[str]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


async def test_list_is_paged_in_a_stable_order(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, *(factories.institution(name=f"Inst {letter}") for letter in "DCBAE"))

    first = (await client.get(URL, params={"limit": 2})).json()
    second = (await client.get(URL, params={"limit": 2, "offset": 2})).json()

    assert first["total"] == 5
    assert (first["limit"], first["offset"]) == (2, 0)
    assert [i["name"] for i in first["items"] + second["items"]] == ["Inst A", "Inst B", "Inst C", "Inst D"]


async def test_filter_by_country_is_repeatable_and_case_insensitive(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        factories.institution(name="In GT", country_code="GT"),
        factories.institution(name="In HN", country_code="HN"),
        factories.institution(name="In MX", country_code="MX"),
    )
    assert await names(client, country="gt") == ["In GT"]
    response = await client.get(URL, params=[("country", "GT"), ("country", "hn")])
    assert [i["name"] for i in response.json()["items"]] == ["In GT", "In HN"]


async def test_parent_service_type_matches_its_children(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.institution(name="Hotline", service_types=("emergency_hotline",)),
        factories.institution(name="Mobile team", service_types=("mobile_response_team",)),
        factories.institution(name="Lawyers", service_types=("legal_assistance",)),
    )
    assert await names(client, service_type="emergency_response") == ["Hotline", "Mobile team"]
    assert await names(client, service_type="emergency_hotline") == ["Hotline"]
    response = await client.get(
        URL, params=[("service_type", "emergency_hotline"), ("service_type", "legal_assistance")]
    )
    assert [i["name"] for i in response.json()["items"]] == ["Hotline", "Lawyers"]


async def test_filters_by_kind_population_language_and_emergency_response(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        factories.institution(name="Consulate", kind="consulate", populations=["adolescents"], languages=["es", "quc"]),
        factories.institution(
            name="Shelter",
            kind="ngo",
            populations=["unaccompanied_children", "lgbtiq"],
            emergency_response=True,
        ),
    )
    assert await names(client, kind="consulate") == ["Consulate"]
    assert await names(client, population="lgbtiq") == ["Shelter"]
    assert await names(client, population=["adolescents", "lgbtiq"]) == ["Consulate", "Shelter"]
    assert await names(client, language="quc") == ["Consulate"]
    assert await names(client, emergency_response="true") == ["Shelter"]
    assert await names(client, emergency_response="false") == ["Consulate"]


async def test_age_filter_keeps_records_serving_that_age(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.institution(name="Children", min_age=0, max_age=11),
        factories.institution(name="Adolescents", min_age=12, max_age=17),
        factories.institution(name="Any age"),
    )
    assert await names(client, age=5) == ["Any age", "Children"]
    assert await names(client, age=12) == ["Adolescents", "Any age"]
    assert await names(client, age=30) == ["Any age"]


async def test_search_ignores_case_and_accents(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.institution(name="Casa del Niño", description={"es": "Atención psicológica", "en": "Care"}),
        factories.institution(name="Other", acronym="PANI", description={"es": "Otra cosa", "en": "Other"}),
        factories.institution(name="Third", description={"es": "x", "en": "x", "quc": "Tob'anik chi re ak'alab'"}),
    )
    assert await names(client, q="nino") == ["Casa del Niño"]
    assert await names(client, q="ATENCION") == ["Casa del Niño"]
    assert await names(client, q="pani") == ["Other"]
    assert await names(client, q="ak'alab'") == ["Third"]
    assert await names(client, q="nino psicologica") == ["Casa del Niño"]
    assert await names(client, q="nino other") == []
    assert await names(client, q="100%") == []


async def test_status_verified_since_and_expiry(client: httpx.AsyncClient, session: AsyncSession) -> None:
    today = date.today()
    await factories.add(
        session,
        factories.institution(name="Active"),
        factories.institution(name="Inactive", status="inactive"),
        factories.institution(name="Expired", valid_until=today - timedelta(days=2)),
        factories.institution(name="Valid today", valid_until=today),
        factories.institution(name="Never verified", last_verified_at=None),
    )
    assert await names(client) == ["Active", "Never verified", "Valid today"]
    assert await names(client, status="inactive") == ["Inactive"]
    assert await names(client, verified_since="2026-05-31") == ["Active", "Valid today"]
    assert await names(client, verified_since="2026-06-02") == []


async def test_deleted_and_expired_records_are_not_found_by_id(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    expired = factories.institution(valid_until=date.today() - timedelta(days=2))
    deleted = factories.institution(deleted_at=factories.datetime.now(factories.UTC))
    await factories.add(session, expired, deleted)
    for record in (expired, deleted):
        response = await client.get(f"{URL}/{record.id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"service_type": "teleportation"}, "service_type"),
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"age": -1}, "age"),
        ({"age": "ten"}, "age"),
        ({"kind": "spaceship"}, "kind"),
        ({"population": "everyone"}, "population"),
        ({"verified_since": "yesterday"}, "verified_since"),
        ({"emergency_response": "maybe"}, "emergency_response"),
        ({"status": "deleted"}, "status"),
        ({"language": "not a tag"}, "language"),
        ({"lang": "???"}, "lang"),
    ],
)
async def test_bad_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get(URL, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == [field]
    assert field in error["message"]


@pytest.mark.parametrize("params", [{"q": "ni\x00no"}, {"country": "G\x00"}, {"service_type": "a\x00"}])
async def test_nul_characters_are_refused_with_422(client: httpx.AsyncClient, params: dict[str, str]) -> None:
    response = await client.get(URL, params=params)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == next(iter(params))


async def test_nul_character_in_an_id_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{URL}/abc%00def")
    assert response.status_code == 422
    assert response.json()["error"]["details"][0] == {
        "location": "path",
        "field": "institution_id",
        "message": "must not contain the NUL character",
    }
