from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories

URL = "/api/v1/protection-systems"
BILINGUAL = {"es": "Sistema de protección en español.", "en": "Protection system in English."}


def _today():
    return datetime.now(UTC).date()


async def names(client: httpx.AsyncClient, params: Any = None) -> list[str]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


async def test_list_is_paged_and_ordered_by_name(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, *(factories.protection_system(name=f"System {letter}") for letter in "CADB"))

    first = (await client.get(URL, params={"limit": 3})).json()
    second = (await client.get(URL, params={"limit": 3, "offset": 3})).json()

    assert (first["total"], first["limit"], first["offset"]) == (4, 3, 0)
    assert (second["total"], second["limit"], second["offset"]) == (4, 3, 3)
    assert [i["name"] for i in first["items"] + second["items"]] == [
        "System A",
        "System B",
        "System C",
        "System D",
    ]


async def test_filter_by_country_is_repeatable_and_case_insensitive(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await factories.add(
        session,
        factories.protection_system(name="In GT", country_code="GT"),
        factories.protection_system(name="In HN", country_code="HN"),
        factories.protection_system(name="In MX", country_code="MX"),
    )

    assert await names(client, {"country": "mx"}) == ["In MX"]
    assert await names(client, [("country", "GT"), ("country", "hn")]) == ["In GT", "In HN"]
    assert await names(client, {"country": "CR"}) == []


async def test_search_ignores_case_and_accents(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.protection_system(
            name="Sistema Nacional de Protección Integral", description={"es": "Coordinación", "en": "Coordination"}
        ),
        factories.protection_system(name="Red de Niñez", description={"es": "Atención psicológica", "en": "Care"}),
        factories.protection_system(
            name="Third", description={"es": "x", "en": "Safeguarding board", "quc": "Chajinik ak'alab'"}
        ),
    )

    assert await names(client, {"q": "proteccion"}) == ["Sistema Nacional de Protección Integral"]
    assert await names(client, {"q": "NIÑEZ"}) == ["Red de Niñez"]
    assert await names(client, {"q": "ninez psicologica"}) == ["Red de Niñez"]
    assert await names(client, {"q": "safeguarding"}) == ["Third"]
    assert await names(client, {"q": "ak'alab'"}) == ["Third"]
    assert await names(client, {"q": "ninez coordination"}) == []


async def test_status_and_publication_rules(client: httpx.AsyncClient, session: AsyncSession) -> None:
    today = _today()
    await factories.add(
        session,
        factories.protection_system(name="Active"),
        factories.protection_system(name="Inactive", status="inactive"),
        factories.protection_system(name="Deleted", deleted_at=datetime.now(UTC)),
        factories.protection_system(name="Expired", valid_until=today - timedelta(days=2)),
        factories.protection_system(name="Inactive expired", status="inactive", valid_until=today - timedelta(days=2)),
        factories.protection_system(name="Valid today", valid_until=today),
    )

    assert await names(client) == ["Active", "Valid today"]
    assert await names(client, {"status": "inactive"}) == ["Inactive"]
    assert await names(client, {"status": "active"}) == ["Active", "Valid today"]


async def test_verified_since(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.protection_system(name="Recent", last_verified_at=datetime(2026, 6, 1, 12, tzinfo=UTC)),
        factories.protection_system(name="Old", last_verified_at=datetime(2025, 1, 1, tzinfo=UTC)),
        factories.protection_system(name="Never"),
    )

    assert await names(client, {"verified_since": "2026-06-01"}) == ["Recent"]
    assert await names(client, {"verified_since": "2024-12-31"}) == ["Old", "Recent"]


async def test_get_one_by_id(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.protection_system(
        name="SIPINNA",
        country_code="MX",
        description=BILINGUAL,
        website="https://example.org/sipinna",
        source="Test source",
        last_verified_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    await factories.add(session, record)

    response = await client.get(f"{URL}/{record.id}")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == record.id
    assert (body["name"], body["country_code"], body["website"]) == ("SIPINNA", "MX", "https://example.org/sipinna")
    assert (body["description"], body["description_language"]) == (BILINGUAL["es"], "es")
    assert (body["status"], body["demo"], body["version"], body["source"]) == ("active", False, 1, "Test source")
    assert body["lead_institution_id"] is None
    assert body["valid_until"] is None
    assert body["last_verified_at"].startswith("2026-06-01T00:00:00")


async def test_lead_institution_is_linked_by_id(client: httpx.AsyncClient, session: AsyncSession) -> None:
    lead = factories.institution(name="Lead")
    await factories.add(session, lead)
    record = factories.protection_system(lead_institution_id=lead.id)
    await factories.add(session, record)

    body = (await client.get(f"{URL}/{record.id}")).json()
    listed = (await client.get(URL)).json()["items"]

    assert body["lead_institution_id"] == lead.id
    assert [item["lead_institution_id"] for item in listed] == [lead.id]


async def test_unknown_deleted_and_expired_are_not_found_by_id(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    expired = factories.protection_system(valid_until=_today() - timedelta(days=2))
    deleted = factories.protection_system(deleted_at=datetime.now(UTC))
    await factories.add(session, expired, deleted)

    for system_id in (expired.id, deleted.id, "00000000-0000-0000-0000-000000000000"):
        response = await client.get(f"{URL}/{system_id}")
        assert response.status_code == 404
        error = response.json()["error"]
        assert (error["status"], error["code"]) == (404, "not_found")
        assert system_id in error["message"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"status": "deleted"}, "status"),
        ({"q": ""}, "q"),
        ({"verified_since": "yesterday"}, "verified_since"),
        ({"limit": 1000}, "limit"),
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


# Language negotiation of a localized text (the description), by id and in the list.


@pytest.mark.parametrize(
    ("texts", "params", "headers", "expected", "language"),
    [
        pytest.param(BILINGUAL, {}, {}, BILINGUAL["es"], "es", id="default-spanish"),
        pytest.param(BILINGUAL, {"lang": "en"}, {}, BILINGUAL["en"], "en", id="lang-en"),
        pytest.param(BILINGUAL, {"lang": "EN"}, {}, BILINGUAL["en"], "en", id="lang-upper-case"),
        pytest.param(BILINGUAL, {"lang": "en-GB"}, {}, BILINGUAL["en"], "en", id="lang-region"),
        pytest.param(
            BILINGUAL, {}, {"Accept-Language": "en-US,en;q=0.9"}, BILINGUAL["en"], "en", id="accept-language-en"
        ),
        pytest.param(
            BILINGUAL, {}, {"Accept-Language": "fr;q=0.9, en;q=0.8"}, BILINGUAL["en"], "en", id="accept-second-choice"
        ),
        pytest.param(
            BILINGUAL, {"lang": "es"}, {"Accept-Language": "en"}, BILINGUAL["es"], "es", id="lang-beats-header"
        ),
        pytest.param(BILINGUAL, {"lang": "fr"}, {}, BILINGUAL["es"], "es", id="fr-falls-back-to-es"),
        pytest.param({"en": "Only English."}, {"lang": "es"}, {}, "Only English.", "en", id="es-falls-back-to-en"),
        pytest.param(
            {**BILINGUAL, "quc": "Chajinik ak'alab' pa K'iche'."},
            {"lang": "quc"},
            {},
            "Chajinik ak'alab' pa K'iche'.",
            "quc",
            id="kiche",
        ),
        pytest.param({"pt": "Só português."}, {"lang": "fr"}, {}, "Só português.", "pt", id="only-other-language"),
    ],
)
async def test_description_language_negotiation(
    client: httpx.AsyncClient,
    session: AsyncSession,
    texts: dict[str, str],
    params: dict[str, str],
    headers: dict[str, str],
    expected: str,
    language: str,
) -> None:
    record = factories.protection_system(description=texts)
    await factories.add(session, record)

    one = await client.get(f"{URL}/{record.id}", params=params, headers=headers)
    listed = await client.get(URL, params=params, headers=headers)

    for response, body in ((one, one.json()), (listed, listed.json()["items"][0])):
        assert response.status_code == 200, response.text
        assert (body["description"], body["description_language"]) == (expected, language)
        assert response.headers["Content-Language"] == language


async def test_content_language_lists_every_language_used(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.protection_system(name="A K'iche'", description={"es": "es", "quc": "K'iche' text"}),
        factories.protection_system(name="B Spanish", description={"es": "Solo español", "en": "English"}),
        factories.protection_system(name="C none", description={}),
    )

    response = await client.get(URL, params={"lang": "quc"})

    assert [(i["description"], i["description_language"]) for i in response.json()["items"]] == [
        ("K'iche' text", "quc"),
        ("Solo español", "es"),
        (None, None),
    ]
    assert response.headers["Content-Language"] == "quc, es"


async def test_responses_negotiated_on_accept_language_say_they_vary(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    record = factories.protection_system(description=BILINGUAL)
    await factories.add(session, record)

    english = await client.get(f"{URL}/{record.id}", headers={"Accept-Language": "en"})
    spanish = await client.get(f"{URL}/{record.id}", headers={"Accept-Language": "es"})

    assert english.json()["description"] != spanish.json()["description"]
    for response in (english, spanish):
        assert "accept-language" in response.headers.get("Vary", "").lower()
