"""Text in the language asked for, and every translation in the profile's rcm_translations extension."""

import json

import httpx

from app.hsds.ids import twin_id
from tests.hsds.conftest import Directory, get_json, term_id
from tests.hsds.schema import assert_answer


async def test_text_fields_follow_lang_then_accept_language_then_the_fallback(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    url = f"/hsds/services/{twin_id(directory.institution.id, 'service')}"

    english = await client.get(url, params={"lang": "en"})
    by_header = await client.get(url, headers={"Accept-Language": "en-US,en;q=0.9"})
    french = await client.get(url, params={"lang": "fr"})
    default = await client.get(url)

    assert english.json()["description"] == "Legal advice for migrant children."
    assert english.json()["rcm_text_languages"] == {"description": "en"}
    assert by_header.json()["description"] == "Legal advice for migrant children."
    assert french.json()["description"] == "Asesoría jurídica para la niñez migrante.", "fr falls back to Spanish"
    assert french.json()["rcm_text_languages"] == {"description": "es"}
    assert default.json()["description"] == "Asesoría jurídica para la niñez migrante."
    assert english.headers["content-language"] == "en"
    assert default.headers["content-language"] == "es"
    assert_answer("/services/{id}", english.json())
    schedule = english.json()["schedules"][0]
    assert schedule["description"] == "Office hours."
    assert schedule["rcm_translations"] == {"description": {"en": "Office hours.", "es": "Horario de oficina."}}


async def test_every_translation_is_in_the_extension_whatever_the_language(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    expected = {
        "description": {"en": "Legal advice for migrant children.", "es": "Asesoría jurídica para la niñez migrante."}
    }
    for lang in ("es", "en", "fr"):
        organization = await get_json(client, f"/hsds/organizations/{directory.institution.id}", lang=lang)
        assert organization["rcm_translations"] == expected
    term = await get_json(client, f"/hsds/taxonomy_terms/{await term_id(client, 'shelter')}", lang="en")
    assert term["name"] == term["rcm_translations"]["name"]["en"]
    assert term["language"] == "en"
    assert set(term["rcm_translations"]["name"]) >= {"es", "en"}
    assert term["taxonomy_detail"]["name"] == "Service types of the RCM Regional Protection Directory"
    hotline = await get_json(client, f"/hsds/services/{directory.linked.id}", lang="en")
    assert hotline["fees_description"] == "Free of charge."
    assert hotline["schedules"][0]["description"] == "Open 24 hours a day, every day."


async def test_ndjson_carries_the_language_too(client: httpx.AsyncClient, directory: Directory) -> None:
    response = await client.get("/hsds/organizations", params={"format": "ndjson", "lang": "en"})
    assert response.headers["content-language"] == "en"
    assert "Accept-Language" in response.headers["vary"]
    first = json.loads(response.text.splitlines()[0])
    assert first["rcm_text_languages"] == {"description": "en"}


async def test_a_malformed_language_gets_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/hsds/services", params={"lang": "not a tag"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "lang"
